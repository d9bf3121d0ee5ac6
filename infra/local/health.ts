import { X509Certificate } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClientSettings, sdkClientSettings } from '#config/read-config.ts';
import { checkServiceHealth } from '#cases/check-service-health.ts';
import { formatBytes, type HealthCheck, type HealthReport } from '#runtime/health-report.ts';
import type { Sop } from '#sop/schema.ts';
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
/** A date as the office reads it: the WITA day. */
const day = (iso: string) => witaDateTime(new Date(iso)).date;

export interface HealthInputs {
  dataDir: string;
  aws: AwsClientSettings;
  table: string;
  bucket: string;
  catalog: readonly Sop[];
  running: boolean;
}

/**
 * The local runtime's health (`/kesehatan`, `npx paraf doctor`, the start's warnings): the data
 * folder's size and the disk's free room, the two stand-ins answering, the executions and the steps
 * past their due time, e-mails that failed in the last 30 days, the signing certificates' expiry
 * (60 days ahead), and the last backup's age. Each check says what it found and, for a problem,
 * what to do, in Bahasa Indonesia.
 */
export async function checkHealth(inputs: HealthInputs, now = new Date()): Promise<HealthReport> {
  const { dataDir } = inputs;
  const checks: HealthCheck[] = [];
  checks.push({ id: 'data-size', label: 'Ukuran folder data', value: `${formatBytes(sizeOf(dataDir))} (${dataDir})` });
  checks.push(diskCheck(dataDir));
  const dynamo = new DynamoDBClient(sdkClientSettings(inputs.aws, 'dynamodb'));
  const s3 = new S3Client({ ...sdkClientSettings(inputs.aws, 's3'), forcePathStyle: inputs.aws.s3PathStyle });
  try {
    const table = await storeCheck('table', 'Penyimpanan catatan', 'dynalite', () =>
      dynamo.send(new DescribeTableCommand({ TableName: inputs.table })),
    );
    checks.push(table);
    checks.push(
      await storeCheck('archive', 'Penyimpanan arsip', 's3rver', () =>
        s3.send(new HeadBucketCommand({ Bucket: inputs.bucket })),
      ),
    );
    checks.push(executionsCheck(dataDir, inputs.running));
    if (!table.problem) {
      const service = await checkServiceHealth(
        { dynamo: DynamoDBDocumentClient.from(dynamo), table: inputs.table, catalog: inputs.catalog },
        now,
      );
      const overdue = service.overdue;
      checks.push({
        id: 'overdue',
        label: 'Langkah menunggu pejabat',
        value: `${plural(service.waiting, 'menunggu')}, ${plural(overdue.length, 'melewati batas waktu')}`,
        ...(overdue.length
          ? {
              problem: `${overdue.length} langkah melewati batas waktunya: ${overdue
                .slice(0, 5)
                .map((o) => `berkas ${o.fileNumber} langkah ${o.step} (batas ${day(o.dueAt)})`)
                .join(', ')}${overdue.length > 5 ? ', dan lainnya' : ''}. Lihat Dasbor.`,
            }
          : {}),
      });
      const failed = service.mailFailed;
      checks.push({
        id: 'mail',
        label: 'E-mail tidak terkirim (30 hari terakhir)',
        value: failed.length ? plural(failed.length, 'e-mail') : 'tidak ada',
        ...(failed.length
          ? {
              problem: `${failed.length} e-mail gagal terkirim dalam 30 hari terakhir, antara lain untuk berkas ${failed
                .slice(0, 3)
                .map((f) => f.fileNumber)
                .join(', ')}. Periksa pengaturan server surat, lalu hubungi penerimanya dengan cara lain.`,
            }
          : {}),
      });
    }
  } finally {
    dynamo.destroy();
    s3.destroy();
  }
  checks.push(certificatesCheck(dataDir, now));
  checks.push(backupCheck(dataDir, now));
  return { checkedAt: now.toISOString(), running: inputs.running, checks };
}

