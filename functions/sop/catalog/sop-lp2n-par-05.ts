import type { SopInput } from '../schema.ts';
import { BERKAS_LAIN, CHECKLIST, DRAF_IZIN, FORM, ISIAN_PERMOHONAN, SERVICE_HOURS } from './common.ts';
import { EO_SECTIONS } from './licensing-sections.ts';

const MAP = 'Map pengendali proses';
const ISIAN_MAP_APLIKASI = 'Isian map pengendali proses / aplikasi sistem';
const H_H1 = (minMinutes: number, maxMinutes: number, asWritten: string) => ({
  asWritten,
  dayFrom: 0,
  dayTo: 1,
  minMinutes,
  maxMinutes,
});
/** The remark printed after the rows of steps 8-11 (Lampiran 1), without a row of its own. */
const KONFIRMASI_PEMOHON_ASWRITTEN =
  'Jika tidak sesuai dpt dilakukan konfirmasi kejelasan & kelengkapan data, dikembalikan kepada pemohon terkait untuk diperbaiki / dilengkapi, meminta kekurangan persyaratan tambahan atau membuat permohonan baru.';

/** SOP-LP2N-PAR-05 rev 03: recommendation for an exhibition organiser (EO), with the outside agency's pertek. */
export const SOP_LP2N_PAR_05: SopInput = {
  id: 'SOP-LP2N-PAR-05',
  aliases: ['eo', 'rekomendasi-eo', 'par-05'],
  family: 'licensing',
  title: 'Layanan Penerbitan Rekomendasi kepada Pihak Penyelenggara Pameran (EO) di Kaltim',
  documentNumber: 'SOP-LP2N-PAR-05',
  revision: '03',
  createdDate: '2014-05-09',
  revisedDate: '2017-06-07',
  effectiveDate: '2017-06-07',
  approvedBy: { name: 'H. Diddy Rusdiansyah AD, SE, MM', position: 'Kepala DPMPTSP Prov. Kaltim' },
  lanes: [
    { id: 'pemohon', label: 'Pemohon/Pelanggan', external: true },
    { id: 'layanan-informasi', label: 'Petugas Layanan Informasi', supervisor: 'kasi-layanan' },
    { id: 'cs-helpdesk', label: 'Petugas Customer Service (CS) + Help Desk', supervisor: 'kasi-layanan' },
    { id: 'loket-pendaftaran', label: 'Petugas Layanan Loket Pendaftaran', supervisor: 'kasi-layanan' },
    { id: 'verifikasi', label: 'Petugas Pemrosesan (Verifikasi)', supervisor: 'kasi-layanan' },
    { id: 'penghubung', label: 'Petugas Penghubung', supervisor: 'kasi-layanan' },
    { id: 'adm-monitoring', label: 'Petugas Pemrosesan (Adm & Monitoring)', supervisor: 'kasi-layanan' },
    { id: 'tim-teknis', label: 'Tim Teknis (OPD)', external: true },
    { id: 'kasi-layanan', label: 'Kepala Seksi Layanan', supervisor: 'kabid-layanan' },
    { id: 'kabid-layanan', label: 'Kepala Bidang Layanan Perijinan', supervisor: 'kepala-dinas' },
    { id: 'kepala-dinas', label: 'Kepala DPMPTSP Prov. Kaltim' },
    { id: 'tata-usaha', label: 'Petugas Tata Usaha', supervisor: 'kabid-layanan' },
    { id: 'loket-pengambilan', label: 'Petugas Layanan Loket Pengambilan', supervisor: 'kasi-layanan' },
  ],
  steps: [
    {
      no: 1,
      lane: 'pemohon',
      kind: 'applicant-action',
      phase: 'before-case',
      title:
        'Pemohon mencari informasi pelayanan perizinan dan menanyakan persyaratan dengan mengambil nomor antrian layanan informasi',
      time: { asWritten: `Jam Pelayanan ${SERVICE_HOURS}` },
      notes: ['Setiap hari kerja sesuai dengan jam pelayanan kantor'],
    },
    {
      no: 2,
      lane: 'layanan-informasi',
      kind: 'information',
      phase: 'before-case',
      title:
        'Petugas layanan informasi menjelaskan persyaratan, tahapan, waktu penyelesaian dan biaya serta memberikan formulir',
      time: { asWritten: 'Sesuai kebutuhan & keperluan pemohon' },
      inputs: [CHECKLIST, FORM],
      outputs: ['Penjelasan informasi sesuai kebutuhan dan permintaan', 'Pemberian form & berkas persyaratan terkait'],
      notes: [
        'Jika tidak datang secara langsung, formulir permohonan & persyaratan dapat dikirim melalui email kepada pemohon',
      ],
    },
    {
      no: 3,
      lane: 'pemohon',
      kind: 'applicant-action',
      phase: 'before-case',
      title:
        'Pemohon mengisi formulir, melengkapi berkas dan menyerahkannya kepada petugas PTSP dengan mengambil nomor antrian layanan CS',
      time: { asWritten: 'Sesuai kebutuhan & keperluan pemohon' },
      inputs: [CHECKLIST, FORM, 'Berkas kelengkapan sesuai persyaratan'],
      outputs: ['Isian permohonan izin', BERKAS_LAIN],
    },
    {
      no: 4,
      lane: 'cs-helpdesk',
      kind: 'front-office-check',
      phase: 'intake',
      title:
        'Customer Service menerima berkas, memeriksa kelengkapan dan kebenaran administrasi sesuai checklist penerimaan dan mengisi map pengendali proses',
      time: { asWritten: 'Sesuai kebutuhan & keperluan pemohon' },
      inputs: [CHECKLIST, FORM, 'Berkas kelengkapan sesuai persyaratan'],
      outputs: [
        'Berkas dinyatakan lengkap dan benar secara administratif',
        'Hasil pemeriksaan dan verifikasi berkas masuk',
        ISIAN_MAP_APLIKASI,
      ],
      returns: [
        {
          to: 'applicant',
          reason:
            'Jika tidak sesuai / lengkap, pemohon diminta memperbaiki / melengkapi kekurangan atau membuat permohonan baru',
          newApplication:
            'Jika tidak sesuai dpt dilakukan konfirmasi kejelasan & kelengkapan data, dikembalikan kepada pemohon terkait untuk diperbaiki / dilengkapi, meminta kekurangan persyaratan tambahan atau membuat permohonan baru.',
        },
      ],
    },
    {
      no: 5,
      lane: 'cs-helpdesk',
      kind: 'information',
      phase: 'before-case',
      title: 'Help Desk merespon kendala pemohon dalam memenuhi persyaratan dan membantu tata cara pengisian',
      time: { asWritten: 'Hari ke H, 10 - 30 menit', dayFrom: 0, dayTo: 0, minMinutes: 10, maxMinutes: 30 },
      inputs: [ISIAN_PERMOHONAN, BERKAS_LAIN, CHECKLIST],
      outputs: ['Hasil pemeriksaan dan verifikasi berkas', ISIAN_MAP_APLIKASI],
      notes: [
        'Fungsi help desk bersifat tambahan dan dilakukan jika dibutuhkan atas permintaan customer service, sebelum berkas diregistrasi',
      ],
    },
    {
      no: 6,
      lane: 'loket-pendaftaran',
      kind: 'registration',
      phase: 'intake',
      title:
        'Loket pendaftaran memastikan kembali kelengkapan, mencatat nomor registrasi berkas, meminta pemohon menandatangani bukti awal proses dan menyerahkan tanda terima',
      time: { asWritten: 'Hari ke H, 10 menit', dayFrom: 0, dayTo: 0, minMinutes: 10, maxMinutes: 10 },
      inputs: [ISIAN_PERMOHONAN, BERKAS_LAIN, CHECKLIST],
      outputs: ['Hasil pemeriksaan dan verifikasi berkas', 'Bukti tanda terima berkas permohonan', ISIAN_MAP_APLIKASI],
      notes: [
        'Tidak menerima berkas sebelum ada bukti / persetujuan dari CS',
        'Untuk perizinan yang memerlukan rekomendasi teknis, perhitungan hari kerja dimulai sejak diterimanya pertek di DPMPTSP',
      ],
    },
    {
      no: 7,
      lane: 'verifikasi',
      kind: 'verification',
      title:
        'Petugas verifikasi memeriksa kelengkapan dan kebenaran berkas; jika lengkap dan benar membuat surat pengantar ke OPD terkait sesuai jenis pertek',
      time: { asWritten: 'Hari ke H, 5 - 15 menit', dayFrom: 0, dayTo: 0, minMinutes: 5, maxMinutes: 15 },
      inputs: [ISIAN_PERMOHONAN, BERKAS_LAIN, CHECKLIST, 'Surat pengantar ke OPD terkait'],
      outputs: [
        'Hasil pemeriksaan dan verifikasi berkas',
        ISIAN_MAP_APLIKASI,
        'Form verifikasi penerimaan berkas',
        'Surat pengantar ke OPD',
      ],
      returns: [
        {
          to: 8,
          reason:
            'Jika belum lengkap dan benar, berkas dikembalikan / dikonfirmasi kepada pemohon untuk diperbaiki / dilengkapi melalui front office (fungsi CS)',
        },
      ],
      canReject: true,
      notes: [
        'Staf verifikasi menentukan jenis pertek yang dibutuhkan',
        'Keterangan SOP: pemohon dapat diminta membuat permohonan baru',
      ],
    },
    {
      no: 8,
      lane: 'cs-helpdesk',
      kind: 'front-office-check',
      branchOnly: true,
      next: 7,
      title:
        'Front office menerima catatan kekurangan dari verifikator, meminta perbaikan kepada pemohon, memantau perbaikan dan menyerahkan berkas hasil perbaikan ke verifikator',
      time: { asWritten: 'Hari ke H, 5 - 15 menit', dayFrom: 0, dayTo: 0, minMinutes: 5, maxMinutes: 15 },
      inputs: [MAP, 'Permohonan dan berkas terkait serta catatan masalah'],
      outputs: ['Permohonan & berkas terkait', ISIAN_MAP_APLIKASI, 'Penyerahan surat pengantar'],
      canReject: true,
      notes: [KONFIRMASI_PEMOHON_ASWRITTEN],
      inferred:
        'The seed lost the lane of step 8; step 7 sends the file back "melalui front office (fungsi CS)", so it is the CS lane. The seed\'s loose remark "' +
        KONFIRMASI_PEMOHON_ASWRITTEN +
        "\" stands between the rows of steps 8 to 11 with no row of its own; it is read as step 8's (the CS asks the applicant for the correction), which is why step 8 may close the case as a new application. The alternative, that it belongs to step 10 (the Tim Teknis finding the file not conforming), would give step 10 a send-back to step 8 and a rejection; the catalog does not give them, since step 10's own text (a-f) names neither.",
    },
    {
      no: 9,
      lane: 'penghubung',
      kind: 'activity',
      title:
        'Petugas penghubung menerima surat pengantar dan berkas dari verifikator, menyerahkannya ke instansi / OPD terkait dengan bukti tanda terima dan mencatatnya',
      time: { asWritten: 'Hari ke H, 60 menit', dayFrom: 0, dayTo: 0, minMinutes: 60, maxMinutes: 60 },
      inputs: [MAP, 'Permohonan dan berkas terkait'],
      outputs: ['Permohonan & berkas terkait', ISIAN_MAP_APLIKASI, 'Penyerahan'],
    },
    {
      no: 10,
      lane: 'tim-teknis',
      kind: 'external-recommendation',
      title:
        'Tim Teknis (OPD) menelaah permohonan, bila dipersyaratkan meninjau lapangan dan membuat berita acara, lalu menerbitkan rekomendasi teknis kepada DPMPTSP',
      time: { asWritten: 'Hari ke H (sesuai dengan jenis izin / non izin yang diminta)', dayFrom: 0, dayTo: 0 },
      inferred:
        'The seed gives "Hari ke H (sesuai dengan jenis izin / non izin yang diminta)": the Tim Teknis\'s time depends on the kind of permit, and the seed lists no kinds. The catalog keeps day H for every EO request; the alternative is a time per kind of permit, which the office would have to give.',
      inputs: [ISIAN_PERMOHONAN, BERKAS_LAIN, CHECKLIST, 'Formulir tinjauan / pemeriksaan lapangan / pengujian'],
      outputs: [
        'Hasil pemeriksaan dan verifikasi berkas',
        'Isian map pengendali proses',
        'Berita acara / hasil peninjauan pemeriksaan / pengujian',
        'Pertimbangan / rekomendasi teknis',
      ],
      notes: [
        'Peninjauan / pemeriksaan lapangan disesuaikan dengan ketentuan yang berlaku',
        'Laporan hasil peninjauan harus dilengkapi berita acara dan bukti pelaksanaannya',
      ],
    },
    {
      no: 11,
      lane: 'adm-monitoring',
      kind: 'drafting',
      title:
        'Petugas Adm & Monitoring memantau penyelesaian pertek, menerima rekomendasi teknis, membuat draf izin rangkap 3 sesuai rekomendasi dan menyerahkannya kepada Kasi',
      time: H_H1(5, 15, 'Hari H - H+1, 5 - 15 menit'),
      inputs: ['Map pengendali proses PTSP', 'Permohonan dan berkas terkait', 'Rekomendasi / pertimbangan teknis'],
      outputs: ['Permohonan & berkas terkait', ISIAN_MAP_APLIKASI, DRAF_IZIN],
      notes: [
        'Entry data sesuai format yang dibakukan bidang teknis (OPD) terkait',
        'Rangkap 1 untuk verifikasi (dengan paraf lengkap), rangkap 2 untuk pemohon, rangkap 3 untuk arsip',
      ],
    },
    {
      no: 12,
      lane: 'kasi-layanan',
      kind: 'paraf-review',
      title:
        'Kasi Layanan memeriksa draf izin dan berkas, memberi masukan; jika benar membubuhkan paraf dan meneruskan kepada Kabid',
      time: H_H1(10, 30, 'Hari H - H+1, 10 - 30 menit'),
      inputs: [MAP, 'Permohonan dan berkas terkait'],
      outputs: [
        'Permohonan & berkas terkait',
        ISIAN_MAP_APLIKASI,
        DRAF_IZIN,
        'Hasil verifikasi surat izin',
        'Surat undangan pertemuan',
      ],
      returns: [{ to: 11, reason: 'Jika ada kesalahan pada draf, maka meminta untuk diperbaiki kembali' }],
      notes: ['Dapat mengusulkan dan mengkoordinasikan rapat / pertemuan gabungan sesuai kebutuhan'],
    },
    {
      no: 13,
      lane: 'kabid-layanan',
      kind: 'paraf-review',
      title:
        'Kabid Layanan memeriksa draf izin dan berkas, memberi pertimbangan bagi Kepala Dinas; jika benar membubuhkan paraf dan meneruskan kepada Kepala Dinas',
      time: H_H1(10, 30, 'Hari H - H+1, 10 - 30 menit'),
      inputs: [MAP, 'Permohonan dan berkas terkait', 'Hasil-hasil tinjauan / pertemuan teknis'],
      outputs: [
        'Permohonan & berkas terkait',
        ISIAN_MAP_APLIKASI,
        DRAF_IZIN,
        'Hasil verifikasi surat izin',
        'Surat undangan pertemuan',
      ],
      returns: [{ to: 11, reason: 'Jika ada kesalahan pada draf, maka meminta untuk diperbaiki kembali' }],
      notes: ['Dapat meminta pertemuan / rapat gabungan dengan pihak terkait jika diperlukan'],
    },
    {
      no: 14,
      lane: 'kepala-dinas',
      kind: 'signature',
      title:
        'Kepala Dinas memeriksa surat izin dan memastikan persyaratan teknis & administratif terpenuhi; jika benar menandatangani dan menyerahkannya kepada Tata Usaha',
      time: { asWritten: 'Hari H - H+1 (sesuai dengan jenis permohonan)', dayFrom: 0, dayTo: 1 },
      inputs: [MAP, 'Permohonan dan berkas terkait', 'Hasil-hasil tinjauan / pertemuan teknis'],
      outputs: ['Permohonan & berkas terkait', 'Isian map pengendali proses / aplikasi sistem', 'Surat izin'],
      returns: [
        { to: 8, reason: 'Jika belum memenuhi syarat, dikonfirmasi kepada pemohon untuk mengupayakan pemenuhannya' },
        {
          to: 10,
          reason:
            'Jika belum memenuhi syarat, dilakukan tinjauan teknis kembali yang melibatkan tim teknis / OPD terkait',
        },
        {
          to: 13,
          reason: 'Jika sudah memenuhi syarat tetapi ada kesalahan pada draf, Kabid Layanan diminta memperbaiki',
        },
        {
          to: 12,
          reason: 'Jika sudah memenuhi syarat tetapi ada kesalahan pada draf, Kasi Layanan diminta memperbaiki',
        },
      ],
      notes: ['Untuk perizinan strategis, Kepala Dinas dapat melakukan pemastian yang lebih intens & mendalam'],
    },
    {
      no: 15,
      lane: 'tata-usaha',
      kind: 'registration-number',
      title:
        'Tata Usaha memberi nomor izin sesuai urutan register dengan tanggal pengesahan, memastikan kebenaran penomoran dan menyerahkan surat ke loket penyerahan',
      time: H_H1(5, 15, 'Hari H - H+1, 5 - 15 menit'),
      inputs: [MAP, 'Permohonan dan berkas terkait'],
      outputs: [
        'Permohonan & berkas terkait',
        'Isian map pengendali proses / aplikasi sistem',
        'Surat izin yang sudah disahkan',
      ],
      notes: [
        'Nomor surat ditetapkan secara berurutan dan diregistrasi dengan rapi sesuai kaidah penomoran yang berlaku',
      ],
    },
    {
      no: 16,
      lane: 'loket-pengambilan',
      kind: 'handover',
      title:
        'Loket pengambilan menerima bukti pengambilan, menyerahkan surat izin dengan bukti penerimaan, menyerahkan kuesioner survei, menjelaskan hak & kewajiban dan mengarsipkan berkas',
      outputs: ['Surat izin yang sudah disahkan', 'Kuesioner survei kepuasan', 'Bukti tanda terima surat izin'],
      // This seed gives no list ("dapat mencakup") as API-U and IMTA do, only its row's words: the list the
      // handover receipt prints is the office's (config/office.json handoverRightsAndDuties).
      informsNamedOnly:
        'Menginformasikan hak & kewajiban pemohon terkait perizinan yang diberikan, termasuk kewajiban kepada OPD / Unit Teknis terkait fungsi Pengendalian Pelaksanaan',
    },
    {
      no: 17,
      lane: 'pemohon',
      kind: 'applicant-action',
      title:
        'Pemohon menerima surat izin, menandatangani bukti serah terima, mengisi kuesioner survei kepuasan dan menerima informasi hak & kewajiban',
      inputs: ['Bukti tanda terima berkas permohonan'],
      outputs: ['Surat izin yang sudah disahkan', 'Kuesioner survei kepuasan'],
      collectsSurvey: true,
    },
  ],
  facts: [{ id: 'melaluiKuasa', label: 'Pengurusan dikuasakan kepada pihak lain', type: 'boolean' }],
  requirements: [
    { id: '1', label: 'Fotocopy KTP atau identitas pemohon yang masih berlaku' },
    { id: '2', label: 'Rekomendasi dari desa / kelurahan / Satpol / Kepolisian setempat' },
    { id: '3', label: 'Gambar rencana / site plan' },
    { id: '4', label: 'Izin penggunaan lahan dari pemilik lahan' },
    { id: '5', label: 'Persetujuan dari tetangga di lingkungan yang diketahui oleh RT, RW dan Kelurahan' },
    { id: '6', label: 'Proposal kegiatan' },
    {
      id: '7',
      label: 'Surat kuasa apabila dikuasakan pengurusannya (materai 6000)',
      when: { fact: 'melaluiKuasa', equals: true },
    },
  ],
  serviceTime: {
    limit: 1,
    unit: 'working-days',
    asWritten:
      'Selambat-lambatnya 1 (satu) hari sejak diterimanya berkas pengajuan permohonan dimana semua berkas persyaratannya telah dinyatakan lengkap dan benar',
    startsAt: { event: 'technical-recommendation', step: 10 },
    note: 'Langkah 6: untuk perizinan yang memerlukan rekomendasi teknis, hari kerja dihitung sejak pertek diterima di DPMPTSP; rekomendasi EO selalu melalui pertek (langkah 7)',
    inferred:
      'Section I says "selambat-lambatnya 1 (satu) hari"; step 6 says "perhitungan hari kerja penyelesaian perizinan akan dimulai sejak diterimanya rekomendasi teknis (pertek) di DPMPTSP", so the catalog counts 1 working day from step 10. The alternative, 1 calendar day, ends earlier when the pertek arrives before a weekend or a day off.',
  },
  serviceHours: SERVICE_HOURS,
  fee: { free: true, asWritten: 'Tidak ada / tanpa tarif / gratis' },
  product: {
    name: 'Rekomendasi kepada Pihak Penyelenggara Pameran (EO) di Kaltim',
    validity: 'Berlaku selama perusahaan menjalankan kegiatan usahanya',
  },
  documents: [
    {
      kind: 'tanda-terima',
      title: 'Bukti Tanda Terima Berkas Permohonan',
      letterhead: 'dpmptsp',
      copies: 1,
      draftedAt: 6,
    },
    {
      kind: 'surat-pengantar',
      title: 'Surat Pengantar kepada Instansi / OPD Terkait',
      letterhead: 'dpmptsp',
      copies: 1,
      draftedAt: 7,
      numberedAt: 7,
      register: 'surat-keluar-layanan',
    },
    {
      kind: 'rekomendasi-eo',
      title: 'Rekomendasi kepada Pihak Penyelenggara Pameran (EO)',
      letterhead: 'dpmptsp',
      copies: 3,
      draftedAt: 11,
      parafAt: [12, 13],
      signedAt: 14,
      numberedAt: 15,
      register: 'rekomendasi-eo',
    },
    {
      kind: 'tanda-terima-penyerahan',
      title: 'Bukti Tanda Terima Surat Izin',
      letterhead: 'dpmptsp',
      copies: 1,
      draftedAt: 16,
      note: 'Dicetak saat penyerahan: dokumen yang diserahkan, informasi hak dan kewajiban pemohon, saluran pengaduan; ditandatangani pemohon di loket',
    },
  ],
  sections: EO_SECTIONS,
  notes: ['Surat izin dengan kop internal DPMPTSP Prov. Kaltim (bagian R)'],
};
