/**
 * The register's promises at the edges registry.test.ts leaves: a retried claim, a claim another
 * process records while this one waits for its number, the table failing part-way through a claim,
 * a crashed claim's retry asking beside a new claim, a number taken and never recorded as the
 * register lists it, one entry found by its number, and malformed records named. Each test has its
 * own register-year and its own cases (a claim's record is per case, register and kind, not per
 * year), so they pass in any order and alone; another process is played by writing items to the
 * table directly.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { MalformedRecord } from '#records/check-record.ts';
import { numberClaimKey, registerCounterKey, registerIndexKeys } from '#records/keys.ts';
import { type AssignedNumber, assignNumber } from '#registry/assign-number.ts';
import { formatNumber } from '#registry/format-number.ts';
import { findRegisterEntry, listRegister } from '#registry/list-register.ts';
import { peekNextNumber } from '#registry/next-number.ts';
import { voidNumber } from '#registry/void-number.ts';
import { officeRegisters } from '#sop/registers.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { takeOnCounterOnly as takeOnCounter } from '../support/register-counter.ts';

const TABLE = 'paraf-registry-boundaries';
const table = dynaliteTable(TABLE);

const register = (id: string) => officeRegisters().find((r) => r.id === id)!;
/** Mid-June of `year` (WITA): each test numbers in a year of its own. */
const inYear = (year: number) => new Date(`${year}-06-15T02:00:00Z`);
const claimOf = (registerId: string, caseId: string, year: number) => ({
  register: register(registerId),
  caseId,
  documentKind: registerId,
  at: inYear(year),
});

/**
 * Another client of the file's dynalite (its own claims, reads and counters, as another Lambda's),
 * whose requests first pass `before` with the command's name: it may throw, as a dropped
 * connection does, or wait while the test writes as another process.
 */
