import type { SopInput } from '../schema.ts';

/**
 * The header sections the fourteen DALAK seeds print before their tables, typed from the seeds. Three
 * groups share their wording: 001-008 (pemantauan, pembinaan, LKPM), 009-010 (pengawasan) and
 * 011-014 (pencabutan); within 001-008 the qualifications and equipment of 005-008 add an item. The
 * seeds' misspellings of the system's name (SPIPSE, SPIISE) are read as SPIPISE.
 */
const DASAR_HUKUM_PEMBINAAN = [
  'Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
  'Peraturan Pemerintah Nomor 6 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha di Daerah',
  'Peraturan Menteri Investasi/Kepala BKPM RI Nomor 5 Tahun 2021 tentang Pedoman dan Tata Cara Pengawasan Perizinan Berusaha Berbasis Risiko',
  'Peraturan Gubernur Kalimantan Timur Nomor 65 Tahun 2016 tentang Susunan, Tugas, Fungsi, dan Tata Kerja Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur',
];
const DASAR_HUKUM_PENGAWASAN = [
  'Undang-undang Nomor 11 Tahun 2020 tentang Cipta Kerja',
  'Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Perizinan Berusaha Berbasis Risiko',
  'Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota',
  'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan',
  'Peraturan Badan Koordinasi Penanaman Modal Republik Indonesia Nomor 5 Tahun 2021 tentang Pedoman dan Tata Cara Pengawasan Perizinan Berusaha Berbasis Risiko',
  'Peraturan Gubernur Kalimantan Timur Nomor 65 Tahun 2016 tentang Susunan, Tugas, Fungsi, dan Tata Kerja Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur',
];
const KUALIFIKASI = (tataCara: 'Pembinaan' | 'Pemantauan') => [
  'Memahami dan mengetahui tugas dan fungsi Pengendalian PMPTSP',
  `Memahami dan mengetahui tata cara pelaksanaan ${tataCara} PMPTSP`,
  'Menguasai Sistem SPIPISE dan Sistem OSS RBA',
  'Menguasai Microsoft Office',
];
const KUALIFIKASI_PENGAWASAN = [
  'Mengetahui tugas dan fungsi Pengendalian PMPTSP',
  'Mengetahui tugas dan fungsi Pengawasan Penanaman Modal',
  'Mengetahui tugas dan fungsi Pengawasan Pelayanan Perizinan',
  'Mengetahui tata cara pelaksanaan pengawasan PMPTSP',
  'Mengetahui tata cara pencabutan perizinan',
];
const APK_ATK = ['Alat Perlengkapan Kantor (APK) dan Alat Tulis Kantor (ATK)', 'Jaringan internet'];
const PENCATATAN = ['Disimpan sebagai data fisik dan elektronik'];
const PERINGATAN_DATA =
  'Apabila kegiatan tidak sesuai SOP ini, maka akan terjadi kesalahan identifikasi dan administrasi data penanaman modal';
const PERINGATAN_PENGAWASAN =
  'Apabila pengawasan tidak sesuai SOP ini, maka akan mengakibatkan pelaksanaan Pengawasan rutin tidak berjalan dengan baik sesuai dengan ketentuan yang berlaku, dan dapat berimplikasi terhadap kinerja Pengendalian PMPTSP';
const PERINGATAN_PENCABUTAN =
  'Apabila proses pencabutan tidak sesuai SOP ini, maka akan mengakibatkan pelaksanaan proses tidak berjalan dengan baik sesuai dengan ketentuan yang berlaku, dan dapat berimplikasi terhadap kinerja Pengendalian PMPTSP';

/**
 * What no DALAK seed prints: a complaint channel, the evaluation of the executors, and who made and
 * checked the SOP (only "Disahkan oleh" is printed, kept as `approvedBy`).
 */
const ABSENT = ['pengaduan', 'evaluasi', 'dibuatOleh', 'diperiksaOleh'] as const;

/** The sections of DALAK SOP `no` ("001" to "014"); every seed leaves "Keterkaitan" empty. */
export function dalakSections(no: string): NonNullable<SopInput['sections']> {
  const n = Number(no);
  if (n <= 8) {
    const wider = n >= 5;
    return {
      dasarHukum: DASAR_HUKUM_PEMBINAAN,
      kualifikasiPelaksana: wider
        ? [...KUALIFIKASI('Pemantauan'), 'Memiliki kemampuan komunikasi dan koordinasi dengan baik']
        : KUALIFIKASI('Pembinaan'),
      keterkaitan: [],
      peralatan: wider
        ? [...APK_ATK, 'Profil pelaku usaha dan surat menyurat serta dokumen Survey Kepuasan Pembinaan, BAP pengawasan']
        : [...APK_ATK, 'Dokumen profil perusahaan dan surat menyurat', 'Data LKPM'],
      peringatan: [{ text: PERINGATAN_DATA }],
      pencatatan: PENCATATAN,
      absent: [...ABSENT],
    };
  }
  return {
    dasarHukum: DASAR_HUKUM_PENGAWASAN,
    kualifikasiPelaksana: KUALIFIKASI_PENGAWASAN,
    keterkaitan: [],
    peralatan: APK_ATK,
    peringatan: [{ text: n <= 10 ? PERINGATAN_PENGAWASAN : PERINGATAN_PENCABUTAN }],
    pencatatan: PENCATATAN,
    absent: [...ABSENT],
  };
}
