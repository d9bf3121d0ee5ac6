import { ParafError } from '#errors/paraf-error.ts';
import type { CaseRecord } from '#records/case-records.ts';
import type { Sop } from '#sop/schema.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { witaDateTime } from '#clock/wita.ts';
import { complaintChannels, handoverRightsAndDuties } from '#sop/applicant-information.ts';
import { requirementNumbersNote } from '#sop/requirement-numbers.ts';

/** The service time as the receipt states it: how many days, counted from what. */
export function promise(sop: Sop): string {
  const service = sop.serviceTime;
  if (!service) return 'tidak ditentukan dalam SOP';
  const days = `${service.limit} hari${service.unit === 'working-days' ? ' kerja' : ''}`;
  return service.startsAt.event === 'technical-recommendation'
    ? `${days} sejak rekomendasi teknis diterima DPMPTSP`
    : `${days} sejak berkas dinyatakan lengkap dan benar`;
}

/** A document whose data was not given (`incomplete`): named for the person who must give it. */
export class MissingDocumentData extends ParafError {
  constructor(message: string) {
    super('incomplete', message);
  }
}

/** Kinds built from the case and the catalog alone: nobody types their data, so no page asks for it. */
export const BUILT_FROM_CASE: readonly string[] = ['tanda-terima', 'tanda-terima-penyerahan'];

/**
 * What the office's copies of the intake receipt print for the receipt code. The code opens the
 * applicant's page and takes the permit at the handover, so only the sheet printed for the applicant
 * carries it (`applicantReceiptData`); the archived copies, which every official may open, do not.
 */
export const RECEIPT_CODE_WITHHELD = 'hanya tercetak pada tanda terima yang dicetak loket untuk pemohon';

/** The intake receipt as printed for the applicant at the counter: with the receipt code, and where to check the file's status. */
export function applicantReceiptData(
  sop: Sop,
  record: CaseRecord,
  staff: StaffDirectory,
  publicUrl: string,
): Record<string, unknown> {
  return {
    ...(documentDataFor('tanda-terima', sop, record, staff) as Record<string, unknown>),
    kodeTandaTerima: record.receiptCode,
    alamatCekStatus: `${publicUrl}/cek-status`,
  };
}

/** What the handover receipt needs besides the case: the decision that recorded it, and the numbers given. */
export interface HandoverContext {
  at: string;
  by: string | undefined;
  issued: { title: string; number: string | null }[];
}

function perusahaan(record: CaseRecord): string {
  return String((record.form.facts as Record<string, unknown> | undefined)?.perusahaan ?? record.applicant.name);
}

/**
 * The data a document is rendered from. The receipts are built from the case itself (the handover's
 * with `handover`); every other document uses what the drafter gave, with the case or with the
 * drafting decision.
 */
export function documentDataFor(
  kind: string,
  sop: Sop,
  record: CaseRecord,
  staff: StaffDirectory,
  handover?: HandoverContext,
): unknown {
  if (kind === 'tanda-terima-penyerahan') {
    if (!handover) throw new Error(`${sop.id}: the handover receipt is rendered only at the handover`);
    const at = witaDateTime(new Date(handover.at));
    // The officer who recorded the handover, else (not in the directory) the role alone: never a guessed colleague.
    const clerk = handover.by ? staff.byId(handover.by) : undefined;
    const given = record.form.documents?.[kind] as { penerima?: unknown; identitas?: unknown } | undefined;
    return {
      nomorBerkas: record.fileNumber,
      // The code opens the applicant's own page (with the file number printed beside it): the archived
      // handover receipt says it was checked, and shows none of it.
      kodeTandaTerima:
        typeof given?.identitas === 'string'
          ? `tidak ditunjukkan; identitas pengambil diperiksa: ${given.identitas}`
          : 'diperiksa, cocok dengan tanda terima berkas',
      tanggalSerah: at.date,
      jamSerah: at.time,
      pemohon: { nama: record.applicant.name, perusahaan: perusahaan(record) },
      diserahkan: handover.issued.map((doc) => ({ judul: doc.title, nomor: doc.number })),
      penerima: typeof given?.penerima === 'string' && given.penerima.trim() ? given.penerima.trim() : null,
      hakDanKewajiban: handoverRightsAndDuties(sop).items,
      pengaduan: complaintChannels(sop).items,
      petugas: { nama: clerk?.name ?? 'Petugas Tata Usaha', jabatan: clerk?.position ?? 'Petugas Tata Usaha' },
    };
  }
  if (kind === 'tanda-terima') {
    const received = witaDateTime(new Date(record.createdAt));
    const numbersNote = requirementNumbersNote(record.requirements, sop);
    // The official signed in at the counter who received the file; an older case names the role only.
    const clerk = record.receivedBy ? staff.byId(record.receivedBy.id) : undefined;
    return {
      nomorBerkas: record.fileNumber,
      kodeTandaTerima: RECEIPT_CODE_WITHHELD,
      tanggalTerima: received.date,
      jamTerima: received.time,
      tanggalJanjiSelesai: record.deadline,
      janjiPenyelesaian: promise(sop),
      pemohon: {
        nama: record.applicant.name,
        perusahaan: perusahaan(record),
        alamat: record.applicant.address ?? '-',
        telepon: String((record.applicant as Record<string, unknown>).phone ?? '-'),
      },
      ...(record.permitNumber ? { izin: record.permitNumber } : {}),
      persyaratan: record.requirements.map((item) => ({ nomor: item.id, uraian: item.label, ada: item.handedIn })),
      ...(numbersNote ? { catatanNomor: numbersNote } : {}),
      petugas: {
        nama: clerk?.name ?? record.receivedBy?.name ?? 'Petugas Loket',
        jabatan: clerk?.position ?? 'Petugas Loket Pendaftaran',
      },
      pengaduan: complaintChannels(sop).items,
    };
  }
  const data = record.form.documents?.[kind];
  if (data === undefined)
    throw new MissingDocumentData(`data dokumen "${kind}" belum diisi untuk berkas ${record.fileNumber}`);
  return data;
}
