import type { CaseRecord } from '#records/case-records.ts';
import type { Sop } from '#sop/schema.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { witaDateTime } from '#clock/add-working-days.ts';

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
      tanggalJanjiSelesai: record.deadline ?? received.date,
      pemohon: {
        nama: record.applicant.name,
        perusahaan: String((record.form.facts as Record<string, unknown> | undefined)?.perusahaan ?? record.applicant.name),
        alamat: record.applicant.address ?? '-',
        telepon: String((record.applicant as Record<string, unknown>).phone ?? '-'),
      },
      persyaratan: record.requirements.map((item) => ({ nomor: item.id, uraian: item.label, ada: item.handedIn })),
      petugas: { nama: clerk?.name ?? 'Petugas Loket', jabatan: clerk?.position ?? 'Petugas Loket Pendaftaran' },
    };
  }
  const data = record.form.documents?.[kind];
  if (data === undefined) throw new MissingDocumentData(`data dokumen "${kind}" belum diisi untuk berkas ${record.fileNumber}`);
  return data;
}
