import type { CaseRecord } from '#records/case-records.ts';
import type { Sop } from '#sop/schema.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { witaDateTime } from '#clock/add-working-days.ts';

/** The service time as the receipt states it: how many days, counted from what. */
function promise(sop: Sop): string {
  const service = sop.serviceTime;
  if (!service) return 'tidak ditentukan dalam SOP';
  const days = `${service.limit} hari${service.unit === 'working-days' ? ' kerja' : ''}`;
  return service.startsAt.event === 'technical-recommendation'
    ? `${days} sejak rekomendasi teknis diterima DPMPTSP`
    : `${days} sejak berkas dinyatakan lengkap dan benar`;
}

/** A document whose data was not given: named for the person who must give it. */
export class MissingDocumentData extends Error {
  override readonly name = 'Paraf.MissingDocumentData';
}

/**
 * The data a document is rendered from. The receipt is built from the case itself; every other
 * document uses what the drafter gave, with the case or with the drafting decision.
 */
export function documentDataFor(kind: string, sop: Sop, record: CaseRecord, staff: StaffDirectory): unknown {
  if (kind === 'tanda-terima') {
    const received = witaDateTime(new Date(record.createdAt));
    const registration = sop.steps.find((step) => step.kind === 'registration');
    const clerk = registration ? staff.forLane(registration.lane)[0] : undefined;
    return {
      nomorBerkas: record.fileNumber,
      kodeTandaTerima: record.receiptCode,
      tanggalTerima: received.date,
      jamTerima: received.time,
      tanggalJanjiSelesai: record.deadline,
      janjiPenyelesaian: promise(sop),
      pemohon: {
        nama: record.applicant.name,
        perusahaan: String(
          (record.form.facts as Record<string, unknown> | undefined)?.perusahaan ?? record.applicant.name,
        ),
        alamat: record.applicant.address ?? '-',
        telepon: String((record.applicant as Record<string, unknown>).phone ?? '-'),
      },
      persyaratan: record.requirements.map((item) => ({ nomor: item.id, uraian: item.label, ada: item.handedIn })),
      petugas: { nama: clerk?.name ?? 'Petugas Loket', jabatan: clerk?.position ?? 'Petugas Loket Pendaftaran' },
    };
  }
  const data = record.form.documents?.[kind];
  if (data === undefined)
    throw new MissingDocumentData(`data dokumen "${kind}" belum diisi untuk berkas ${record.fileNumber}`);
  return data;
}
