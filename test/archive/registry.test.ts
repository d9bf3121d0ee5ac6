import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { numberClaimKey, registerIndexKeys } from '#records/keys.ts';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#records/table.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { formatNumber } from '#registry/format-number.ts';
import { listRegister } from '#registry/list-register.ts';
import { peekNextNumber } from '#registry/next-number.ts';
import { voidNumber } from '#registry/void-number.ts';
import { loadRegisters, officeRegisters } from '#sop/registers.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { takeOnCounterOnly as takeOnCounter } from '../support/register-counter.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TABLE = 'paraf-test';
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(raw, TABLE);
  client = DynamoDBDocumentClient.from(raw);
});
afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const register = (id: string) => officeRegisters().find((r) => r.id === id)!;
const november = new Date('2026-11-23T02:00:00Z');

/** A number taken on a register's 2026 counter by a process that died before recording its claim. */
const takeOnCounterOnly = (registerId: string, claim?: string) => takeOnCounter(client, TABLE, registerId, 2026, claim);

describe("the office's registers file (config/registers.json)", () => {
  it('holds a register for every one the catalog numbers with, its formats called examples', () => {
    const ids = officeRegisters().map((r) => r.id);
    const used = new Set(
      loadCatalog().flatMap((sop) => sop.documents.flatMap((doc) => (doc.register ? [doc.register] : []))),
    );
    for (const id of used) expect(ids).toContain(id);
    expect(JSON.parse(readFileSync(new URL('../../config/registers.json', import.meta.url), 'utf8')).note).toContain(
      'EXAMPLES',
    );
  });

  it('stops on a wrong file, naming the register at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paraf-registers-'));
    const file = join(dir, 'registers.json');
    const write = (registers: unknown[]) => writeFileSync(file, JSON.stringify({ registers }));
    try {
      write([{ id: 'api-u', title: 'API-U', format: '503/{seq:03}/{bulan}/{year}' }]);
      expect(() => loadRegisters(file)).toThrow('register "api-u": penanda {bulan} tidak dikenal');
      write([{ id: 'api-u', title: 'API-U', format: '503/API-U/{year}' }]);
      expect(() => loadRegisters(file)).toThrow(`Berkas ${file} tidak dapat dipakai:\n- registers.0.format`);
      write([
        { id: 'api-u', title: 'A', format: '{seq}' },
        { id: 'api-u', title: 'B', format: '{seq}/{year}' },
      ]);
      expect(() => loadRegisters(file)).toThrow('register "api-u" tercantum dua kali');
      writeFileSync(file, '{ "registers": [');
      expect(() => loadRegisters(file)).toThrow(`Berkas ${file} tidak dapat dipakai:\n- bukan JSON yang sah`);
      write([{ id: 'api-u', title: 'API-U', format: 'B-{seq:04}/{year}' }]);
      expect(loadRegisters(file)).toEqual([{ id: 'api-u', title: 'API-U', format: 'B-{seq:04}/{year}' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('register number formats', () => {
  it('fills sequence, month (Roman or digits) and year as the office writes them', () => {
    expect(formatNumber('503/{seq:03}/DPMPTSP-III/{romanMonth}/{year}', 12, november)).toBe(
      '503/012/DPMPTSP-III/XI/2026',
    );
    expect(formatNumber('067/{seq:03}/DPMPTSP-DALAK/{romanMonth}/{year}', 1, november)).toBe(
      '067/001/DPMPTSP-DALAK/XI/2026',
    );
    expect(formatNumber('{seq}/{month}/{year}', 1234, november)).toBe('1234/11/2026');
    expect(() => formatNumber('{seq}/{bulan}', 1, november)).toThrow('penanda {bulan} tidak dikenal');
  });

  it('writes every month as the office does: I to XII, and 01 to 12', () => {
    const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, i, 15, 2)));
    expect(months.map((at) => formatNumber('{romanMonth}', 1, at))).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
      'IX',
      'X',
      'XI',
      'XII',
    ]);
    expect(months.map((at) => formatNumber('{month}', 1, at))).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
    ]);
  });

  it('reads the date in WITA: 31 December 23.30 WITA is still December', () => {
    expect(formatNumber('{romanMonth}/{year}', 1, new Date('2026-12-31T15:30:00Z'))).toBe('XII/2026');
    expect(formatNumber('{romanMonth}/{year}', 1, new Date('2026-12-31T16:30:00Z'))).toBe('I/2027');
  });
});

