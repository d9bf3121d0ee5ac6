import type { SopInput } from '../schema.ts';

type StepInput = SopInput['steps'][number];
type LaneInput = SopInput['lanes'][number];

/** Section H of the licensing SOPs: the hours of the counters. */
export const SERVICE_HOURS = "Senin-Kamis 08.00-19.00 WITA, Jum'at 08.00-11.00 WITA";

export const MAP_PROSES = 'Map pengendali proses PTSP';
export const BERKAS = 'Permohonan dan berkas terkait';
export const ISIAN_MAP = 'Isian map pengendali proses';
export const DRAF_IZIN = 'Draf surat izin';
export const IZIN_SAH = 'Surat izin yang sudah disahkan';
export const CHECKLIST = 'Checklist persyaratan perizinan';
export const FORM = 'Form permohonan perizinan';
export const ISIAN_PERMOHONAN = 'Isian permohonan perizinan';
export const BERKAS_LAIN = 'Berkas kelengkapan lainnya';

/** The "P. Pengawasan internal" chain of the licensing SOPs: Kasi, then Kabid, then the Kepala. */
export function licensingLanes(
  frontOffice: LaneInput[],
  processing: LaneInput[],
  extra: LaneInput[] = [],
): LaneInput[] {
  return [
    { id: 'pemohon', label: 'Pemohon/Pelanggan', external: true },
    ...frontOffice,
    ...processing,
    ...extra,
    { id: 'kasi-layanan', label: 'Kasi Layanan Perizinan & Non Perizinan', supervisor: 'kabid-layanan' },
    { id: 'kabid-layanan', label: 'Kabid Layanan Perizinan & Non Perizinan', supervisor: 'kepala-dinas' },
    { id: 'tata-usaha', label: 'Petugas Tata Usaha', supervisor: 'kabid-layanan' },
    { id: 'kepala-dinas', label: 'Kepala DPMPTSP Prov. Kaltim' },
  ];
}

/** Steps 1-3 of API-U and IMTA, worded the same in both seeds: before the file reaches the counter. */
export function askInformationSteps(infoLane: string): StepInput[] {
  return [
    {
      no: 1,
      lane: 'pemohon',
      kind: 'applicant-action',
      phase: 'before-case',
      title:
        'Pemohon mencari informasi pelayanan perizinan (telepon/datang langsung) dan menanyakan persyaratan serta kelengkapan berkas',
      time: { asWritten: `Jam Pelayanan ${SERVICE_HOURS}` },
      notes: ['Setiap hari kerja sesuai dengan jam pelayanan kantor'],
    },
    {
      no: 2,
      lane: infoLane,
      kind: 'information',
      phase: 'before-case',
      title:
        'Petugas informasi menjelaskan persyaratan administratif, tahapan, waktu penyelesaian dan biaya, serta memberikan formulir dan checklist',
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
        'Pemohon mengisi formulir, melengkapi berkas sesuai persyaratan dan menyerahkannya kepada petugas Customer Service',
      time: { asWritten: 'Sesuai kebutuhan & keperluan pemohon' },
      inputs: [CHECKLIST, FORM, 'Berkas kelengkapan sesuai persyaratan'],
      outputs: [ISIAN_PERMOHONAN, BERKAS_LAIN],
    },
  ];
}

/** Steps 4-5 of API-U and IMTA: the counter's check and registration, worded the same in both seeds. */
export function counterSteps(lane: string): StepInput[] {
  return [
    {
      no: 4,
      lane,
      kind: 'front-office-check',
      phase: 'intake',
      title: 'Customer Service menerima dan memeriksa kelengkapan dan kebenaran berkas dengan checklist penerimaan',
      time: { asWritten: 'Hari ke H, 10 - 30 menit', dayFrom: 0, dayTo: 0, minMinutes: 10, maxMinutes: 30 },
      inputs: [ISIAN_PERMOHONAN, BERKAS_LAIN, CHECKLIST],
      outputs: ['Hasil pemeriksaan dan verifikasi berkas', 'Isian map pengendalian proses'],
      returns: [
        {
          to: 'applicant',
          reason:
            'Jika belum lengkap & benar, pemohon diminta melengkapi kembali berkas, menambah persyaratan atau membuat permohonan baru',
        },
      ],
    },
    {
      no: 5,
      lane,
      kind: 'registration',
      phase: 'intake',
      title:
        'Petugas pendaftaran mencatat data pemohon, memberi nomor berkas, menandai checklist, membubuhkan tanggal, waktu dan tanda tangan pada map proses, dan mencetak bukti tanda terima',
      time: { asWritten: 'Hari ke H, 10 - 15 menit', dayFrom: 0, dayTo: 0, minMinutes: 10, maxMinutes: 15 },
      inputs: [ISIAN_PERMOHONAN, BERKAS_LAIN, CHECKLIST],
      outputs: [
        'Hasil pemeriksaan dan verifikasi berkas',
        'Bukti tanda terima berkas permohonan',
        'Isian map pengendali proses',
      ],
      notes: ['Bukti tanda terima sekaligus merupakan mulainya perhitungan hari kerja penyelesaian perizinan'],
    },
  ];
}

