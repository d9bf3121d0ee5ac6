import type { SopInput } from '../schema.ts';

type Sections = NonNullable<SopInput['sections']>;

/**
 * The sections A-U the three licensing seeds (API-U, IMTA, PAR-05) print before their Lampiran, typed
 * from the seeds as printed (the seeds' own spelling, "Perijinan" and all, and API-U's repeated items 8
 * and 17). Kept here: A. Dasar hukum, B. Keterkaitan, M. Sarana, prasarana dan / atau fasilitas (as
 * `peralatan`), O. Kompetensi / kualifikasi pelaksana, Q. Penanganan pengaduan, saran dan masukan,
 * S. Peringatan, T. Evaluasi kinerja pelaksana, U. Pencatatan / pendataan / lampiran, and the
 * "Dibuat oleh" and "Diperiksa oleh" of the approval page. The three seeds word most of them alike;
 * where one differs, its own words are used.
 */

/** A. items 1-10, alike in the three seeds but for item 9's title. */
const DASAR_HUKUM_PTSP = (pergub48: string) => [
  'Undang-undang No. 25 Tahun 2009 Tentang Pelayanan Publik',
  'Peraturan Pemerintah No. 65 Tahun 2005 Tentang Pedoman Penyusunan dan Penerapan Standar Pelayanan Minimal',
  'Undang-undang No. 23 Tahun 2014 tentang Pemerintahan Daerah',
  'Peraturan Presiden No. 87 Tahun 2014 Tentang Penyelenggaraan PTSP',
  'Peraturan Menteri Dalam Negeri No. 24 Tahun 2006 tentang Pedoman Penyelenggaraan Pelayanan Terpadu Satu Pintu',
  'Peraturan Menteri Dalam Negeri No. 20 Tahun 2008 tentang Pedoman Organisasi dan Tata Kerja untuk Pelayanan Terpadu dan Daerah',
  'Peraturan Daerah Provinsi Kalimantan Timur Nomor 09 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah Prov. Kaltim',
  'Pergub Kaltim No. 46 Tahun 2008 Tentang Penjabaran Tugas Pokok, Fungsi dan tata Kerja Inspektorat, Badan Perencanaan Pembangunan Daerah dan Lembaga Teknis Daerah Provinsi Kalimantan Timur',
  `Pergub Kaltim No. 48 Tahun 2015 Tentang ${pergub48}`,
  'Perka DPMPTSP Provinsi Kaltim No. 503/268/DPMPTSP-III/2014 Tentang Penyelenggaraan Pelayanan Terpadu Satu Pintu Di Badan Perijinan & Penanaman Modal Daerah Prov. Kaltim',
];

const PERATURAN_TERKAIT_LAINNYA =
  'Undang-undang dan peraturan terkait lainnya baik dari pemerintah pusat, pemerintah daerah sesuai dengan kewenangannya dalam mengatur perizinan & nonperizinan di bidang teknis / sektor terkait';

