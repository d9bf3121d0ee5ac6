import { X509Certificate } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClientSettings, sdkClientSettings } from '#config/read-config.ts';
import { checkServiceHealth, type ServiceHealth } from '#cases/check-service-health.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { formatBytes, type HealthCheck, type HealthReport, type OfficeNotice } from '#runtime/health-report.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import type { Sop } from '#sop/schema.ts';
import type { StaffDirectory } from '#staff/load-staff-directory.ts';
import { readLastBackup } from './backup/backup.ts';
import { witaDateTime } from '#clock/wita.ts';

/** Below either, free disk is a problem: the archive only grows, and a backup needs room beside it. */
const MIN_FREE_BYTES = 2 * 1024 ** 3;
const MIN_FREE_SHARE = 0.1;
const CERTIFICATE_DAYS = 60;
/** A daily backup (README, cron) is late after a day and two hours. */
const BACKUP_HOURS = 26;
const DAY = 86_400_000;

function sizeOf(path: string): number {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

const plural = (n: number, word: string) => `${n} ${word}`;
/** A date as the operator reads it: the WITA day (2026-01-05). */
const day = (iso: string) => witaDateTime(new Date(iso)).date;
/** The same day as the office reads it: 5 Januari 2026. */
const officeDay = (iso: string) => formatTanggal(day(iso));
/** An instant as the office reads it: 5 Januari 2026 pukul 04.46 WITA. */
const officeMoment = (iso: string) => {
  const { date, time } = witaDateTime(new Date(iso));
  return `${formatTanggal(date)} pukul ${time} WITA`;
};
/** An official as the office names them: name and position; an id the directory does not know stays as it is. */
const officialName = (staff: StaffDirectory, id: string) => {
  const official = staff.byId(id);
  return official ? `${official.name}, ${official.position}` : id;
};
/**
 * A check's problem when `found`, said to the operator and to the office together: the type lets a
 * check carry both or neither, and this keeps a spread of one from widening it.
 */
const problemIf = (
  found: boolean,
  problem: () => { problem: string; notice: OfficeNotice },
): { problem: string; notice: OfficeNotice } | { problem?: undefined; notice?: undefined } => (found ? problem() : {});
/** Whom the report's fixes are asked of, on the page: the office's IT officer runs what must be run. */
const IT = 'Minta petugas TI';

export interface HealthInputs {
  dataDir: string;
  aws: AwsClientSettings;
  table: string;
  bucket: string;
  catalog: readonly Sop[];
  /** Names the officials the report speaks of (a late step's holder, a certificate's owner). */
  staff: StaffDirectory;
  running: boolean;
  /** Since when requests have come through a proxy PARAF_PROXY does not name (unnamed-proxy.ts); only a running Paraf sees them. */
  unnamedProxySince?: Date | undefined;
}

/**
 * The local runtime's health (`/kesehatan`, `npx paraf doctor`, the start's warnings): the data
 * folder's size and the disk's free room, the two stand-ins answering, the executions and the steps
 * past their due time, e-mails that failed in the last 30 days, the signing certificates' expiry
 * (60 days ahead), and the last backup's age. Each check says what it found and, for a problem,
 * what to do, in Bahasa Indonesia: to the operator, and to the office (HealthCheck.notice).
 */
export async function checkHealth(inputs: HealthInputs, now = new Date()): Promise<HealthReport> {
  const { dataDir } = inputs;
  const checks: HealthCheck[] = [];
  checks.push({ id: 'data-size', label: 'Ukuran data Paraf', value: formatBytes(sizeOf(dataDir)), detail: dataDir });
  checks.push(diskCheck(dataDir));
  const dynamo = new DynamoDBClient(sdkClientSettings(inputs.aws, 'dynamodb'));
  const s3 = new S3Client({ ...sdkClientSettings(inputs.aws, 's3'), forcePathStyle: inputs.aws.s3PathStyle });
  try {
    const table = await storeCheck(STORES.table, () =>
      dynamo.send(new DescribeTableCommand({ TableName: inputs.table })),
    );
    checks.push(table);
    checks.push(await storeCheck(STORES.archive, () => s3.send(new HeadBucketCommand({ Bucket: inputs.bucket }))));
    checks.push(executionsCheck(dataDir, inputs.running));
    if (!table.problem) {
      const service = await checkServiceHealth(
        { dynamo: DynamoDBDocumentClient.from(dynamo), table: inputs.table, catalog: inputs.catalog },
        now,
      );
      checks.push(overdueCheck(service, inputs.staff), stoppedCheck(service), mailCheck(service));
    }
  } finally {
    dynamo.destroy();
    s3.destroy();
  }
  if (inputs.unnamedProxySince) checks.push(unnamedProxyCheck(inputs.unnamedProxySince));
  checks.push(certificatesCheck(dataDir, inputs.staff, now));
  checks.push(backupCheck(dataDir, now));
  return { checkedAt: now.toISOString(), running: inputs.running, checks };
}

function overdueCheck(service: ServiceHealth, staff: StaffDirectory): HealthCheck {
  const overdue = service.overdue;
  const check = {
    id: 'overdue',
    label: 'Langkah menunggu pejabat',
    value: `${plural(service.waiting, 'menunggu')}, ${plural(overdue.length, 'melewati batas waktu')}`,
  };
  if (!overdue.length) return check;
  const more = overdue.length > 5 ? ', dan lainnya' : '';
  const shown = overdue.slice(0, 5);
  return {
    ...check,
    problem: `${overdue.length} langkah melewati batas waktunya: ${shown
      .map((o) => `berkas ${o.fileNumber} langkah ${o.step} (batas ${day(o.dueAt)})`)
      .join(', ')}${more}. Lihat Dasbor.`,
    notice: {
      what: `${overdue.length} langkah melewati batas waktunya: ${shown
        .map(
          (o) =>
            `berkas ${o.fileNumber} langkah ${o.step}, menunggu ${officialName(staff, o.officialId)}, batas waktunya ${officeDay(o.dueAt)}`,
        )
        .join('; ')}${more}.`,
      meaning: 'Pemohon dapat menerima layanan lebih lambat dari standar waktu yang dijanjikan SOP.',
      action: 'Ingatkan pejabat yang disebut untuk memutuskan langkahnya; rinciannya ada di Dasbor.',
    },
  };
}

/** Cases a failure stopped: the Dasbor lists them with what stopped each; health says so too, not "Baik". */
function stoppedCheck(service: ServiceHealth): HealthCheck {
  const stopped = service.stopped;
  const check = {
    id: 'stopped',
    label: 'Berkas terhenti karena kesalahan (30 hari terakhir)',
    value: plural(stopped.length, 'berkas'),
  };
  if (!stopped.length) return check;
  const files = stopped
    .slice(0, 5)
    .map((s) => s.fileNumber)
    .join(', ');
  const more = stopped.length > 5 ? ', dan lainnya' : '';
  return {
    ...check,
    problem: `${stopped.length} berkas terhenti karena kesalahan dan tidak berlanjut sendiri: ${files}${more}. Penyebabnya tertulis di Dasbor, bagian "Terhenti, perlu tindakan".`,
    notice: {
      what: `${stopped.length} berkas terhenti karena kesalahan: ${files}${more}.`,
      meaning: 'Berkas ini tidak berlanjut ke langkah berikutnya, dan pemohonnya menunggu.',
      action: `Lihat penyebabnya di Dasbor, bagian "Terhenti, perlu tindakan". ${IT} memeriksa penyebab itu; beri tahu pemohon, dan bila perlu daftarkan berkasnya kembali di loket.`,
    },
  };
}

/** Requests through a proxy Paraf was not told of: every visitor counts as one address. */
function unnamedProxyCheck(since: Date): HealthCheck {
  return {
    id: 'proxy',
    label: 'Alamat pengunjung',
    value: 'semua pengunjung terbaca sebagai satu alamat',
    problem: `Sejak ${officeMoment(since.toISOString())} permintaan datang melalui proksi di komputer ini (dengan X-Forwarded-For), tetapi PARAF_PROXY tidak diisi. Setiap pengunjung terbaca sebagai alamat proksi, sehingga batas percobaan masuk dan kode tanda terima berlaku untuk semua orang sekaligus. Isi PARAF_PROXY=127.0.0.1, lalu mulai ulang Paraf.`,
    notice: {
      what: 'Paraf tidak dapat membedakan pengunjung satu dengan yang lain.',
      meaning:
        'Bila seseorang berkali-kali salah memasukkan kode tanda terima atau kata sandi, semua pemohon atau petugas ikut tertahan sampai seperempat jam.',
      action: `${IT} mengisi PARAF_PROXY=127.0.0.1 dan memulai ulang Paraf.`,
    },
  };
}

function mailCheck(service: ServiceHealth): HealthCheck {
  const failed = service.mailFailed;
  const check = {
    id: 'mail',
    label: 'E-mail tidak terkirim (30 hari terakhir)',
    value: failed.length ? plural(failed.length, 'e-mail') : 'tidak ada',
  };
  if (!failed.length) return check;
  // A case's receipt and its first ask fail alike: each file is named once.
  const files = [...new Set(failed.map((f) => f.fileNumber))].slice(0, 3).join(', ');
  return {
    ...check,
    problem: `${failed.length} e-mail gagal terkirim dalam 30 hari terakhir, antara lain untuk berkas ${files}. Periksa pengaturan server surat, lalu hubungi penerimanya dengan cara lain.`,
    notice: {
      what: `${failed.length} e-mail gagal terkirim dalam 30 hari terakhir, antara lain untuk berkas ${files}.`,
      meaning:
        'Pemohon atau pejabat yang dituju tidak menerima pemberitahuannya: tanda terima, permintaan persetujuan, atau kabar bahwa izin siap diambil.',
      action: `${IT} memeriksa pengaturan server surat Paraf. Sementara itu, hubungi penerimanya lewat telepon atau cara lain.`,
    },
  };
}

/** The two stores, as the office and the operator name them, and what the office cannot do while one is silent. */
const STORES = {
  table: {
    id: 'table',
    label: 'Penyimpanan catatan berkas',
    standIn: 'dynalite',
    meaning:
      'Loket tidak dapat menerima berkas, dan pejabat tidak dapat membuka, memutuskan, atau mencari berkas, sampai penyimpanan ini menjawab lagi.',
  },
  archive: {
    id: 'archive',
    label: 'Penyimpanan arsip dokumen',
    standIn: 's3rver',
    meaning:
      'Dokumen dan lampiran tidak dapat disimpan atau dibuka, sehingga izin tidak dapat diterbitkan sampai penyimpanan ini menjawab lagi.',
  },
} as const;

/** A store answers a request, or the problem names the error and what to do. */
async function storeCheck(
  store: (typeof STORES)[keyof typeof STORES],
  call: () => Promise<unknown>,
): Promise<HealthCheck> {
  const check = { id: store.id, label: store.label, detail: store.standIn };
  try {
    await call();
    return { ...check, value: 'menjawab' };
  } catch (error) {
    const name = (error as Error).name || 'galat';
    return {
      ...check,
      value: 'tidak menjawab',
      problem: `${store.label} (${store.standIn}) tidak menjawab (${name}). Mulai ulang Paraf; bila berulang, pulihkan dari cadangan.`,
      notice: {
        what: `${store.label} tidak menjawab.`,
        meaning: store.meaning,
        action: `${IT} memulai ulang Paraf; bila masalah ini berulang, minta ia memulihkan data dari cadangan terakhir.`,
      },
    };
  }
}

function diskCheck(dataDir: string): HealthCheck {
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  const total = fs.blocks * fs.bsize;
  const share = total ? free / total : 0;
  const low = free < MIN_FREE_BYTES || share < MIN_FREE_SHARE;
  const left = `${formatBytes(free)} (${Math.round(share * 100)}%)`;
  return {
    id: 'disk',
    label: 'Ruang kosong di disk',
    value: `${formatBytes(free)} dari ${formatBytes(total)} (${Math.round(share * 100)}%)`,
    ...problemIf(low, () => ({
      problem: `Ruang disk tinggal ${left}. Kosongkan disk atau pindahkan folder data ke disk yang lebih besar sebelum penuh.`,
      notice: {
        what: `Ruang kosong di disk komputer Paraf tinggal ${left}.`,
        meaning:
          'Bila disk penuh, Paraf tidak dapat lagi menyimpan berkas baru, dokumen yang ditandatangani, atau cadangan.',
        action: `${IT} mengosongkan disk atau memindahkan data Paraf ke disk yang lebih besar sebelum penuh.`,
      },
    })),
  };
}

function executionsCheck(dataDir: string, running: boolean): HealthCheck {
  const dir = join(dataDir, 'executions');
  let active = 0;
  let waiting = 0;
  for (const name of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : []) {
    try {
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        status?: string;
        current?: { token?: string };
      };
      if (record.status !== 'RUNNING') continue;
      active += 1;
      if (record.current?.token) waiting += 1;
    } catch {
      // replaced while read: counted at the next check
    }
  }
  return {
    id: 'executions',
    label: 'Berkas dalam proses',
    value: `${active} berjalan, ${waiting} menunggu keputusan pejabat atau pemohon${running ? '' : ' (Paraf sedang berhenti; dilanjutkan saat dimulai)'}`,
    detail: 'eksekusi alur SOP di folder executions',
  };
}

