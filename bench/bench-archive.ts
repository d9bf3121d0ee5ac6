import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import type { Clerk } from '../scripts/clerk.ts';
import { permitItems, type PermitRecord } from '#records/permit-index.ts';
import { median, ms, percentile } from './measure.ts';
import { officeClerk } from './office-clerk.ts';

const WORDS = [
  'mahakam',
  'borneo',
  'samarinda',
  'balikpapan',
  'kutai',
  'berau',
  'paser',
  'bontang',
  'nusantara',
  'khatulistiwa',
  'sentosa',
  'abadi',
  'jaya',
  'makmur',
  'sejahtera',
  'perkasa',
  'mandiri',
  'lestari',
  'gemilang',
  'cemerlang',
  'niaga',
  'energi',
  'tambang',
  'agro',
  'logistik',
  'samudra',
  'bahari',
  'kencana',
  'mulia',
  'prima',
  'utama',
  'sakti',
  'persada',
  'raya',
  'indah',
  'karya',
  'bangun',
  'cipta',
  'daya',
  'sumber',
];

/** A deterministic generator, so every run searches the same archive. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * The archive search through the HTTP API over generated permit records (written with the same
 * items `putPermit` writes): by register number, by NIB, by SOP and a month, by company name, by a
 * month or a status alone.
 */
export async function benchArchive(records: number, queries: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paraf-bench-archive-'));
  const paraf = await startLocal({ dataDir, port: 0 });
  try {
    const started = performance.now();
    const archive = await fillArchive(paraf, records);
    console.log(
      `\nArchive search over ${records.toLocaleString('en')} permit records (${archive.items.toLocaleString('en')} items, written in ${((performance.now() - started) / 1000).toFixed(0)} s), through GET /api/permits, ${queries} queries per kind:`,
    );
    // The search is for Tata Usaha and the officials who oversee (identity/staff-areas.ts).
    const clerk = await officeClerk(paraf);
    for (const [kind, query] of Object.entries(archive.queries)) {
      const times: number[] = [];
      let results = 0;
      for (let i = 0; i < queries + 10; i += 1) {
        const start = performance.now();
        const found = await searchArchive(clerk, query());
        if (i >= 10) {
          times.push(performance.now() - start);
          results += found;
        }
      }
      console.log(
        `  ${kind.padEnd(26)} p50 ${ms(median(times))}   p95 ${ms(percentile(times, 0.95))}   (${(results / queries).toFixed(1)} results on average; goal p95 <= 25 ms)`,
      );
    }
  } finally {
    await paraf.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One archive search through the API, as the Arsip page asks it: how many permits it found. */
export async function searchArchive(clerk: Clerk, query: string): Promise<number> {
  const response = await clerk.fetch(`/api/permits?${query}`);
  const body = (await response.json()) as { permits: unknown[] };
  if (response.status !== 200) throw new Error(`${query}: ${response.status} ${JSON.stringify(body)}`);
  return body.permits.length;
}

/**
 * Writes `records` generated permits (the items `putPermit` writes), the same ones on every run, and
 * gives the queries of each kind to ask of them: by register number, NIB, SOP and a month, company name,
 * a month or a status alone, a status and a month.
 */
export async function fillArchive(
  paraf: LocalParaf,
  records: number,
): Promise<{ items: number; queries: Record<string, () => string> }> {
  const random = generator(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sops = paraf.runtime.catalog.filter((sop) => sop.documents.some((doc) => doc.register)).map((sop) => sop.id);
  const companies = Array.from({ length: Math.ceil(records / 5) }, (_, i) => ({
    name: `PT ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`.replace(/\b\w/g, (c) => c.toUpperCase()),
    nib: String(9_120_000_000_000 + i),
  }));
  // Made and written a slice at a time: a million permits' items at once do not fit Node's heap.
  const registrationNumbers: string[] = [];
  let items = 0;
  for (let from = 0; from < records; from += SLICE) {
    const permits = Array.from({ length: Math.min(SLICE, records - from) }, (_, i) =>
      benchPermit(from + i, pick(companies), pick(sops), random),
    );
    // A sample of the register numbers to look up, the same on every run.
    for (const permit of permits) if (random() < 2000 / records) registrationNumbers.push(permit.registrationNumber);
    const slice = permits.flatMap(permitItems);
    await writeItems(paraf.runtime.dynamo, slice);
    items += slice.length;
  }
  return {
    items,
    queries: {
      'register number': () => `regNo=${encodeURIComponent(pick(registrationNumbers))}`,
      NIB: () => `nib=${pick(companies).nib}`,
      'SOP and one month': () => {
        const month = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
        return `sop=${pick(sops)}&from=${month}-01&to=${month}-28`;
      },
      'company name (two words)': () =>
        `nama=${encodeURIComponent(pick(companies).name.split(' ').slice(1, 3).join(' '))}`,
      'company name (one word)': () => `nama=${pick(WORDS)}`,
      // The status index: both statuses' partitions read and merged, or the one status's alone.
      'one month alone': () => {
        const month = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
        return `from=${month}-01&to=${month}-28`;
      },
      'status alone (dicabut)': () => 'status=dicabut',
      'status and one month': () => {
        const month = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
        return `status=${random() < 0.5 ? 'aktif' : 'dicabut'}&from=${month}-01&to=${month}-28`;
      },
    },
  };
}

/** Permits generated and written per slice. */
const SLICE = 20_000;

function benchPermit(
  i: number,
  company: { name: string; nib: string },
  sop: string,
  random: () => number,
): PermitRecord {
  const issued = new Date(
    Date.UTC(2025, 0, 1) + Math.floor(random() * 700) * 86_400_000 + Math.floor(random() * 36_000_000),
  );
  return {
    documentId: `bench${String(i).padStart(7, '0')}.api-u`,
    caseId: `bench${String(i).padStart(7, '0')}`,
    sop,
    kind: 'api-u',
    title: 'Dokumen uji',
    registrationNumber: `503/${String(i).padStart(7, '0')}/${sop}/${issued.getUTCFullYear()}`,
    issuedAt: issued.toISOString(),
    company: company.name,
    nib: company.nib,
    npwp: null,
    status: random() < 0.03 ? 'dicabut' : 'aktif',
    revocation: null,
    copies: [1, 2, 3].map((copy) => ({ copy, key: `cases/bench/${i}/copy-${copy}.pdf`, sha256: '0'.repeat(64) })),
    signers: [],
  };
}

/** The items in batches of 25 (BatchWriteItem's limit), eight requests at a time, what is unprocessed asked again. */
export async function writeItems(dynamo: DynamoDBDocumentClient, items: Record<string, unknown>[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < items.length) {
        let request: Record<string, unknown>[] | undefined = items.slice(next, next + 25);
        next += 25;
        while (request?.length) {
          const answer: BatchWriteCommandOutput = await dynamo.send(
            new BatchWriteCommand({ RequestItems: { paraf: request.map((Item) => ({ PutRequest: { Item } })) } }),
          );
          request = answer.UnprocessedItems?.paraf?.map((entry) => entry.PutRequest!.Item!);
        }
      }
    }),
  );
}
