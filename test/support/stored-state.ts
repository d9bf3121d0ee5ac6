import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { archiveClient } from '#runtime/archive-client.ts';
import type { LocalParaf } from '#local/start-local.ts';

/** A runtime's stored state, and its workflow engine where one runs in this process. */
export type StoredRuntime = Pick<LocalParaf, 'runtime' | 'dataDir'> & {
  engine?: Pick<LocalParaf['engine'], 'settled'>;
};

/**
 * Everything a local runtime keeps, in a form whose differences read well in a failed `toEqual`:
 * every item of every table (its whole JSON), every object of every bucket (key, size and ETag, the
 * MD5 of its bytes), and every file of the outbox and of the executions folder (path and SHA-256 of
 * its bytes). "Changes nothing" means this is equal before and after.
 */
export interface StoredState {
  items: string[];
  objects: string[];
  outbox: string[];
  executions: string[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        // A file renamed into place between the listing and the read is read on the next snapshot.
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          bytes = Buffer.from('(gone while read)');
        }
        found.push(`${relative(root, path)} ${sha256(bytes)}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

/**
 * Every item of every table the client reaches, each as its table's name and its whole JSON (keys
 * sorted), in order: the part of the stored state tests that run against dynalite alone compare.
 */
export async function tableItems(dynamo: Pick<DynamoDBDocumentClient, 'send'>): Promise<string[]> {
  const items: string[] = [];
  const tables = (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
  expect(tables.length, 'the runtime has its table').toBeGreaterThan(0);
  for (const table of tables) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, ConsistentRead: true }),
      );
      items.push(
        ...(page.Items ?? []).flatMap((item) => {
          // The dashboard's digests are derived from the ledger by the runtime's minute sweep, on its own
          // clock (ledger-digests.ts): a digest made while a test looks is not a change a request made.
          // The parts' versions stay: a write of the ledger bumps them.
          if (String(item.sk).startsWith('DIGEST#')) return [];
          const shown =
            String(item.sk) === 'VERSIONS'
              ? Object.fromEntries(Object.entries(item).filter(([name]) => name !== 'digested'))
              : item;
          return [`${table} ${JSON.stringify(shown, Object.keys(shown).sort())}`];
        }),
      );
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return items.sort();
}

export async function storedState(paraf: Pick<LocalParaf, 'runtime' | 'dataDir'>): Promise<StoredState> {
  const items = await tableItems(paraf.runtime.dynamo);
  const s3 = archiveClient(paraf.runtime);
  const objects: string[] = [];
  for (const { Name: bucket } of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      objects.push(...(page.Contents ?? []).map((o) => `${bucket}/${o.Key} ${o.Size} ${o.ETag}`));
      token = page.NextContinuationToken;
    } while (token);
  }
  return {
    items,
    objects: objects.sort(),
    outbox: filesUnder(join(paraf.dataDir, 'outbox')),
    executions: filesUnder(join(paraf.dataDir, 'executions')),
  };
}

/**
 * The stored state once nothing moves: a decision's workflow goes on after its answer (the next ask
 * marks its link as mailed, the case's current step). The local engine says when every running
 * execution sleeps on a person's answer or its due time, its ask sent (`settled`); the snapshot is
 * taken then, and kept if the engine stayed settled while it was read. A ceiling, not a sleep: a
 * runtime that never settles fails here.
 */
export async function quietState(paraf: StoredRuntime, ceilingMs = 60_000): Promise<StoredState> {
  const until = Date.now() + ceilingMs;
  for (;;) {
    // No engine in this process (Step Functions' stand-in): nothing runs but the request itself.
    const settled = () => paraf.engine?.settled() ?? true;
    if (settled()) {
      const state = await storedState(paraf);
      if (settled()) return state;
    }
    if (Date.now() > until) throw new Error(`the workflows kept working for ${ceilingMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The count of wrong receipt codes a client sent (throttle.ts, 'kode-pemohon'): the one item a refused
 * lookup writes, on GET too, as bookkeeping (changes-nothing.test.ts holds it to be all it writes).
 */
export const wrongReceiptCodeCount = (item: string) => item.includes('THROTTLE#kode-pemohon#');

/**
 * Runs `act` on a quiet runtime and expects the whole stored state unchanged by it, but the items
 * `besides` names (a throttle's count of wrong codes); returns what `act` returned.
 */
export async function expectNothingChanged<T>(
  paraf: StoredRuntime,
  what: string,
  act: () => Promise<T>,
  besides: (item: string) => boolean = () => false,
): Promise<T> {
  const kept = (state: StoredState) => ({ ...state, items: state.items.filter((item) => !besides(item)) });
  const before = await quietState(paraf);
  const result = await act();
  // Settled again: the workflow work the request set off (a decision's next states) counts as well; the
  // request's own writes are done before it answers. Work outside the engine is not waited for.
  expect(kept(await quietState(paraf)), `${what} changed the stored state`).toEqual(kept(before));
  return result;
}