const DASAR_HUKUM_API_U = [
  ...DASAR_HUKUM_PTSP('Penyelenggaraan Terpadu Satu Pintu'),
  'Perka BKPM No. 6 Tahun 2011 Tentang Tatacara Pelaksanaan, Pembinaan & Pelaporan Pelayanan Terpadu Satu Pintu di Bidang Penanaman Modal',
  'Perka BKPM No. 14 Tahun 2011 Tentang Standar Pelayanan Minimal Bidang Penanaman Modal Provinsi dan Kabupaten/Kota',
  'Perka BKPM No. 10 Tahun 2012 Tentang Petunjuk Teknis Standar Pelayanan Minimal di Bidang Penanaman Modal Provinsi & Kabupaten/Kota',
  'Perka BKPM No. 3 Tahun 2012 Tentang Pedoman dan Tatacara Pengendalian Pelaksanaan Penanaman Modal',
  'Perka BKPM No. 5 Tahun 2013 Tentang Pedoman dan Tatacara Perizinan dan Nonperizinan Penanaman Modal',
  'Perka BKPM No. 12 Tahun 2013 Tentang Perubahan atas Perka BKPM No. 5 Tahun 2013 Tentang Pedoman dan Tatacara Perizinan dan Nonperizinan Penanaman Modal',
  'Pergub Kaltim No. 46 Tahun 2008 Tentang Penjabaran Tugas Pokok, Fungsi dan tata Kerja Inspektorat, Badan Perencanaan Pembangunan Daerah dan Lembaga Teknis Daerah Provinsi Kalimantan Timur',
  'Peraturan Daerah Provinsi Kalimantan Timur Nomor 09 Tahun 2008 tentang Organisasi dan Tata Kerja Inspektorat, Badan Perencanaan Pembangunan Daerah dan Lembaga Teknis Daerah',
  'Pergub Kaltim No. 48 Th 2015 Tentang Penyelenggaraan Pelayanan Satu Pintu (PTSP)',
  'Perka BPMPTSP Provinsi Kaltim No. 503/268/BPMPTSP-III/2014 Tentang Penyelenggaraan Pelayanan Terpadu Satu Pintu Di Badan Perijinan Dan Penanaman Modal Daerah Provinsi Kalimantan Timur',
];

const DASAR_HUKUM_IMTA = [
  ...DASAR_HUKUM_PTSP('Susunan Organisasi, Tugas, Fungsi dan Tata Kerja DPMPTSP Prov. Kaltim'),
  'UU No. 13 Tahun 2003 Tentang Ketenagakerjaan',
  'Permenaker No. 02/MEN/III/2008 tentang Tata Cara Penggunaan TKA',
  'Permenaker No. 16 Tahun 2015 tentang Tata Cara Penggunaan Tenaga Kerja Asing',
  'Perpres No. 72 Tahun 2014 tentang Penggunaan TKA serta Pelaksanaan Pendidikan dan Pelatihan Tenaga Kerja Pendamping',
  'Perda Prov. Kaltim No. 3 th. 2012 Tentang Perizinan Tertentu',
  PERATURAN_TERKAIT_LAINNYA,
];

const DASAR_HUKUM_EO = [...DASAR_HUKUM_PTSP('Penyelenggaraan Terpadu Satu Pintu'), PERATURAN_TERKAIT_LAINNYA];

/** B. PAR-05 prints item 4 without "PTSP" and item 6's code as SOP-PAIP-01. */
const KETERKAITAN = (eo: boolean) => [
  'Prosedur Perencanaan PTSP (PM-PTSP-01)',
  'Prosedur Pelaksanaan dan Pengawasan PTSP (PM-PTSP-02)',
  'Prosedur Pengendalian dan Peningkatan Mutu PTSP (PM-PTSP-03)',
  `Prosedur Pengukuran Kepuasan Pelanggan${eo ? '' : ' PTSP'} (PM-PTSP-05)`,
  'Rencana Mutu Pelayanan Perizinan dan Non Perizinan Bidang Teknis (RM-PTSP-01)',
  `SOP Layanan Penanganan Keluhan / Pengaduan Pelanggan (${eo ? 'SOP-PAIP-01' : 'SOP-PAIP-LPA-01'})`,
  'SOP Layanan Perizinan dengan Pendaftaran On-line (SOP-LP2N-SUS-01)',
  'SOP Layanan Secara On-line (SOP-LP2N-SUS-02)',
  'SOP Layanan Pro-Aktif (SOP-LP2N-SUS-03)',
  'Instruksi Kerja di Bidang LP2N DPMPTSP Prov. Kaltim (IK-PTSP-XX)',
];