/** The Kepala's signature in API-U and IMTA: worded the same, sending back to the Kabid or the Kasi. */
export function kepalaSignatureStep(
  no: number,
  kabidStep: number,
  kasiStep: number,
  time: StepInput['time'],
): StepInput {
  return {
    no,
    lane: 'kepala-dinas',
    kind: 'signature',
    title: 'Kepala Dinas memeriksa surat izin yang sudah diverifikasi Kabid dan menandatanganinya',
    time,
    inputs: [MAP_PROSES, BERKAS],
    outputs: [BERKAS, ISIAN_MAP, IZIN_SAH],
    returns: [
      { to: kabidStep, reason: 'Jika belum benar, dikembalikan kepada Kabid untuk diperbaiki' },
      { to: kasiStep, reason: 'Jika belum benar, dikembalikan kepada Kasi untuk diperbaiki' },
    ],
  };
}

/** The Tata Usaha's registration in API-U and IMTA, worded the same in both seeds. */
export function tataUsahaNumberStep(no: number, time: StepInput['time']): StepInput {
  return {
    no,
    lane: 'tata-usaha',
    kind: 'registration-number',
    title:
      'Tata Usaha memberi nomor izin sesuai urutan register penerbitan izin dengan tanggal pengesahan, lalu mengarsipkan berkas',
    time,
    inputs: [MAP_PROSES, BERKAS],
    outputs: [BERKAS, ISIAN_MAP, IZIN_SAH],
    notes: [
      'Rangkap 2 dan 3 disimpan dalam map pengendali proses',
      'Nomor surat ditetapkan secara berurutan dan diregistrasi dengan rapi sesuai kaidah penomoran yang berlaku',
    ],
  };
}

/**
 * "Informasi hak dan kewajiban pemohon dapat mencakup" (API-U and IMTA, step 12 / 13): what the
 * pickup counter tells the applicant, the duty to report to Bidang Dalak included.
 */
export const HAK_DAN_KEWAJIBAN = [
  'Hak memperoleh informasi / akses terkini tentang perubahan peraturan perundangan terkait',
  'Hak memperoleh keterangan terkait perizinan yang diterima',
  'Kewajiban pelaporan ke OPD terkait',
  'Kewajiban pelaporan dan bersedia untuk dilakukan pengawasan / monitoring dari pihak DPMPTSP (Bidang Dalak)',
];

/** The last two steps of API-U and IMTA: handover at the pickup counter, the applicant signs and fills the survey. */
export function handoverSteps(
  first: number,
  handoverTime: StepInput['time'],
  receiveTime: StepInput['time'],
): StepInput[] {
  return [
    {
      no: first,
      lane: 'tata-usaha',
      kind: 'handover',
      title:
        'Tata Usaha menginformasikan penyelesaian, menyerahkan surat izin di loket pengambilan dengan bukti penerimaan, menyerahkan kuesioner survei kepuasan dan menjelaskan hak & kewajiban',
      time: handoverTime,
      inputs: [MAP_PROSES, BERKAS],
      outputs: [BERKAS, ISIAN_MAP, IZIN_SAH, 'Kuesioner survei kepuasan', 'Bukti tanda terima surat izin'],
      informs: HAK_DAN_KEWAJIBAN,
      notes: [
        'Surat izin dimasukkan ke map penyerahan dengan nama pemohon pada cover map',
        'Bukti tanda terima dicantumkan pada map proses dan buku serah terima surat izin',
      ],
    },
    {
      no: first + 1,
      lane: 'pemohon',
      kind: 'applicant-action',
      title:
        'Pemohon menerima surat izin, menandatangani bukti serah terima, mengisi kuesioner survei kepuasan dan menerima informasi hak & kewajiban',
      time: receiveTime,
      inputs: ['Surat tanda terima berkas awal sebagai bukti pengambilan surat izin'],
      outputs: [IZIN_SAH, 'Kuesioner survei kepuasan', 'Bukti tanda terima surat izin'],
      collectsSurvey: true,
    },
  ];
}

/** The approver and dates printed on all fourteen DALAK SOPs (the seed misspells the name in several; this is the correct one). */
export const DALAK_APPROVAL = {
  createdDate: '2022-11-03',
  effectiveDate: '2022-12-06',
  approvedBy: {
    name: 'Puguh Harjanto, S.STP., M.Si',
    position: 'Kepala DPMPTSP Prov. Kaltim',
    nip: '197908101998021001',
  },
} as const;
