import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { findHash, putHashes, type RevisionHash } from '#records/revision-hashes.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { tableItems } from '../support/stored-state.ts';

/**
 * An issued copy's hashes are written in batches of 25 (BatchWriteItem): more than two batches'
 * worth against dynalite, each then found by its hash alone, and written again (a retried archive
 * step) with nothing added.
 */
const TABLE = 'paraf-revision-hashes-test';
const tables = dynaliteTable(TABLE);
let dynamo: DynamoDBDocumentClient;
beforeAll(() => {
  ({ dynamo } = tables);
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('putHashes', () => {
  it('writes every hash of many revisions, 25 to a request, and a retry adds nothing', async () => {
    const revisions: RevisionHash[] = Array.from({ length: 61 }, (_, i) => ({
      sha256: sha256(`revision ${i}`),
      documentId: 'case-1.izin',
      copy: (i % 3) + 1,
      revision: i + 1,
      revisions: 61,
      issued: i === 60,
    }));
    const sent: string[] = [];
    const counting = Object.create(dynamo) as DynamoDBDocumentClient;
    counting.send = ((command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
      sent.push(command.constructor.name);
      return dynamo.send(command);
    }) as DynamoDBDocumentClient['send'];
    await putHashes(counting, TABLE, 'revision', revisions);
    expect(sent).toEqual(['BatchWriteCommand', 'BatchWriteCommand', 'BatchWriteCommand']);
    for (const revision of [revisions[0]!, revisions[24]!, revisions[25]!, revisions[60]!])
      expect(await findHash(dynamo, TABLE, 'revision', revision.sha256)).toEqual(revision);
    const stored = (await tableItems(dynamo)).filter((item) => item.includes('case-1.izin'));
    expect(stored).toHaveLength(61);

    await putHashes(dynamo, TABLE, 'revision', revisions);
    expect((await tableItems(dynamo)).filter((item) => item.includes('case-1.izin'))).toEqual(stored);
    await putHashes(counting, TABLE, 'signature', []);
    expect(sent).toHaveLength(3);
  });

  it('writes a hash named twice once, as the later names it: a batch naming one key twice would be refused', async () => {
    const hash = sha256('the same bytes in two copies');
    await putHashes(dynamo, TABLE, 'signature', [
      { sha256: hash, documentId: 'case-2.izin', copy: 1 },
      { sha256: sha256('another'), documentId: 'case-2.izin', copy: 1 },
      { sha256: hash, documentId: 'case-2.izin', copy: 2 },
    ]);
    expect(await findHash(dynamo, TABLE, 'signature', hash)).toEqual({
      sha256: hash,
      documentId: 'case-2.izin',
      copy: 2,
    });
  });
});