/** M. The same table in the three seeds, read row by row. */
const SARANA = [
  'Lapangan Parkir',
  'Komputer',
  'Lemari Arsip / Filing Cabinet',
  'Ruang Tunggu yang memadai',
  'Jaringan internet',
  'Papan / Display informasi',
  'Meja dan Kursi',
  'Sistem Aplikasi',
  'AC / Pendingin Ruangan',
  'Touchscreen Informasi',
  'Printer & Foto Copy',
  'Meja khusus help desk',
  'Fasilitas Toilet',
  'Telepon dan faximile',
  'Meja Customer Service',
  'Televisi',
  'Display Room',
  'Ruang Back Office',
  'Kotak Saran / Pengaduan',
  'Ruang Rapat',
  'Loker Daftar & Ambil Berkas',
  'Mesin & Sistem Antrian',
  'Mushalla',
  'Brosur/pamflet & Buku SOP',
];

const MINIMAL_SLTA = 'Minimal SLTA / Diploma III jurusan Ekonomi / Informatika / Teknik / Hukum / yang sesuai';
const KUALIFIKASI_API_U = [
  MINIMAL_SLTA,
  'Memahami peraturan perundang-undangan dan Standar Operasional Prosedur yang berlaku (ketentuan terkait dengan Angka Pengenal Importir)',
  'Lulus Diklat PTSP di bidang Penanaman Modal minimal tingkat dasar',
  'Mampu mengoperasikan komputer (memahami dan menguasai pengoperasian SPIPISE)',
];
/** O. of IMTA (Tenaga Kerja dan Transmigrasi) and PAR-05 (Kebudayaan dan Pariwisata). */
const KUALIFIKASI_BIDANG = (bidang: string) => [
  MINIMAL_SLTA,
  `Memahami peraturan perundang-undangan dan Standar Operasional Prosedur yang berlaku (ketentuan terkait dengan bidang ${bidang})`,
  `Mampu mengoperasikan komputer (memahami dan menguasai pengoperasian perangkat lunak / aplikasi sistem terkait di bidang ${bidang})`,
];

/** Q. API-U writes "sesuai Prosedur/SOP", IMTA and PAR-05 "sesuai SOP". */
const PENGADUAN = (prosedur: string) => [
  'Melalui pengisian lembar pengaduan & masukan pelayanan di kotak saran',
  'Melalui media SMS, Telp atau pengaduan / keluhan langsung kepada Petugas terkait',
  `Penanganan Pengaduan/keluhan/saran dilakukan sesuai ${prosedur} dan Instruksi Kerja Penanganan Keluhan`,
];

const PERINGATAN = (pihak: string, bidang: string) =>
  `Jika SOP tidak dijalankan secara sesuai, maka dapat terjadi keterlambatan proses, kesalahan administrasi, ketidakpuasan pelanggan / ${pihak} yang dapat mengakibatkan terhambatnya proses birokrasi perizinan ${bidang} di Provinsi Kalimantan Timur, hal ini akan berdampak negatif terhadap imej kemudahan usaha & dapat mengganggu kesempatan perkembangan & percepatan pembangunan perekonomian di wilayah Kalimantan Timur.`;

const EVALUASI_BERKALA = [
  'Secara internal dilakukan dengan mengevaluasi dan menilai kinerja personil secara berkala (per enam bulan sekali)',
  'Secara internal dan eksternal dilakukan penilaian kualifikasi bintang PTSP sesuai kriteria yang telah ditetapkan oleh BKPM dan dilakukan sekali dalam setahun',
];
const EVALUASI_API_U = [
  ...EVALUASI_BERKALA,
  'Secara eksternal dilihat melalui survei pengukuran kepuasan pelanggan / pemohon (Indeks Kepuasan Masyarakat / IKM) sesuai dengan kriteria yang telah ditetapkan oleh Kementerian PAN dan Reformasi Birokrasi (per enam bulan sekali)',
];
const EVALUASI = [
  ...EVALUASI_BERKALA,
  'Secara internal dan eksternal dilihat melalui hasil survei pengukuran kepuasan pelanggan / masyarakat (Indeks Kepuasan Masyarakat / IKM) sesuai dengan kriteria yang telah ditetapkan secara internal maupun oleh Kementerian PAN dan Reformasi Birokrasi (per enam bulan sekali)',
];