/** A certificate's owner by its file's name: the office's own services by what they are, an official by name and position. */
function certificateOwner(owner: string, staff: StaffDirectory): string {
  if (owner === 'ca') return 'otoritas sertifikat kantor (penerbit sertifikat semua pejabat)';
  if (owner === 'tsa') return 'layanan stempel waktu kantor';
  if (owner === OFFICE_SEAL.id) return 'segel elektronik kantor';
  return officialName(staff, owner);
}

function certificatesCheck(dataDir: string, staff: StaffDirectory, now: Date): HealthCheck {
  const dir = join(dataDir, 'pki');
  // A pair set aside for an official's successor (local-pki.ts retireIfAnother) signs nothing more: its end is no one's concern.
  const names = existsSync(dir)
    ? readdirSync(dir).filter((n) => n.endsWith('.cert.pem') && !n.includes('.diganti-'))
    : [];
  const expiring: { owner: string; days: number; until: string }[] = [];
  // Ended already: said as such, not counted among those ending "within 60 days" (a TSA or official set aside stays out above).
  const expired: { owner: string; until: string }[] = [];
  let earliest: { owner: string; until: Date } | undefined;
  for (const name of names) {
    const until = new Date(new X509Certificate(readFileSync(join(dir, name))).validTo);
    const owner = name.slice(0, -'.cert.pem'.length);
    if (!earliest || until < earliest.until) earliest = { owner, until };
    const days = Math.floor((until.getTime() - now.getTime()) / DAY);
    if (until.getTime() <= now.getTime()) expired.push({ owner, until: until.toISOString() });
    else if (days <= CERTIFICATE_DAYS) expiring.push({ owner, days, until: until.toISOString() });
  }
  const ended = (who: (owner: string) => string, date: (iso: string) => string) =>
    expired.length
      ? `${expired.length} sertifikat sudah berakhir pada ${expired.map((e) => `${date(e.until)} (${who(e.owner)})`).join(', ')}`
      : '';
  const ending = (who: (owner: string) => string, separator: string) =>
    expiring.length
      ? `${expiring.length} sertifikat berakhir dalam ${CERTIFICATE_DAYS} hari: ${expiring.map((e) => `${who(e.owner)} (${e.days} hari lagi)`).join(separator)}`
      : '';
  const both = (a: string, b: string) => [a, b].filter(Boolean).join('; ');
  const named = (owner: string) => certificateOwner(owner, staff);
  return {
    id: 'certificates',
    label: 'Sertifikat tanda tangan elektronik',
    // Before going live an office must know what its signatures are in law (PP 71/2019: a certified one needs an accredited CA).
    value: names.length
      ? `${names.length} sertifikat; paling awal berakhir ${earliest ? `${officeDay(earliest.until.toISOString())} (${certificateOwner(earliest.owner, staff)})` : '-'}; diterbitkan otoritas sertifikat lokal kantor: sah untuk pemeriksaan di Paraf, bukan tanda tangan elektronik tersertifikasi (yang tersertifikasi memakai BSrE)`
      : 'tidak disimpan di komputer ini (pejabat menandatangani dengan sertifikat dari penyelenggara lain)',
    ...(earliest ? { detail: `pki/${earliest.owner}.cert.pem berakhir ${day(earliest.until.toISOString())}` } : {}),
    ...problemIf(expiring.length + expired.length > 0, () => ({
      problem: `${both(
        ended((owner) => owner, day),
        ending((owner) => owner, ', '),
      )}. Perbarui sertifikatnya${expiring.length ? ' sebelum tanda tangan ditolak' : ': tanda tangan dengannya ditolak'}.`,
      notice: {
        what: `${both(ended(named, officeDay), ending(named, '; '))}.`,
        meaning:
          'Tanda tangan dengan sertifikat yang sudah berakhir ditolak: berkas yang menunggu paraf atau tanda tangan pemiliknya berhenti sampai sertifikatnya diperbarui.',
        action: `${IT} memperbarui sertifikat tersebut${expiring.length ? ' sebelum tanggal berakhirnya' : ''}; sertifikat layanan stempel waktu lokal diperbarui saat Paraf dimulai (README).`,
      },
    })),
  };
}