describe('assigning numbers', () => {
  it('gives the next number once: a retried step gets the same number', async () => {
    const first = await assignNumber(client, TABLE, {
      register: register('imta'),
      caseId: 'case-a',
      documentKind: 'imta',
      at: november,
    });
    const second = await assignNumber(client, TABLE, {
      register: register('imta'),
      caseId: 'case-b',
      documentKind: 'imta',
      at: november,
    });
    const retried = await assignNumber(client, TABLE, {
      register: register('imta'),
      caseId: 'case-a',
      documentKind: 'imta',
      at: new Date('2026-11-25T02:00:00Z'),
    });
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first.number).toBe('503/001/IMTA/DPMPTSP-III/XI/2026');
    expect(retried).toEqual(first);
  });

  it('recovers the number an interrupted attempt took, instead of taking another', async () => {
    const reg = register('surat-tugas');
    // The register may hold numbers of other tests of this file already: counted from the one taken here.
    const before = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'before',
      documentKind: 'surat-tugas',
      at: november,
    });
    await takeOnCounterOnly('surat-tugas', 'crashed#surat-tugas');
    const recovered = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'crashed',
      documentKind: 'surat-tugas',
      at: november,
    });
    const next = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'after',
      documentKind: 'surat-tugas',
      at: november,
    });
    expect([recovered.seq, next.seq]).toEqual([before.seq + 1, before.seq + 2]);
  });

  it('keeps one number for a claim whose two attempts overlap after the first cleared its pending entry, the second void', async () => {
    const reg = register('surat-tugas');
    const { port } = server.address() as AddressInfo;
    // This attempt's counter update waits while another Lambda's attempt of the same claim runs to its end.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reachedUpdate = () => {};
    const atUpdate = new Promise<void>((resolve) => (reachedUpdate = resolve));
    const slowRaw = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    slowRaw.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand') {
          reachedUpdate();
          await held;
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const slow = DynamoDBDocumentClient.from(slowRaw);
    try {
      const claim = { register: reg, caseId: 'overlap', documentKind: 'surat-tugas', at: november };
      const second = assignNumber(slow, TABLE, claim);
      // It has read no record. The other attempt's writes, as it leaves them: the number taken, the claim recorded, pending cleared.
      await atUpdate;
      const seq = await takeOnCounterOnly('surat-tugas');
      const first = {
        register: 'surat-tugas',
        year: 2026,
        seq,
        number: formatNumber(reg.format, seq, november),
        caseId: 'overlap',
        documentKind: 'surat-tugas',
        assignedAt: november.toISOString(),
      };
      await client.send(
        new PutCommand({
          TableName: TABLE,
          Item: {
            ...numberClaimKey('overlap', 'surat-tugas', 'surat-tugas'),
            ...registerIndexKeys('surat-tugas', 2026, seq),
            assigned: first,
          },
        }),
      );
      release();
      expect(await second).toEqual(first);
      const listing = await listRegister(client, TABLE, 'surat-tugas', 2026);
      const mine = listing.entries.filter((entry) => entry.caseId === 'overlap');
      expect(mine.map((entry) => [entry.seq, entry.void === undefined])).toEqual([
        [seq, true],
        [seq + 1, false],
      ]);
      expect(mine[1]?.void?.reason).toBe(
        `Nomor ganda: percobaan lain untuk dokumen yang sama sudah memberinya nomor ${first.number}`,
      );
      expect([listing.last, listing.inFlight]).toEqual([seq + 1, []]);
      // A later retry gets the recorded number too.
      expect(await assignNumber(client, TABLE, claim)).toEqual(first);
    } finally {
      release();
      slow.destroy();
    }
  });

  // 1000 in the suite; fewer under mutation testing (PARAF_TEST_CONCURRENT, vitest.stryker.config.ts), where it runs per mutant.
  const concurrent = Number(process.env.PARAF_TEST_CONCURRENT ?? 1000);
  it(`hands out 1..${concurrent} exactly once to ${concurrent} concurrent requests on one register`, async () => {
    const reg = register('api-u');
    let requests = 0;
    const count = () => {
      requests += 1;
    };
    server.on('request', count);
    const results = await Promise.all(
      Array.from({ length: concurrent }, (_, i) =>
        assignNumber(client, TABLE, { register: reg, caseId: `c${i}`, documentKind: 'api-u', at: november }),
      ),
    );
    server.off('request', count);
    // Claims made together share their reads and counter updates: about one write per number remains (was 3).
    expect(requests / concurrent).toBeLessThan(1.5);
    const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: concurrent }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.number)).size).toBe(concurrent);
    // The register's own log agrees: an entry per number, each naming its case.
    let logged = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'REGISTER#api-u#2026' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        expect(item.gsi1sk).toBe(`SEQ#${String(item.assigned.seq).padStart(6, '0')}`);
      logged += page.Items?.length ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(logged).toBe(concurrent);
  }, 300_000);

  it('numbers gaplessly and without repeats when two processes assign from one table at once', async () => {
    const { port } = server.address() as AddressInfo;
    // 300 claims of each process alone, and 100 both processes make for the same cases (a retried step in another Lambda).
    const ownClaims = (who: string) => Array.from({ length: 300 }, (_, i) => `${who}-${i}`);
    const shared = Array.from({ length: 100 }, (_, i) => `shared-${i}`);
    const start = (claims: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/assign-numbers.ts'], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
          PARAF_TEST_TABLE: TABLE,
          PARAF_TEST_REGISTER: 'imta',
          PARAF_TEST_CLAIMS: claims.join(','),
          PARAF_TEST_AT: '2030-03-04T02:00:00Z',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (err += chunk));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${err}`)));
      });
      const done = new Promise<{ caseId: string; seq: number; number: string }[]>((resolve, reject) =>
        child.once('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!))
            : reject(new Error(`exited ${code}: ${err}`)),
        ),
      );
      return { child, ready, done };
    };
    const a = start([...ownClaims('a'), ...shared]);
    const b = start([...shared.slice().reverse(), ...ownClaims('b')]);
    await Promise.all([a.ready, b.ready]);
    // Both are connected: let go of them together.
    a.child.stdin.end('go\n');
    b.child.stdin.end('go\n');
    const [fromA, fromB] = await Promise.all([a.done, b.done]);
    expect([fromA.length, fromB.length]).toEqual([400, 400]);

    const byCase = new Map<string, number>();
    for (const result of [...fromA, ...fromB]) {
      const earlier = byCase.get(result.caseId);
      if (earlier !== undefined)
        expect({ caseId: result.caseId, seq: result.seq }).toEqual({ caseId: result.caseId, seq: earlier });
      byCase.set(result.caseId, result.seq);
    }
    // 700 claims, 700 numbers, each once, in both processes' answers and in the register itself.
    expect(byCase.size).toBe(700);
    expect(new Set(byCase.values()).size).toBe(700);
    const listing = await listRegister(client, TABLE, 'imta', 2030);
    // Every number from 1 to the last is in the register, none in flight: used by one case, or void.
    expect(listing.inFlight).toEqual([]);
    expect(listing.entries.map((entry) => entry.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: listing.last }, (_, i) => i + 1),
    );
    expect(listing.entries.filter((entry) => !entry.void).map((entry) => [entry.seq, entry.caseId])).toEqual(
      [...byCase].map(([caseId, seq]) => [seq, caseId]).sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
    // A void number only where both processes claimed for the same case and the second took its number
    // after the first's was recorded and its hold (2 s) had passed: rare, and only on a loaded machine.
    const voids = listing.entries.filter((entry) => entry.void);
    expect(voids.length).toBe(listing.last - 700);
    for (const entry of voids) {
      expect(entry.caseId).toMatch(/^shared-/);
      expect(entry.void?.reason).toMatch(
        /^Nomor ganda: percobaan lain untuk dokumen yang sama sudah memberinya nomor /,
      );
    }
    // Both processes did take numbers, and their turns interleaved: neither ran alone before the other.
    const seqsOf = (results: { caseId: string; seq: number }[]) =>
      results.filter((r) => !r.caseId.startsWith('shared')).map((r) => r.seq);
    expect(Math.min(...seqsOf(fromA))).toBeLessThan(Math.max(...seqsOf(fromB)));
    expect(Math.min(...seqsOf(fromB))).toBeLessThan(Math.max(...seqsOf(fromA)));
  }, 120_000);

  it("previews the next number without taking it, the step's earlier numbers skipped", async () => {
    const reg = register('nota-dinas-dalak');
    const peek = (ahead?: number) => peekNextNumber(client, TABLE, reg, november, ahead);
    const before = await peek();
    expect(await peek()).toBe(before); // a preview takes nothing
    const taken = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'peek-a',
      documentKind: 'x',
      at: november,
    });
    expect(taken.number).toBe(before);
    expect(await peek()).toBe(formatNumber(reg.format, taken.seq + 1, november));
    expect(await peek(2)).toBe(formatNumber(reg.format, taken.seq + 3, november));
    // A register nothing was numbered in yet starts at 1.
    expect(await peekNextNumber(client, TABLE, reg, new Date('2031-03-02T02:00:00Z'))).toBe(
      formatNumber(reg.format, 1, new Date('2031-03-02T02:00:00Z')),
    );
  });

  it('voids a number a case took with its reason, once: the first reason stays; a case that took none voids nothing', async () => {
    const reg = register('nota-dinas-dalak');
    const taken = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'void-a',
      documentKind: 'x',
      at: november,
    });
    const input = { register: reg, caseId: 'void-a', documentKind: 'x', at: november };
    const voided = await voidNumber(client, TABLE, { ...input, reason: 'Berkas ditarik', voidedAt: november });
    expect(voided).toEqual({ ...taken, void: { reason: 'Berkas ditarik', at: november.toISOString() } });
    const again = await voidNumber(client, TABLE, { ...input, reason: 'Alasan lain', voidedAt: new Date() });
    expect(again).toEqual(voided);
    const year = november.getUTCFullYear();
    const entry = (await listRegister(client, TABLE, reg.id, year)).entries.find((e) => e.seq === taken.seq);
    expect(entry).toMatchObject({ caseId: 'void-a', void: { reason: 'Berkas ditarik' } });
    expect(
      await voidNumber(client, TABLE, { ...input, caseId: 'tidak-bernomor', reason: 'x', voidedAt: november }),
    ).toBeUndefined();
  });

  it("voids the number of a claim whose record was never written: the counter's pending entry names it", async () => {
    const reg = register('nota-dinas-dalak');
    const year = november.getUTCFullYear();
    const seq = await takeOnCounterOnly(reg.id, 'void-crashed#x');
    const voided = await voidNumber(client, TABLE, {
      register: reg,
      caseId: 'void-crashed',
      documentKind: 'x',
      at: november,
      reason: 'Gagal sebelum dicatat',
      voidedAt: november,
    });
    expect(voided).toMatchObject({
      seq,
      number: formatNumber(reg.format, seq, november),
      void: { reason: 'Gagal sebelum dicatat' },
    });
    const entry = (await listRegister(client, TABLE, reg.id, year)).entries.find((e) => e.seq === seq);
    expect(entry).toMatchObject({ caseId: 'void-crashed', void: { reason: 'Gagal sebelum dicatat' } });
  });

  it('starts again at 1 in a new year, and keeps registers apart', async () => {
    const reg = register('rekomendasi-eo');
    const december = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'dec',
      documentKind: 'rekomendasi-eo',
      at: new Date('2026-12-31T15:00:00Z'),
    });
    const january = await assignNumber(client, TABLE, {
      register: reg,
      caseId: 'jan',
      documentKind: 'rekomendasi-eo',
      at: new Date('2026-12-31T16:30:00Z'),
    });
    const other = await assignNumber(client, TABLE, {
      register: register('sk-kepala-dinas'),
      caseId: 'jan',
      documentKind: 'sk-pencabutan',
      at: new Date('2027-01-04T02:00:00Z'),
    });
    expect([december.year, december.seq, january.year, january.seq]).toEqual([2026, 1, 2027, 1]);
    expect(january.number).toBe('503/001/REK-EO/DPMPTSP-III/I/2027');
    expect(other.seq).toBe(1);
  });
});