/** A stand-in's store answers a request, or the problem names the error and what to do. */
async function storeCheck(
  id: string,
  store: string,
  standIn: string,
  call: () => Promise<unknown>,
): Promise<HealthCheck> {
  const label = `${store} (${standIn})`;
  try {
    await call();
    return { id, label, value: 'menjawab' };
  } catch (error) {
    const name = (error as Error).name || 'galat';
    return {
      id,
      label,
      value: 'tidak menjawab',
      problem: `${store} tidak menjawab (${name}). Mulai ulang Paraf; bila berulang, pulihkan dari cadangan.`,
    };
  }
}

function diskCheck(dataDir: string): HealthCheck {
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  const total = fs.blocks * fs.bsize;
  const share = total ? free / total : 0;
  const low = free < MIN_FREE_BYTES || share < MIN_FREE_SHARE;
  return {
    id: 'disk',
    label: 'Ruang disk kosong',
    value: `${formatBytes(free)} dari ${formatBytes(total)} (${Math.round(share * 100)}%)`,
    ...(low
      ? {
          problem: `Ruang disk tinggal ${formatBytes(free)} (${Math.round(share * 100)}%). Kosongkan disk atau pindahkan folder data ke disk yang lebih besar sebelum penuh.`,
        }
      : {}),
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
    label: 'Eksekusi alur SOP',
    value: `${active} berjalan, ${waiting} menunggu pejabat${running ? '' : ' (Paraf sedang berhenti; dilanjutkan saat dimulai)'}`,
  };
}

function certificatesCheck(dataDir: string, now: Date): HealthCheck {
  const dir = join(dataDir, 'pki');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.cert.pem')) : [];
  const expiring: string[] = [];
  let earliest: { name: string; until: Date } | undefined;
  for (const name of names) {
    const until = new Date(new X509Certificate(readFileSync(join(dir, name))).validTo);
    const owner = name.slice(0, -'.cert.pem'.length);
    if (!earliest || until < earliest.until) earliest = { name: owner, until };
    const days = Math.floor((until.getTime() - now.getTime()) / DAY);
    if (days <= CERTIFICATE_DAYS)
      expiring.push(days < 0 ? `${owner} (kedaluwarsa ${day(until.toISOString())})` : `${owner} (${days} hari lagi)`);
  }
  return {
    id: 'certificates',
    label: 'Sertifikat tanda tangan',
    value: names.length
      ? `${names.length} sertifikat; paling awal berakhir ${earliest ? `${day(earliest.until.toISOString())} (${earliest.name})` : '-'}`
      : 'tidak ada di folder data (penanda tangan bukan lokal)',
    ...(expiring.length
      ? {
          problem: `${expiring.length} sertifikat berakhir dalam ${CERTIFICATE_DAYS} hari: ${expiring.join(', ')}. Perbarui sertifikatnya sebelum tanda tangan ditolak.`,
        }
      : {}),
  };
}

function backupCheck(dataDir: string, now: Date): HealthCheck {
  const last = readLastBackup(dataDir);
  if (!last)
    return {
      id: 'backup',
      label: 'Cadangan terakhir',
      value: 'belum pernah',
      problem:
        'Folder data ini belum pernah dicadangkan. Jalankan npx paraf backup <berkas> dan jadwalkan setiap hari (README).',
    };
  const hours = Math.floor((now.getTime() - Date.parse(last.at)) / 3_600_000);
  const age = hours < 48 ? `${hours} jam lalu` : `${Math.floor(hours / 24)} hari lalu`;
  return {
    id: 'backup',
    label: 'Cadangan terakhir',
    value: `${age} (${last.at.slice(0, 16).replace('T', ' ')} UTC, ${formatBytes(last.bytes)}, ${last.file})`,
    ...(hours >= BACKUP_HOURS
      ? {
          problem: `Cadangan terakhir dibuat ${age}. Periksa jadwal cadangan harian (cron) dan salinannya di luar komputer ini.`,
        }
      : {}),
  };
}