async function clientWith(before: (command: string) => void | Promise<void>): Promise<DynamoDBDocumentClient> {
  const endpoint = await table.dynamo.config.endpoint!();
  const raw = new DynamoDBClient({
    endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      await before(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize' },
  );
  return DynamoDBDocumentClient.from(raw);
}

/** `before` for clientWith: the `nth` request of `command` fails, once. */
function failing(command: string, nth: number): (name: string) => void {
  let seen = 0;
  return (name) => {
    if (name === command && ++seen === nth) throw new Error(`${command} tidak sampai`);
  };
}

/**
 * `before` for clientWith: the first counter update waits until `release` (the claim has read no
 * record of itself by then); `atUpdate` resolves when it is reached.
 */
function heldAtFirstUpdate() {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let reached = () => {};
  const atUpdate = new Promise<void>((resolve) => (reached = resolve));
  const before = async (name: string) => {
    if (name !== 'UpdateItemCommand') return;
    reached();
    await held;
  };
  return { before, atUpdate, release: () => release() };
}

/**
 * Settles as `work` does, or fails after `ms`: a claim left waiting forever is a failure, not a hang.
 * A ceiling far above the milliseconds a claim takes, not a budget.
 */
function within<T>(work: Promise<T>, ms = 60_000): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not settled after ${ms} ms`)), ms)),
  ]);
}

/** A number taken on a register's counter by another process that stopped before recording its claim. */
const takeOnCounterOnly = (registerId: string, year: number, claim?: string) =>
  takeOnCounter(table.dynamo, TABLE, registerId, year, claim);

/** As another process writes a claim's record: `assigned` indexed under its register's year. */
async function recordAsAnother(assigned: AssignedNumber | Record<string, unknown>, year: number, seq: number) {
  const { caseId, register: registerId, documentKind } = assigned as AssignedNumber;
  await table.dynamo.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        ...numberClaimKey(caseId, registerId, documentKind),
        ...registerIndexKeys(registerId, year, seq),
        assigned,
      },
    }),
  );
}

/** The record another process gives claim `caseId` with number `seq`, as assignNumber writes it. */
function assignedAs(registerId: string, caseId: string, year: number, seq: number): AssignedNumber {
  const at = inYear(year);
  return {
    register: registerId,
    year,
    seq,
    number: formatNumber(register(registerId).format, seq, at),
    caseId,
    documentKind: registerId,
    assignedAt: at.toISOString(),
  };
}

/** The refusal `work` ends in, checked to be a malformed record's. */
async function malformed(work: Promise<unknown>): Promise<MalformedRecord> {
  const error = await work.then(
    () => undefined,
    (refused: unknown) => refused,
  );
  expect(error).toBeInstanceOf(MalformedRecord);
  return error as MalformedRecord;
}

describe('a retried claim', () => {
  it('gets its recorded number and takes no other: the next case gets the next number, nothing is voided', async () => {
    const year = 2031;
    const first = await assignNumber(table.dynamo, TABLE, claimOf('imta', 'retry-a', year));
    const retried = await assignNumber(table.dynamo, TABLE, claimOf('imta', 'retry-a', year));
    const next = await assignNumber(table.dynamo, TABLE, claimOf('imta', 'retry-b', year));
    expect(retried).toEqual(first);
    expect([first.seq, next.seq]).toEqual([1, 2]);
    const listing = await listRegister(table.dynamo, TABLE, 'imta', year);
    expect([listing.last, listing.inFlight]).toEqual([2, []]);
    expect(listing.entries.map((entry) => [entry.seq, entry.caseId, entry.void])).toEqual([
      [1, 'retry-a', undefined],
      [2, 'retry-b', undefined],
    ]);
  });
});

describe('a claim another process records while this attempt waits for its number', () => {
  it('gets the number the other recorded, and the register takes no second one', async () => {
    const year = 2032;
    const hold = heldAtFirstUpdate();
    const slow = await clientWith(hold.before);
    try {
      const claim = claimOf('surat-tugas', 'meanwhile', year);
      const answer = assignNumber(slow, TABLE, claim);
      // It has read no record. The other attempt takes its number and records the claim; its pending entry is not cleared yet.
      await hold.atUpdate;
      const seq = await takeOnCounterOnly('surat-tugas', year, 'meanwhile#surat-tugas');
      const recorded = assignedAs('surat-tugas', 'meanwhile', year, seq);
      await recordAsAnother(recorded, year, seq);
      hold.release();
      expect(await within(answer)).toEqual(recorded);
      const listing = await listRegister(table.dynamo, TABLE, 'surat-tugas', year);
      expect([listing.last, listing.inFlight]).toEqual([seq, []]);
      expect(listing.entries.map((entry) => [entry.seq, entry.caseId, entry.void])).toEqual([
        [seq, 'meanwhile', undefined],
      ]);
    } finally {
      hold.release();
      slow.destroy();
    }
  });

  it('is refused naming the record when what the other wrote is malformed', async () => {
    const year = 2033;
    const hold = heldAtFirstUpdate();
    const slow = await clientWith(hold.before);
    try {
      const answer = assignNumber(slow, TABLE, claimOf('surat-tugas', 'meanwhile-bad', year));
      await hold.atUpdate;
      const seq = await takeOnCounterOnly('surat-tugas', year, 'meanwhile-bad#surat-tugas');
      const { number: _dropped, ...cut } = assignedAs('surat-tugas', 'meanwhile-bad', year, seq);
      await recordAsAnother(cut, year, seq);
      hold.release();
      const refused = await malformed(within(answer));
      expect(refused).toMatchObject({
        record: 'nomor register',
        key: 'CASE#meanwhile-bad / NUMBER#surat-tugas#surat-tugas',
      });
    } finally {
      hold.release();
      slow.destroy();
    }
  });

  it('is refused in plain words when its pending number vanished and no record was written', async () => {
    const year = 2034;
    const hold = heldAtFirstUpdate();
    let vanish = async () => {};
    let gets = 0;
    const slow = await clientWith(async (name) => {
      await hold.before(name);
      // Before this attempt reads the counter for its pending number, the entry goes (by hand: nothing in Paraf does this).
      if (name === 'GetItemCommand' && ++gets === 1) await vanish();
    });
    try {
      const answer = assignNumber(slow, TABLE, claimOf('surat-tugas', 'vanished', year));
      await hold.atUpdate;
      await takeOnCounterOnly('surat-tugas', year, 'vanished#surat-tugas');
      vanish = async () => {
        await table.dynamo.send(
          new UpdateCommand({
            TableName: TABLE,
            Key: registerCounterKey('surat-tugas', year),
            UpdateExpression: 'REMOVE #pending.#claim',
            ExpressionAttributeNames: { '#pending': 'pending', '#claim': 'vanished#surat-tugas' },
          }),
        );
      };
      hold.release();
      await expect(within(answer)).rejects.toThrow(
        "claim vanished#surat-tugas's pending number is not on the counter, and the claim is not recorded",
      );
      expect(gets).toBe(2);
    } finally {
      hold.release();
      slow.destroy();
    }
  });

  it('keeps numbering in the same process after its second number was voided beside the claim', async () => {
    const year = 2035;
    const hold = heldAtFirstUpdate();
    const slow = await clientWith(hold.before);
    try {
      const answer = assignNumber(slow, TABLE, claimOf('surat-tugas', 'overlap', year));
      // The other attempt ran to its end: number taken, claim recorded, pending entry cleared.
      await hold.atUpdate;
      const seq = await takeOnCounterOnly('surat-tugas', year);
      const recorded = assignedAs('surat-tugas', 'overlap', year, seq);
      await recordAsAnother(recorded, year, seq);
      hold.release();
      expect(await within(answer)).toEqual(recorded);
      // The void second number's pending entry is cleared with the next update, which must still number.
      const next = await within(assignNumber(slow, TABLE, claimOf('surat-tugas', 'after-overlap', year)));
      expect(next.seq).toBe(seq + 2);
      const listing = await listRegister(table.dynamo, TABLE, 'surat-tugas', year);
      expect([listing.last, listing.inFlight]).toEqual([seq + 2, []]);
      expect(listing.entries.map((entry) => [entry.seq, entry.caseId, entry.void === undefined])).toEqual([
        [seq, 'overlap', true],
        [seq + 1, 'overlap', false],
        [seq + 2, 'after-overlap', true],
      ]);
    } finally {
      hold.release();
      slow.destroy();
    }
  });
});

describe('the table failing part-way through a claim', () => {
  it("refuses the claim when its register's counter cannot be created, and a retry creates it and numbers from 1", async () => {
    const year = 2036;
    const flaky = await clientWith(failing('PutItemCommand', 1));
    try {
      const claim = claimOf('api-u', 'first-of-year', year);
      await expect(within(assignNumber(flaky, TABLE, claim))).rejects.toThrow('PutItemCommand tidak sampai');
      const retried = await within(assignNumber(flaky, TABLE, claim));
      expect(retried.seq).toBe(1);
      expect((await listRegister(table.dynamo, TABLE, 'api-u', year)).last).toBe(1);
    } finally {
      flaky.destroy();
    }
  });

  // After a crashed attempt left the claim's number pending, the claim reads whether it was recorded since (BatchGetItem, the 2nd), then the counter (GetItem).
  it.each([
    { step: 'the read of whether it was recorded since', command: 'BatchGetItemCommand', nth: 2, year: 2037 },
    { step: "the counter's read for its pending number", command: 'GetItemCommand', nth: 1, year: 2038 },
  ])(
    'refuses a claim whose number is pending when $step fails, and a retry gets that number',
    async ({ command, nth, year }) => {
      const caseId = `crashed-${year}`;
      const seq = await takeOnCounterOnly('api-u', year, `${caseId}#api-u`);
      const flaky = await clientWith(failing(command, nth));
      try {
        const claim = claimOf('api-u', caseId, year);
        await expect(within(assignNumber(flaky, TABLE, claim))).rejects.toThrow(`${command} tidak sampai`);
        expect(await within(assignNumber(flaky, TABLE, claim))).toEqual(assignedAs('api-u', caseId, year, seq));
      } finally {
        flaky.destroy();
      }
    },
  );
});

