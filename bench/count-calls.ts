import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * How many DynamoDB and S3 requests one API-U permit makes on the local runtime, and from where
 * (issue 21: "fewer DynamoDB calls per permit"): one permit to warm up, then one counted, every
 * handler on the main thread, its links clicked as the flow benchmark clicks them (bench-flow.ts's
 * LinkWaiter in permit-driver.ts, which reads the outbox only when it changes, so the clerk's own requests are few).
 * Each request is counted at the SDK client's `send`, by command and by the first two call sites
 * in Paraf's code (`npx tsx bench/count-calls.ts`). A count, not a timing: it does not vary with
 * the machine's load.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const counts = new Map<string, number>();
let counting = false;

for (const Client of [DynamoDBClient, S3Client, DynamoDBDocumentClient]) {
  const send = Client.prototype.send as (...args: unknown[]) => Promise<unknown>;
  Client.prototype.send = function (this: unknown, command: { constructor: { name: string } }, ...rest: unknown[]) {
    if (counting) {
      const service = Client === S3Client ? 'S3' : 'DynamoDB';
      const key = `${service} ${command.constructor.name.replace(/Command$/, '')} <- ${callSites()}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return send.call(this, command, ...rest);
  } as typeof Client.prototype.send;
}

/** The first two frames in Paraf's own code below the records and archive helpers. */
function callSites(): string {
  return (new Error().stack ?? '')
    .split('\n')
    .filter((line) => line.includes(`${root}functions/`) && !/records\/(table-operations|check-record)/.test(line))
    .slice(0, 2)
    .map((line) => line.slice(line.indexOf(root) + root.length).replace(/:\d+\)?$/, ''))
    .join(' < ');
}

const { startLocal } = await import('#local/start-local.ts');
const { officeClerk } = await import('./office-clerk.ts');
const { clickThroughPermit, LinkWaiter } = await import('./permit-driver.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'paraf-count-'));
const paraf = await startLocal({ dataDir, port: 0, workers: 0 });
const clerk = await officeClerk(paraf);
const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
const links = new LinkWaiter(clerk, join(dataDir, 'outbox'));

const permit = () => clickThroughPermit(paraf, clerk, links, sop);

try {
  await permit();
  counting = true;
  await permit();
  counting = false;
  const total = (service: string) =>
    [...counts].filter(([key]) => key.startsWith(service)).reduce((sum, [, n]) => sum + n, 0);
  console.log(`One API-U permit: ${total('DynamoDB')} DynamoDB requests, ${total('S3')} S3 requests\n`);
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(5)}  ${key}`);
} finally {
  links.stop();
  await paraf.close();
  rmSync(dataDir, { recursive: true, force: true });
}