function backupCheck(dataDir: string, now: Date): HealthCheck {
  const last = readLastBackup(dataDir);
  const label = 'Cadangan data terakhir';
  if (!last)
    return {
      id: 'backup',
      label,
      value: 'belum pernah',
      problem:
        'Folder data ini belum pernah dicadangkan. Jalankan npx paraf backup <berkas> dan jadwalkan setiap hari (README).',
      notice: {
        what: 'Data Paraf belum pernah dicadangkan.',
        meaning:
          'Bila komputer Paraf rusak atau hilang, semua berkas, dokumen yang terbit, dan riwayatnya hilang tanpa salinan.',
        action: `${IT} membuat cadangan sekarang, menjadwalkannya setiap hari, dan menyimpan salinannya di luar komputer ini.`,
        command: 'npx paraf backup <berkas>',
      },
    };
  const hours = Math.floor((now.getTime() - Date.parse(last.at)) / 3_600_000);
  const age = hours < 48 ? `${hours} jam lalu` : `${Math.floor(hours / 24)} hari lalu`;
  return {
    id: 'backup',
    label,
    value: `${age} (${officeMoment(last.at)}, ${formatBytes(last.bytes)})`,
    detail: `${last.at.slice(0, 16).replace('T', ' ')} UTC, ${last.file}`,
    ...problemIf(hours >= BACKUP_HOURS, () => ({
      problem: `Cadangan terakhir dibuat ${age}. Periksa jadwal cadangan harian (cron) dan salinannya di luar komputer ini.`,
      notice: {
        what: `Cadangan data terakhir dibuat ${age}.`,
        meaning: 'Pekerjaan sejak itu belum punya salinan: bila komputer Paraf rusak, pekerjaan itu hilang.',
        action: `${IT} memeriksa jadwal cadangan harian dan salinannya di luar komputer ini.`,
      },
    })),
  };
}
