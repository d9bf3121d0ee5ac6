import type { SopInput } from '../schema.ts';
import {
  BERKAS,
  DRAF_IZIN,
  ISIAN_MAP,
  MAP_PROSES,
  SERVICE_HOURS,
  askInformationSteps,
  counterSteps,
  handoverSteps,
  kepalaSignatureStep,
  licensingLanes,
  tataUsahaNumberStep,
} from './common.ts';
import { IMTA_SECTIONS } from './licensing-sections.ts';

const H_H2 = (minMinutes: number, maxMinutes: number, asWritten: string) => ({
  asWritten,
  dayFrom: 0,
  dayTo: 2,
  minMinutes,
  maxMinutes,
});

/** SOP-LP2N-TKT-02 rev 03: extension of the permit to employ a foreign worker (IMTA). */
export const SOP_LP2N_TKT_02: SopInput = {
  id: 'SOP-LP2N-TKT-02',
  aliases: ['imta', 'tkt-02'],
  family: 'licensing',
  title: 'Layanan Penerbitan Izin Perpanjangan IMTA (Izin Mempekerjakan Tenaga Kerja Asing)',
  documentNumber: 'SOP-LP2N-TKT-02',
  revision: '03',
  createdDate: '2014-05-09',
  revisedDate: '2017-06-07',
  effectiveDate: '2017-06-07',
  // The seed's STATUS REVISI DAN PERSETUJUAN, the row of this revision (07 Juni 17).
  changes: [
    'Penetapan SOP per jenis perizinan Sehingga dilakukan penyesuaian untuk Semua jenis layanan yang ada baik Dalam narasi SOP maupun alur proses',
  ],
  approvedBy: { name: 'H. Diddy Rusdiansyah AD, SE, MM', position: 'Kepala DPMPTSP Prov. Kaltim' },
  lanes: licensingLanes(
    [{ id: 'front-office', label: 'Petugas Informasi / CS / Loket Pendaftaran', supervisor: 'kasi-layanan' }],
    [{ id: 'pemrosesan', label: 'Petugas Pemrosesan (Verifikasi/Adm Data)', supervisor: 'kasi-layanan' }],
    [{ id: 'tim-teknis', label: 'Tim Teknis (OPD Terkait)', external: true }],
  ),
  steps: [
    ...askInformationSteps('front-office'),
    ...counterSteps('front-office'),
    {
      no: 6,
      lane: 'pemrosesan',
      kind: 'verification',
      title:
        'Petugas verifikasi memeriksa berkas dan memastikan semua persyaratan dipenuhi; jika benar diserahkan ke Tim Teknis (OPD terkait) untuk proses verifikasi',
      time: { asWritten: 'Hari ke H, 10 - 30 menit', dayFrom: 0, dayTo: 0, minMinutes: 10, maxMinutes: 30 },
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      returns: [
        {
          to: 'applicant',
          via: 'front-office',
          resumeAt: 6,
          reason: 'Jika ada kesalahan / kekurangan, maka meminta untuk diperbaiki kembali',
        },
      ],
    },
    {
      no: 7,
      lane: 'tim-teknis',
      kind: 'external-recommendation',
      title:
        'Tim Teknis (OPD) memverifikasi dan menelaah berkas, menetapkan rekomendasi teknis dan menyerahkannya kepada DPMPTSP',
      time: { asWritten: 'Hari ke H- H+1, 10 - 30 menit', dayFrom: 0, dayTo: 1, minMinutes: 10, maxMinutes: 30 },
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      notes: [
        'Menetapkan rekomendasi teknis dan menyerahkannya kepada DPMPTSP (uraian langkah); kolom output SOP menulis draf surat izin',
      ],
    },
    {
      no: 8,
      lane: 'pemrosesan',
      kind: 'drafting',
      title:
        'Petugas pemrosesan menerima berkas teknis, menginput data, mencetak draf izin rangkap 3 dan menyerahkannya kepada Kasi dan Kabid',
      time: { asWritten: 'Hari ke H- H+2, 5 menit', dayFrom: 0, dayTo: 2, minMinutes: 5, maxMinutes: 5 },
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      notes: ['Dibuat rangkap 3'],
    },
    {
      no: 9,
      lane: 'kasi-layanan',
      kind: 'paraf-review',
      title: 'Kasi Layanan memeriksa draf izin dan berkas; jika benar membubuhkan paraf dan meneruskan kepada Kabid',
      time: H_H2(10, 30, 'Hari ke H- H+2, 10 - 30 menit'),
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      returns: [{ to: 8, reason: 'Jika ada kesalahan pada draf, maka meminta Petugas Verifikasi memperbaiki' }],
    },
    {
      no: 10,
      lane: 'kabid-layanan',
      kind: 'paraf-review',
      title:
        'Kabid Layanan memeriksa draf izin dan berkas; jika memenuhi syarat dan benar meminta cetak final dan membubuhkan paraf',
      time: H_H2(10, 30, 'Hari ke H- H+2, 10 - 30 menit'),
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      returns: [
        {
          to: 'applicant',
          via: 'front-office',
          resumeAt: 6,
          reason:
            'Jika belum memenuhi syarat, dikonfirmasi kepada pemohon untuk mengupayakan pemenuhannya melalui verifikator/petugas pendaftaran',
        },
      ],
    },
    kepalaSignatureStep(11, 10, 9, H_H2(5, 10, 'Hari ke H- H+2, 5 - 10 menit')),
    tataUsahaNumberStep(12, H_H2(5, 10, 'Hari ke H- H+2, 5 - 10 menit')),
    ...handoverSteps(13, H_H2(5, 10, 'Hari ke H- H+2, 5 - 10 menit'), {
      asWritten: 'Hari ke H- H+3',
      dayFrom: 0,
      dayTo: 3,
    }),
  ],
  requirements: [
    { id: '1', label: 'Permohonan dari DPMPTSP' },
    { id: '2', label: 'Copy IMTA yang masih berlaku' },
    { id: '3', label: 'Bukti pembayaran retribusi daerah (SKRD & SSRD)' },
    { id: '4', label: 'Polis asuransi (BPJS Ketenagakerjaan & Kesehatan)' },
    { id: '5', label: 'Laporan realisasi pendidikan dan pelatihan dari TKA ke TKI pendamping (alih teknologi)' },
    { id: '6', label: 'Sertifikat hasil pendidikan dan pelatihan bagi TKI pendamping' },
    { id: '7', label: 'Rencana pendidikan dan pelatihan dari TKA ke TKI pendamping (alih teknologi)' },
    { id: '8', label: 'Copy keputusan RPTKA yang masih berlaku dan RPTKA awal' },
    { id: '9', label: 'Rekomendasi dari instansi terkait dari masing-masing sektor' },
    {
      id: '10',
      label: 'SK penunjukan TKI pendamping yang ditandatangani TKA, TKI pendamping dan diketahui atasan langsung',
    },
    { id: '11', label: 'Surat pernyataan TKA untuk mengalihkan teknologi ke TKI pendamping yang sudah ditunjuk' },
    { id: '12', label: 'Copy paspor' },
    { id: '13', label: 'Copy KITAS' },
    { id: '14', label: 'Struktur organisasi terakhir yang menunjukkan posisi TKA dan TKI pendamping' },
    { id: '15', label: 'Foto 3x4, 2 lembar' },
    { id: '16', label: 'Uraian tugas TKI pendamping (Bahasa Indonesia)' },
  ],
  serviceTime: {
    limit: 7,
    unit: 'working-days',
    asWritten:
      'Selambat-lambatnya 7 (tujuh) hari sejak diterimanya berkas pengajuan permohonan dimana semua berkas persyaratannya telah dinyatakan lengkap dan benar',
    startsAt: { event: 'receipt', step: 5 },
    note: 'Bagian I menulis "hari"; langkah 5 menyebut tanda terima sebagai mulainya perhitungan hari kerja, sehingga dihitung hari kerja',
    inferred:
      'Section I says "selambat-lambatnya 7 (tujuh) hari"; step 5 says the receipt is "mulainya perhitungan hari kerja penyelesaian perizinan", so the catalog counts 7 working days. The alternative, 7 calendar days, ends earlier whenever a weekend or a day off falls inside.',
  },
  serviceHours: SERVICE_HOURS,
  fee: { free: false, asWritten: 'Biaya penerbitan izin ini ada, tetapi dipungut oleh Disnaker' },
  product: {
    name: 'Izin Mempekerjakan Tenaga Kerja Asing (IMTA)',
    validity: 'Berlaku selama 1 (satu) tahun dan selanjutnya dapat diperpanjang',
  },
  documents: [
    {
      kind: 'tanda-terima',
      title: 'Bukti Tanda Terima Berkas Permohonan',
      letterhead: 'dpmptsp',
      copies: 1,
      draftedAt: 5,
    },
    {
      kind: 'imta',
      title: 'Izin Perpanjangan IMTA',
      letterhead: 'dpmptsp',
      copies: 3,
      draftedAt: 8,
      parafAt: [9, 10],
      signedAt: 11,
      numberedAt: 12,
      register: 'imta',
    },
    {
      kind: 'tanda-terima-penyerahan',
      title: 'Bukti Tanda Terima Surat Izin',
      letterhead: 'dpmptsp',
      copies: 1,
      draftedAt: 13,
      note: 'Dicetak saat penyerahan: dokumen yang diserahkan, informasi hak dan kewajiban pemohon, saluran pengaduan; ditandatangani pemohon di loket',
    },
  ],
  sections: IMTA_SECTIONS,
  notes: [
    'Kasi dan Kabid berbagi satu kolom di tabel SOP; langkah 9 dilakukan Kasi dan langkah 10 Kabid menurut uraiannya',
    'Surat izin dengan kop internal DPMPTSP Prov. Kaltim (bagian R)',
  ],
};
