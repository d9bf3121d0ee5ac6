/**
 * How a drafter's form names a kind's fields: data beside each kind's schema, never HTML. The form
 * generator (web/draft-form.ts) walks the schema and takes from here, field by field, the label, the
 * help text and whether a text is long; the fields appear in the order they are written here.
 */
export interface FieldLabel {
  label: string;
  help?: string;
  /** Long text: a text area rather than one line. */
  long?: boolean;
  /** The fields of an object, or of one row of a list of objects. */
  fields?: FieldLabels;
  /** One row of a list, as its heading and its add button name it ("Bagian barang"). */
  row?: string;
}

export type FieldLabels = Record<string, FieldLabel>;

/** Fields that need no more than their label, written `{ nama: 'Nama' }`. */
export function labelsOf(labels: Record<string, string>): FieldLabels {
  return Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, { label }]));
}

/** A letter of another office a document rests on (`suratInstansi` in common.ts), named after what it is. */
export const letterFrom = (what: string): FieldLabels =>
  labelsOf({ instansi: 'Instansi', nomor: `Nomor ${what}`, tanggal: `Tanggal ${what}` });

export const PEJABAT: FieldLabels = {
  nama: { label: 'Nama' },
  nip: { label: 'NIP', help: '18 angka, tanpa spasi' },
  pangkat: { label: 'Pangkat/golongan', help: 'misalnya Penata Tk. I (III/d)' },
  jabatan: { label: 'Jabatan' },
};

export const ORANG: FieldLabels = labelsOf({ nama: 'Nama', jabatan: 'Jabatan' });

export const PERUSAHAAN: FieldLabels = {
  nama: { label: 'Nama perusahaan' },
  nib: { label: 'NIB', help: '13 angka' },
  npwp: { label: 'NPWP', help: '15 atau 16 angka, boleh dengan titik dan tanda hubung' },
  alamat: { label: 'Alamat', long: true },
};

export const PELAKU_USAHA: FieldLabels = {
  nama: { label: 'Nama pelaku usaha' },
  nib: { label: 'NIB', help: '13 angka' },
  alamat: { label: 'Alamat', long: true },
};

export const TANGGAL: FieldLabel = { label: 'Tanggal surat' };

/** The heading and addressee of an outgoing letter (`surat` in common.ts). */
export const SURAT = {
  tanggal: TANGGAL,
  sifat: { label: 'Sifat surat' },
  lampiran: {
    label: 'Lampiran',
    help: 'jumlah lampiran, misalnya "1 (satu) berkas"; bila dikosongkan, surat mencetak "-"',
  },
  perihal: { label: 'Perihal' },
  kepada: {
    label: 'Kepada',
    fields: { jabatan: { label: 'Jabatan penerima' }, instansi: { label: 'Instansi' }, alamat: { label: 'Alamat' } },
  },
  tembusan: { label: 'Tembusan', row: 'Tembusan' },
} satisfies FieldLabels;

/** A report's date, its compilers and who acknowledges it (`laporan` in common.ts). */
export const LAPORAN: FieldLabels = {
  tanggal: { label: 'Tanggal laporan' },
  penyusun: { label: 'Penyusun laporan', row: 'Penyusun', fields: PEJABAT },
  mengetahui: { label: 'Mengetahui (kepala bidang)', fields: PEJABAT },
};

export const IZIN: FieldLabels = labelsOf({ jenis: 'Jenis izin', nomor: 'Nomor izin', tanggal: 'Tanggal izin' });

/** Fields several inspection and monitoring documents share, worded once. */
export const NOMOR_SURAT_TUGAS: FieldLabel = { label: 'Nomor Surat Tugas' };
export const RINGKASAN: FieldLabel = { label: 'Ringkasan', long: true };
export const KESIMPULAN: FieldLabel = { label: 'Kesimpulan', long: true };
export const REKOMENDASI: FieldLabel = { label: 'Rekomendasi', row: 'Rekomendasi', long: true };
