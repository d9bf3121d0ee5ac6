import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ParafError } from '#errors/paraf-error.ts';
import { startTableThread, type TableThread } from '#local/table-thread/table-thread.ts';
import { ensureTable } from '#records/table.ts';

/**
 * The table on its own thread, as `npm start` runs it: the SDK's calls reach it over loopback (tools)
 * and through its port (the runtime, table-requests.ts), a backup's hold keeps writes waiting while
 * reads pass, a second hold is refused in Indonesian, and what was written is in the folder when the
 * table starts again.
 */
const work = mkdtempSync(join(tmpdir(), 'paraf-table-thread-'));
const TABLE = 'paraf';
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Way = 'over loopback' | 'through its port';
function clientOf(table: TableThread, way: Way) {
  const raw = new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(way === 'through its port' ? { requestHandler: table.requestHandler } : {}),
  });
  return DynamoDBDocumentClient.from(raw);
}

const item = (sk: string) => ({ pk: 'UJI#thread', sk, isi: `isi ${sk}` });
const read = (client: DynamoDBDocumentClient, sk: string) =>
  client.send(new GetCommand({ TableName: TABLE, Key: { pk: 'UJI#thread', sk }, ConsistentRead: true }));

describe.each<Way>(['over loopback', 'through its port'])('the table on its own thread, %s', (way) => {
  const path = join(work, `dynamodb-${way.replaceAll(' ', '-')}`);
  it('holds writes for a backup while reads pass, refuses a second hold, and keeps what it took', async () => {
    const table = await startTableThread(path);
    const client = clientOf(table, way);
    await ensureTable(client, TABLE);
    await client.send(new PutCommand({ TableName: TABLE, Item: item('sebelum') }));

    const release = await table.holdWrites();
    let written = false;
    const held = client.send(new PutCommand({ TableName: TABLE, Item: item('selama') })).then(() => {
      written = true;
    });
    // Reads pass while the write waits unread: three round trips, and it is still not in the table.
    for (let i = 0; i < 3; i += 1) expect((await read(client, 'sebelum')).Item).toEqual(item('sebelum'));
    expect((await read(client, 'selama')).Item).toBeUndefined();
    expect(written).toBe(false);
    const second = await table.holdWrites().catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ParafError);
    expect(second).toMatchObject({
      code: 'backup-refused',
      message: 'Cadangan lain sedang dibuat pada folder data ini; tunggu sampai selesai, lalu ulangi.',
    });

    release();
    await held;
    expect((await read(client, 'selama')).Item).toEqual(item('selama'));
    client.destroy();
    await table.close();

    // The folder holds both items when the table starts again, on a new thread and port.
    const again = await startTableThread(path);
    const reader = clientOf(again, way);
    expect((await read(reader, 'sebelum')).Item).toEqual(item('sebelum'));
    expect((await read(reader, 'selama')).Item).toEqual(item('selama'));
    reader.destroy();
    await again.close();
  }, 60_000);

  it("answers a refused write with the SDK's own error, closes under a burst of writes, and refuses requests after", async () => {
    const table = await startTableThread(join(work, `stopping-${way.replaceAll(' ', '-')}`));
    const client = clientOf(table, way);
    await ensureTable(client, TABLE);
    const putOnce = () =>
      client.send(
        new PutCommand({ TableName: TABLE, Item: item('sekali'), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    await putOnce();
    await expect(putOnce()).rejects.toBeInstanceOf(ConditionalCheckFailedException);

    // Requests under way and arriving as the table closes: each is answered or refused, none
    // crashes the table's thread (dynalite throws on a request that finds its database closed), and
    // close() returns.
    const outcomes: Promise<string>[] = [];
    const send = (i: number) =>
      outcomes.push(
        client.send(new PutCommand({ TableName: TABLE, Item: item(`akhir-${i}`) })).then(
          () => 'diterima',
          () => 'ditolak',
        ),
      );
    for (let i = 0; i < 50; i += 1) send(i);
    // Through the port, requests also keep coming while it closes (over HTTP, dynalite's server
    // waits for connections that keep sending, so only a burst is sent that way).
    const stream = setInterval(() => way === 'through its port' && send(outcomes.length), 1);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await table.close();
    clearInterval(stream);
    const settled = await Promise.all(outcomes);
    expect(settled.length).toBeGreaterThanOrEqual(50);
    expect(settled.every((outcome) => outcome === 'diterima' || outcome === 'ditolak')).toBe(true);
    await expect(read(client, 'sekali')).rejects.toThrow();
    client.destroy();
  }, 60_000);
});

describe("the table's port while a backup holds its writes", () => {
  it('lets a held write wait through close() until the hold is released, then writes it and closes', async () => {
    const folder = join(work, 'held-at-close');
    const table = await startTableThread(folder);
    const client = clientOf(table, 'through its port');
    await ensureTable(client, TABLE);
    const release = await table.holdWrites();
    const held = client.send(new PutCommand({ TableName: TABLE, Item: item('ditahan') }));
    // The write has reached the table's thread and waits there (reads pass a hold).
    expect((await read(client, 'ditahan')).Item).toBeUndefined();
    let closed = false;
    const closing = table.close().then(() => {
      closed = true;
    });
    // The table does not close under a held write (dynalite would throw on it once closed, and
    // stop the process); a request sent now is refused at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closed).toBe(false);
    await expect(read(client, 'ditahan')).rejects.toThrow(/the table's thread is stopping/);
    release();
    await held;
    await closing;
    client.destroy();

    const again = await startTableThread(folder);
    const reader = clientOf(again, 'through its port');
    expect((await read(reader, 'ditahan')).Item).toEqual(item('ditahan'));
    reader.destroy();
    await again.close();
  }, 60_000);
});
