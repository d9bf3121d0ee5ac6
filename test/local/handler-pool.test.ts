import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkerCount, workersForCores } from '#config/read-config.ts';
import { startHandlerPool } from '#local/handler-pool/handler-pool.ts';
import { invokeLocal } from '#local/lambda-handlers.ts';
import { completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { freePort, ParafProcess } from '../support/paraf-process.ts';
import { expectServedCopies } from '../support/served-copies.ts';
import { startParaf } from '../support/start-paraf.ts';

const dirs: string[] = [];
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
  for (const dir of dirs) removeDir(dir);
});

describe('the handler pool: rendering, signing and archiving in worker threads (issue 21)', () => {
  it('takes PARAF_WORKERS as a count from 0 to 64 or auto (one per core); without it, none or one per core as the caller says', () => {
    expect(readWorkerCount({ PARAF_WORKERS: '' })).toBe(0);
    expect(readWorkerCount({})).toBe(0);
    expect(readWorkerCount({}, 'auto')).toBe(workersForCores(availableParallelism()));
    expect(readWorkerCount({ PARAF_WORKERS: '' }, 'auto')).toBe(workersForCores(availableParallelism()));
    // auto: none on one core, one per core, at most 8 (a container's quota is not what Node 20 counts).
    expect([1, 2, 3, 8, 32].map(workersForCores)).toEqual([0, 2, 3, 8, 8]);
    expect(readWorkerCount({ PARAF_WORKERS: '0' }, 'auto')).toBe(0);
    expect(readWorkerCount({ PARAF_WORKERS: '1' }, 'auto')).toBe(1);
    expect(readWorkerCount({ PARAF_WORKERS: 'auto' })).toBe(workersForCores(availableParallelism()));
    expect(readWorkerCount({ PARAF_WORKERS: '0' })).toBe(0);
    expect(readWorkerCount({ PARAF_WORKERS: '3' })).toBe(3);
    for (const wrong of ['dua', '-1', '65', '2.5', ' 2'])
      expect(() => readWorkerCount({ PARAF_WORKERS: wrong })).toThrow(
        `PARAF_WORKERS harus "auto" (satu per inti prosesor) atau bilangan bulat dari 0 sampai 64 (jumlah utas kerja yang membuat dan menandatangani dokumen; 0: semuanya di proses utama), bukan "${wrong}".`,
      );
  });

  it('npm start with a wrong PARAF_WORKERS stops before it touches the data folder, saying why in Bahasa Indonesia', async () => {
    const dataDir = tempDataDir('paraf-pool-refused-');
    dirs.push(dataDir);
    const result = await new ParafProcess(dataDir, await freePort(), undefined, { PARAF_WORKERS: 'dua' }).start();
    expect(result).toMatchObject({ code: 1 });
    expect((result as { output: string }).output).toContain('bilangan bulat dari 0 sampai 64');
    // The message alone, no stack trace.
    expect((result as { output: string }).output).not.toMatch(/\n\s+at /);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 120_000);

  it('npm start without PARAF_WORKERS renders and signs on one worker per core (none on one core, at most 8), and says so', async () => {
    const dataDir = tempDataDir('paraf-pool-default-');
    dirs.push(dataDir);
    const started = new ParafProcess(dataDir, await freePort(), undefined, { PARAF_WORKERS: '' });
    stops.push(() => started.stop());
    expect(await started.start()).toEqual({ url: started.url });
    const workers = workersForCores(availableParallelism());
    expect(started.output).toContain(
      `utas kerja (membuat dan menandatangani dokumen): ${workers || 'tidak ada, semuanya di proses utama'}\n`,
    );
  }, 120_000);

  it('issues an API-U permit with two workers, its copies valid and trusted; a pooled error comes back by its name', async () => {
    const { paraf, dataDir, clerk, stop } = await startParaf({ prefix: 'paraf-pool-', workers: 2 });
    stops.push(stop);
    expect(paraf.workers).toBe(2);
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const submitted = await clerk.submit(completeApplication(sop));
    expect(submitted.status).toBe(201);
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    for (let step = 6; step <= 13; step += 1) {
      const link = await clerk.nextLink(fileNumber, 120_000);
      expect(link?.step).toBe(step);
      expect((await clerk.decide(link!.url, { decision: 'approve' })).status).toBe(200);
    }
    const done = await clerk.waitForStatus(id, ['selesai', 'gagal'], 120_000);
    expect(done.status, JSON.stringify(done.history)).toBe('selesai');
    const [permit] = (await clerk.json(`/api/permits?sop=${sop.id}`)).body.permits as { documentId: string }[];
    await expectServedCopies(clerk, permit!.documentId, dataDir, [4, 2, 2]);

    // The routing, seen from the main thread: a pooled function never runs there, the others always do.
    const onMainThread: string[] = [];
    const pool = startHandlerPool(paraf.runtime.config, 1, (name, payload) => {
      onMainThread.push(name);
      return invokeLocal(name, payload);
    });
    try {
      await expect(pool.invoke('local:signDocuments', { caseId: id })).rejects.toMatchObject({
        name: 'Paraf.MalformedEvent',
        message: expect.stringContaining('sign-documents: masukan dari mesin SOP tidak sah'),
      });
      expect(onMainThread).toEqual([]);
      await expect(pool.invoke('local:recordFailure', { caseId: id })).rejects.toMatchObject({
        name: 'Paraf.MalformedEvent',
      });
      expect(onMainThread).toEqual(['local:recordFailure']);
    } finally {
      await pool.close();
    }
  }, 600_000);
});
