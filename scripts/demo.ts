import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '#local/start-local.ts';
import { Clerk, completeApplication } from './clerk.ts';

/**
 * `npm run demo`: one case of each licensing SOP, from the counter to the archived numbered copies,
 * on a fresh data folder, clicking every e-mailed link over HTTP as each official would. The folder
 * stays, and the last line says how to open it again on the same port, where the printed addresses and
 * the copies' QR codes answer again (they name the port).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'paraf-demo-'));
const paraf = await startLocal({ dataDir, port: 0 });
const port = new URL(paraf.url).port;
const clerk = new Clerk(paraf.url);
console.log(`Paraf demo di ${paraf.url}, data di ${dataDir}\n`);

/** Where s3rver keeps an object on disk: the key's folders, then `<name>._S3rver_object`. */
const fileOf = (key: string) => {
  const parts = key.split('/');
  return join(dataDir, 's3', 'paraf-archive', ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
};

let failed = 0;
try {
  for (const sop of paraf.runtime.catalog.filter((s) => s.family === 'licensing')) {
    const started = Date.now();
    const submitted = await clerk.submit(completeApplication(sop));
    if (submitted.status !== 201) throw new Error(`${sop.id}: ${JSON.stringify(submitted.body)}`);
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    let clicks = 0;
    let lastMove = Date.now();
    for (;;) {
      const link = await clerk.nextLink(fileNumber, 300);
      if (link) {
        const answer = await clerk.decide(link.url, { decision: 'approve' });
        if (answer.status !== 200) throw new Error(`${sop.id} langkah ${link.step}: ${JSON.stringify(answer.body)}`);
        clicks += 1;
        lastMove = Date.now();
        continue;
      }
      const waiting = (await clerk.json(`/api/cases/${id}`)).body;
      // Closed: the case shows it first, then its close-case task ends (trail, mail, ledger); the report waits for that.
      if (waiting.status !== 'berjalan') {
        await paraf.engine.whenStopped(`arn:aws:states:local:000000000000:execution:${sop.id}:${id}`);
        break;
      }
      // A step that waits out an outage retries minutes apart: say so, so a slow demo is not a silent one.
      if (Date.now() - lastMove > 60_000) {
        console.error(`${sop.id} berkas ${fileNumber} masih menunggu: ${JSON.stringify(waiting).slice(0, 2000)}`);
        lastMove = Date.now();
      }
    }
    const status = (await clerk.json(`/api/cases/${id}`)).body;
    const permits = (
      (await clerk.json(`/api/permits?sop=${sop.id}`)).body.permits as {
        caseId: string;
        title: string;
        registrationNumber: string;
        documentId: string;
        copies: { copy: number; key: string }[];
      }[]
    ).filter((p) => p.caseId === id);
    console.log(`${sop.id} (${sop.title})`);
    console.log(
      `  berkas ${fileNumber}: ${status.status}, ${clicks} tautan diklik, ${((Date.now() - started) / 1000).toFixed(2)} s`,
    );
    if (status.status !== 'selesai' || permits.length === 0) failed += 1;
    for (const permit of permits) {
      console.log(`  ${permit.title}: nomor registrasi ${permit.registrationNumber}`);
      for (const copy of permit.copies) {
        const file = fileOf(copy.key);
        if (!existsSync(file)) failed += 1;
        console.log(`    rangkap ${copy.copy}: ${file}`);
      }
      console.log(
        `    unduh: ${paraf.url}/api/permits/${permit.documentId}/copies/1, verifikasi: ${paraf.url}/verifikasi/${permit.documentId}`,
      );
    }
    console.log('');
  }
} finally {
  await paraf.close();
}
if (failed) {
  console.error(`${failed} hal gagal; lihat di atas.`);
  process.exit(1);
}
console.log(`Selesai. Folder data demo: ${dataDir}`);
console.log(
  `Alamat unduh dan verifikasi di atas, juga kode QR pada rangkap, hanya hidup selama Paraf berjalan di port ${port}. Buka lagi dengan:\n  PARAF_DATA=${dataDir} PORT=${port} npm start`,
);