describe('claims that ask together', () => {
  it('number a new claim beside the retry of a crashed one: the retry gets its pending number, the new claim the next', async () => {
    const year = 2043;
    const pending = await takeOnCounterOnly('api-u', year, 'crashed-beside#api-u');
    // One process, both at once: one read of their records, one counter update, which the crashed claim's entry refuses.
    const [retried, fresh] = await within(
      Promise.all([
        assignNumber(table.dynamo, TABLE, claimOf('api-u', 'crashed-beside', year)),
        assignNumber(table.dynamo, TABLE, claimOf('api-u', 'new-beside', year)),
      ]),
    );
    expect([retried.seq, fresh.seq]).toEqual([pending, pending + 1]);
    const listing = await listRegister(table.dynamo, TABLE, 'api-u', year);
    expect([listing.last, listing.inFlight]).toEqual([pending + 1, []]);
    expect(listing.entries.map((entry) => [entry.seq, entry.caseId, entry.void])).toEqual([
      [pending, 'crashed-beside', undefined],
      [pending + 1, 'new-beside', undefined],
    ]);
  });
});

describe("a register's list", () => {
  it('lists a number taken and never recorded as in flight, between the numbers recorded', async () => {
    const year = 2039;
    const first = await assignNumber(table.dynamo, TABLE, claimOf('imta', 'listed-1', year));
    const lost = await takeOnCounterOnly('imta', year);
    const third = await assignNumber(table.dynamo, TABLE, claimOf('imta', 'listed-3', year));
    expect([first.seq, lost, third.seq]).toEqual([1, 2, 3]);
    const listing = await listRegister(table.dynamo, TABLE, 'imta', year);
    expect(listing).toMatchObject({ register: 'imta', year, last: 3, inFlight: [2] });
    expect(listing.entries.map((entry) => entry.seq)).toEqual([1, 3]);
  });

  it('finds one number, used or void, by its register, year and number (as a page passes them, text too)', async () => {
    const year = 2040;
    const used = await assignNumber(table.dynamo, TABLE, claimOf('nota-dinas-dalak', 'found-1', year));
    const input = claimOf('nota-dinas-dalak', 'found-2', year);
    await assignNumber(table.dynamo, TABLE, input);
    const voided = await voidNumber(table.dynamo, TABLE, { ...input, reason: 'Berkas ditarik', voidedAt: input.at });
    expect(await findRegisterEntry(table.dynamo, TABLE, 'nota-dinas-dalak', year, 1)).toEqual(used);
    expect(await findRegisterEntry(table.dynamo, TABLE, 'nota-dinas-dalak', String(year), '2')).toEqual(voided);
    expect(await findRegisterEntry(table.dynamo, TABLE, 'nota-dinas-dalak', year, 3)).toBeUndefined();
    expect(await findRegisterEntry(table.dynamo, TABLE, 'imta', year, 1)).toBeUndefined();
  });
});

