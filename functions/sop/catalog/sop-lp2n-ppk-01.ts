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
import { API_U_SECTIONS } from './licensing-sections.ts';

/** SOP-LP2N-PPK-01 rev 02: Angka Pengenal Importir Umum (API-U), new or changed. */
/** How item 10's "a. ...; b. ... ; dan/atau c. ..." is read at the counter. */
const TEN_AND_OR =
  'The seed: "a. surat pernyataan ...; b. bukti hubungan istimewa ... ; dan/atau c. surat keterangan dari Atase Perdagangan ...". Read as: a always, and b and/or c (at least one of them). The alternative reading is a and b together, and/or c (c alone would then suffice).';

export const SOP_LP2N_PPK_01: SopInput = {
  id: 'SOP-LP2N-PPK-01',
  aliases: ['api-u', 'ppk-01'],
  family: 'licensing',
  title: 'Layanan Penerbitan Angka Pengenal Importir Umum (API-U)',
  documentNumber: 'SOP-LP2N-PPK-01',
  revision: '02',
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
  ),
  steps: [
    ...askInformationSteps('front-office'),
    ...counterSteps('front-office'),
    {
      no: 6,
      lane: 'pemrosesan',
      kind: 'verification',
      title: 'Petugas verifikasi memeriksa berkas permohonan dan memastikan semua persyaratan sudah dipenuhi dan benar',
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
      lane: 'pemrosesan',
      kind: 'drafting',
      title: 'Petugas Adm Data menginput data ke aplikasi, mencetak draf izin rangkap 3 dan menyerahkannya kepada Kasi',
      time: { asWritten: 'Hari ke H, 5 menit', dayFrom: 0, dayTo: 0, minMinutes: 5, maxMinutes: 5 },
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      notes: ['Memastikan kebenaran dan kelengkapan draf surat izin sesuai hasil pemeriksaan', 'Dibuat rangkap 3'],
    },
    {
      no: 8,
      lane: 'kasi-layanan',
      kind: 'paraf-review',
      title: 'Kasi memeriksa draf izin dan berkas; jika benar membubuhkan paraf dan meneruskan kepada Kabid',
      time: { asWritten: 'Hari ke H- H+1, 10 - 30 menit', dayFrom: 0, dayTo: 1, minMinutes: 10, maxMinutes: 30 },
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      returns: [{ to: 7, reason: 'Jika ada kesalahan pada draf, maka meminta untuk diperbaiki kembali' }],
    },
    {
      no: 9,
      lane: 'kabid-layanan',
      kind: 'paraf-review',
      title:
        'Kabid memeriksa draf izin dan berkas; jika memenuhi syarat dan benar meminta cetak final dan membubuhkan paraf',
      time: { asWritten: 'Hari ke H- H+2, 10 - 30 menit', dayFrom: 0, dayTo: 2, minMinutes: 10, maxMinutes: 30 },
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, DRAF_IZIN],
      returns: [
        {
          to: 'applicant',
          via: 'front-office',
          resumeAt: 6,
          reason:
            'Jika belum memenuhi syarat, dikonfirmasi kepada pemohon untuk mengupayakan pemenuhannya melalui verifikasi/petugas pendaftaran',
        },
        {
          to: 7,
          reason: 'Jika sudah memenuhi syarat tetapi ada kesalahan pada draf, Petugas Adm Data diminta memperbaiki',
        },
      ],
    },
    kepalaSignatureStep(10, 9, 8, {
      asWritten: 'Hari ke H- H+3, 5 - 10 menit',
      dayFrom: 0,
      dayTo: 3,
      minMinutes: 5,
      maxMinutes: 10,
    }),
    tataUsahaNumberStep(11, {
      asWritten: 'Hari ke H- H+3, 5 - 10 menit',
      dayFrom: 0,
      dayTo: 3,
      minMinutes: 5,
      maxMinutes: 10,
    }),
    ...handoverSteps(
      12,
      { asWritten: 'Hari ke H- H+4, 5 - 10 menit', dayFrom: 0, dayTo: 4, minMinutes: 5, maxMinutes: 10 },
      { asWritten: 'Hari ke H- H+5', dayFrom: 0, dayTo: 5 },
    ),
  ],
  facts: [
    { id: 'perubahan', label: 'Permohonan perubahan API-U yang sudah ada', type: 'boolean' },
    { id: 'penandatanganWna', label: 'Ada penandatangan dokumen impor warga negara asing (WNA)', type: 'boolean' },
    { id: 'penandatanganWni', label: 'Ada penandatangan dokumen impor warga negara Indonesia (WNI)', type: 'boolean' },
    { id: 'jumlahPenandatangan', label: 'Jumlah penandatangan API-U', type: 'integer', min: 1, max: 4 },
    // Item 11 asks the power of attorney of the signatories who are not directors ("lainnya kuasa direksi"), not of every signatory past the first.
    {
      id: 'penandatanganKuasaDireksi',
      label: 'Jumlah penandatangan API-U yang bukan direksi (kuasa direksi)',
      type: 'integer',
      min: 0,
      max: 3,
      lessThan: 'jumlahPenandatangan',
    },
    { id: 'lebihDariSatuBagian', label: 'Mengimpor lebih dari 1 (satu) bagian (section)', type: 'boolean' },
    {
      id: 'melaluiKuasa',
      label: 'Pengurusan tidak dilakukan langsung oleh pimpinan perusahaan (dikuasakan)',
      type: 'boolean',
    },
  ],
  requirements: [
    {
      id: '1',
      label:
        'Rekaman akta pendirian dan perubahannya terkait susunan direksi terakhir serta pengesahan/persetujuan/pemberitahuan dari Kementerian Hukum dan HAM',
    },
    {
      id: '2',
      label:
        'Rekaman surat keterangan domisili kantor pusat perusahaan dari kelurahan/pengelola gedung/pengelola kawasan',
    },
    { id: '3', label: 'Rekaman NPWP dan rekaman Tanda Daftar Perusahaan (TDP)' },
    { id: '4', label: 'Rekaman pendaftaran/surat persetujuan yang dimiliki' },
    { id: '5', label: 'Rekaman izin usaha di bidang perdagangan impor yang dimiliki' },
    { id: '6', label: 'Referensi asli dari bank devisa' },
    {
      id: '7',
      label: 'Rekaman IMTA, KITAS, paspor dan NPWP bagi penandatangan dokumen impor WNA',
      when: { fact: 'penandatanganWna', equals: true },
    },
    { id: '8', label: 'Rekaman KTP dan NPWP bagi penandatangan WNI', when: { fact: 'penandatanganWni', equals: true } },
    { id: '9', label: 'Pasfoto terakhir latar merah pengurus/direksi yang menandatangani API, 2 lembar ukuran 3 x 4' },
    {
      id: '10a',
      label:
        'Surat pernyataan bermeterai yang mencantumkan jenis hubungan istimewa, negara asal perusahaan di luar negeri dan bagian (section)',
      when: { fact: 'lebihDariSatuBagian', equals: true },
    },
    {
      id: '10b',
      label:
        'Bukti hubungan istimewa yang ditandatangani Atase Perdagangan/Pejabat Diplomatik/konsuler/perwakilan RI di luar negeri',
      when: { fact: 'lebihDariSatuBagian', equals: true },
      anyOf: 'bukti-hubungan-istimewa',
      inferred: TEN_AND_OR,
    },
    {
      id: '10c',
      label: 'Surat keterangan dari Atase Perdagangan/Pejabat Diplomatik/konsuler/perwakilan RI di luar negeri',
      when: { fact: 'lebihDariSatuBagian', equals: true },
      anyOf: 'bukti-hubungan-istimewa',
      inferred: TEN_AND_OR,
    },
    {
      id: '11',
      label:
        'Surat kuasa penandatanganan dokumen impor (kartu API-U) bagi penandatangan kuasa direksi; penandatangan paling banyak 4 orang, paling sedikit 1 direksi',
      when: { fact: 'penandatanganKuasaDireksi', greaterThan: 0 },
    },
    { id: '12', label: 'Permohonan ditandatangani pimpinan perusahaan, bermeterai cukup dan cap perusahaan' },
    {
      id: '13',
      label: 'Surat kuasa asli bermeterai dan cap perusahaan, dengan rekaman identitas pemberi dan penerima kuasa',
      when: { fact: 'melaluiKuasa', equals: true },
    },
    { id: '14', label: 'Asli API-U lama', when: { fact: 'perubahan', equals: true } },
  ],
  serviceTime: {
    limit: 5,
    unit: 'working-days',
    asWritten:
      'Selambat-lambatnya 5 (lima) hari kerja sejak diterimanya berkas pengajuan permohonan serta persyaratannya telah dinyatakan lengkap dan benar',
    startsAt: { event: 'receipt', step: 5 },
  },
  serviceHours: SERVICE_HOURS,
  fee: { free: true, asWritten: 'Tidak ada / tanpa tarif / gratis' },
  product: {
    name: 'Angka Pengenal Importir - Umum (API-U)',
    validity:
      'Berlaku untuk seluruh wilayah Indonesia selama perusahaan masih menjalankan bidang usahanya; wajib daftar ulang setiap 5 (lima) tahun, paling lambat 30 (tiga puluh) hari kerja setelah masa 5 tahun',
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
      kind: 'api-u',
      title: 'Angka Pengenal Importir Umum (API-U)',
      letterhead: 'kemendag',
      copies: 3,
      draftedAt: 7,
      parafAt: [8, 9],
      signedAt: 10,
      numberedAt: 11,
      register: 'api-u',
      note: 'Kop Kementerian Perdagangan (bagian R SOP)',
    },
    {
      kind: 'tanda-terima-penyerahan',
      title: 'Bukti Tanda Terima Surat Izin',
      letterhead: 'dpmptsp',
      copies: 1,
      draftedAt: 12,
      note: 'Dicetak saat penyerahan: dokumen yang diserahkan, informasi hak dan kewajiban pemohon, saluran pengaduan; ditandatangani pemohon di loket',
    },
  ],
  sections: API_U_SECTIONS,
  notes: [
    'Produk menggunakan kertas khusus dengan nomor registrasi tata usaha dan kop Kementerian Perdagangan (bagian R)',
  ],
};