const DISIMPAN = 'Disimpan sebagai data elektronik (sistem) dan secara manual dalam arsip antara lain';

/** The cover page of the three seeds (API-U's Lampiran also carries an older, empty BPPMD form; not its approval). */
const DIBUAT_OLEH = {
  name: 'Ir. Ilmansyah',
  position: 'Kasi Layanan P & NP Sektor Sekunder & Tersier',
  date: '2017-06-05',
};
const DIPERIKSA_OLEH = {
  name: 'H. Edy Gunawan, SE, MM',
  position: 'Kabid Layanan Perizinan & Non Perizinan',
  date: '2017-06-06',
};

export const API_U_SECTIONS: Sections = {
  dasarHukum: DASAR_HUKUM_API_U,
  keterkaitan: KETERKAITAN(false),
  peralatan: SARANA,
  kualifikasiPelaksana: KUALIFIKASI_API_U,
  pengaduan: PENGADUAN('Prosedur/SOP'),
  peringatan: [{ text: PERINGATAN('investor', 'dalam bidang penanaman modal') }],
  evaluasi: EVALUASI_API_U,
  pencatatan: [
    DISIMPAN,
    'Formulir Angka Pengenal Importir Umum (API-U) (Baru / Perubahan) (Lampiran XV-A)',
    'Formulir Checklist Angka Pengenal Importir Umum (API-U)',
    'Formulir Surat Kuasa Penandatanganan (Lampiran XVI-A)',
    'Formulir Surat Kuasa Pengurusan (Lampiran XVI-C)',
    'Formulir Angka Pengenal Importir Umum (API-U) (Lampiran XV-C)',
  ],
  dibuatOleh: DIBUAT_OLEH,
  diperiksaOleh: DIPERIKSA_OLEH,
};

export const IMTA_SECTIONS: Sections = {
  dasarHukum: DASAR_HUKUM_IMTA,
  keterkaitan: KETERKAITAN(false),
  peralatan: SARANA,
  kualifikasiPelaksana: KUALIFIKASI_BIDANG('Tenaga Kerja dan Transmigrasi'),
  pengaduan: PENGADUAN('SOP'),
  peringatan: [{ text: PERINGATAN('pemohon', 'dan non perizinan') }],
  evaluasi: EVALUASI,
  pencatatan: [
    DISIMPAN,
    'Formulir Permohonan Izin Perpanjangan IMTA',
    'Formulir Checklist Izin Perpanjangan IMTA',
    'Formulir Surat Kuasa Penandatanganan (jika dikuasakan)',
    'Formulir Surat Kuasa Pengurusan (Jika dikuasakan)',
    'Formulir / Format Baku Izin Perpanjangan IMTA',
  ],
  dibuatOleh: DIBUAT_OLEH,
  diperiksaOleh: DIPERIKSA_OLEH,
};

export const EO_SECTIONS: Sections = {
  dasarHukum: DASAR_HUKUM_EO,
  keterkaitan: KETERKAITAN(true),
  peralatan: SARANA,
  kualifikasiPelaksana: KUALIFIKASI_BIDANG('Kebudayaan dan Pariwisata'),
  pengaduan: PENGADUAN('SOP'),
  peringatan: [{ text: PERINGATAN('pemohon', 'dan non perizinan') }],
  evaluasi: EVALUASI,
  pencatatan: [
    DISIMPAN,
    'Formulir Permohonan Rekomendasi Kepada Pihak Penyelenggara Pameran (EO) di Kaltim',
    'Formulir Checklist Rekomendasi Kepada Pihak Penyelenggara Pameran (EO) di Kaltim',
    'Formulir Surat Kuasa Penandatanganan (jika dikuasakan)',
    'Formulir Surat Kuasa Pengurusan (Jika dikuasakan)',
    'Formulir / Format Baku Rekomendasi Kepada Pihak Penyelenggara Pameran (EO) di Kaltim',
  ],
  dibuatOleh: DIBUAT_OLEH,
  diperiksaOleh: DIPERIKSA_OLEH,
};