describe('a malformed register record', () => {
  it("is refused naming the claim's record and key, by whatever reads it", async () => {
    const year = 2041;
    const { number: _dropped, ...cut } = assignedAs('rekomendasi-eo', 'malformed-claim', year, 1);
    await recordAsAnother(cut, year, 1);
    const expected = { record: 'nomor register', key: 'CASE#malformed-claim / NUMBER#rekomendasi-eo#rekomendasi-eo' };
    const claim = claimOf('rekomendasi-eo', 'malformed-claim', year);
    expect(await malformed(assignNumber(table.dynamo, TABLE, claim))).toMatchObject(expected);
    expect(
      await malformed(voidNumber(table.dynamo, TABLE, { ...claim, reason: 'Berkas ditarik', voidedAt: claim.at })),
    ).toMatchObject(expected);
    expect(await malformed(listRegister(table.dynamo, TABLE, 'rekomendasi-eo', year))).toMatchObject(expected);
    expect(await malformed(findRegisterEntry(table.dynamo, TABLE, 'rekomendasi-eo', year, 1))).toMatchObject(expected);
  });

  it("is refused naming the counter's record and key, by whatever reads it", async () => {
    const year = 2042;
    await table.dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...registerCounterKey('rekomendasi-eo', year), last: 'tiga', pending: {} },
      }),
    );
    const expected = { record: 'penghitung register', key: `REGISTER#rekomendasi-eo#${year} / COUNTER` };
    const claim = claimOf('rekomendasi-eo', 'never-numbered', year);
    expect(await malformed(listRegister(table.dynamo, TABLE, 'rekomendasi-eo', year))).toMatchObject(expected);
    expect(await malformed(peekNextNumber(table.dynamo, TABLE, claim.register, claim.at))).toMatchObject(expected);
    expect(
      await malformed(voidNumber(table.dynamo, TABLE, { ...claim, reason: 'Berkas ditarik', voidedAt: claim.at })),
    ).toMatchObject(expected);
  });
});
