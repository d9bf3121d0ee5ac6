import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { actingFor } from '#cases/acting-for.ts';
import { endAbsence as endAbsenceNow } from '#cases/end-absence.ts';
import { recordAbsence } from '#cases/record-absence.ts';
import { listAbsences } from '#cases/list-absences.ts';
import { witaDateTime } from '#clock/wita.ts';
import {
  type Absence,
  endAbsence,
  listAbsencesEndingFrom,
  listLatestPastAbsences,
  listLiveAbsences,
  putAbsence,
  retireOverAbsences,
} from '#records/absences.ts';
import { absenceKey, pastAbsenceKey } from '#records/keys.ts';
import type { FactorChecker } from '#cases/decide.ts';
import { loadRevisions } from '#sop/load-catalog.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { tableItems } from '../support/stored-state.ts';

/**
 * Absences over leave the partition every approval reads (records/absences.ts): what is moved, what
 * stays, that a past day still finds who stood in, and that a move cut off anywhere is finished.
 * Each test has a table of its own, so that the live partition holds only what the test wrote.
 */
/** These tests are about the records at set days; the recorder's code is asked and checked over HTTP (who-may-sign.test.ts). */
const codeAccepted: FactorChecker = async (officialId) => ({
  ok: true,
  factor: { kind: 'totp', officialId, checkedAt: new Date().toISOString() },
});
const staff = loadStaffDirectory(new URL('../../config/staff.json', import.meta.url), loadRevisions());
const tables = Array.from({ length: 7 }, (_, i) => {
  const name = `paraf-absences-${i}`;
  const at = dynaliteTable(name);
  return {
    name,
    get dynamo() {
      return at.dynamo;
    },
  };
});

/** The WITA office day `days` from today (as actingFor reads it, on the real clock). */
const dayFromToday = (days: number) => witaDateTime(new Date(Date.now() + days * 86_400_000)).date;

let made = 0;
function absence(from: string, to: string, overrides: Partial<Absence> = {}): Absence {
  made += 1;
  return {
    absenceId: `absence-${made}`,
    officialId: 'kabid-layanan',
    deputyId: 'kasi-layanan',
    as: 'plh',
    from,
    to,
    reason: 'cuti tahunan',
    recordedBy: 'kabid-layanan',
    recordedAt: '2026-01-02T01:00:00.000Z',
    ...overrides,
  };
}

async function recorded(table: (typeof tables)[number], ...absences: Absence[]) {
  for (const a of absences) await putAbsence(table.dynamo, table.name, a);
}

/** The Kabid's absence with the Kasi standing in, as the Kabid records it. */
const asKabid = (from: string, to: string) => ({
  officialId: 'kabid-layanan',
  deputyId: 'kasi-layanan',
  from,
  to,
  reason: 'cuti tahunan',
  actor: 'kabid-layanan',
});

describe('absences over, moved out of those read at every approval', () => {
  it('moves only those over, and a day in the past still finds who stood in', async () => {
    const today = dayFromToday(0);
    const table = tables[0];
    if (!table) throw new Error('no table');
    const over = absence(dayFromToday(-20), dayFromToday(-10));
    const inForce = absence(dayFromToday(-2), dayFromToday(3), { officialId: 'sekretaris', deputyId: 'kabid-layanan' });
    const coming = absence(dayFromToday(5), dayFromToday(7));
    await recorded(table, over, inForce, coming);

    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), today);

    const live = await listLiveAbsences(table.dynamo, table.name);
    expect(live.map((a) => a.absenceId).sort()).toEqual([inForce.absenceId, coming.absenceId].sort());
    const { pk, sk } = pastAbsenceKey(over);
    const items = await tableItems(table.dynamo);
    expect(items.filter((item) => item.includes(`"pk":"${pk}"`) && item.includes(`"sk":"${sk}"`))).toHaveLength(1);
    expect(items).toHaveLength(3);

    // Who acted for the Kabid fifteen days ago (a decision settled late asks this): his deputy still.
    const then = new Date(Date.now() - 15 * 86_400_000);
    const acting = await actingFor(
      { dynamo: table.dynamo, staff, config: { table: table.name } },
      'kabid-layanan',
      then,
    );
    expect(acting?.official.id).toBe('kasi-layanan');
    expect(acting?.standsInFor?.absenceId).toBe(over.absenceId);
    // The absences page still lists it among those over, and the head sees all three.
    const page = await listAbsences({ dynamo: table.dynamo, staff, config: { table: table.name } }, staff.head);
    expect(page.absences.map((view) => [view.absence.absenceId, view.when])).toEqual([
      [inForce.absenceId, 'ongoing'],
      [coming.absenceId, 'coming'],
      [over.absenceId, 'over'],
    ]);
    // And today he acts for himself: the absence over is not read as one in force.
    expect(
      (await actingFor({ dynamo: table.dynamo, staff, config: { table: table.name } }, 'kabid-layanan', new Date()))
        ?.official.id,
    ).toBe('kabid-layanan');
  });

  it('keeps the live partition to the absences in force however many have been over', async () => {
    const today = dayFromToday(0);
    const table = tables[1];
    if (!table) throw new Error('no table');
    const many = Array.from({ length: 120 }, (_, i) => absence(dayFromToday(-400 + i * 3), dayFromToday(-399 + i * 3)));
    const inForce = absence(today, dayFromToday(2));
    await recorded(table, ...many, inForce);

    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), today);

    expect((await listLiveAbsences(table.dynamo, table.name)).map((a) => a.absenceId)).toEqual([inForce.absenceId]);
    // Every one is still on record, found from the day it covered.
    const fromFirst = await listAbsencesEndingFrom(table.dynamo, table.name, dayFromToday(-400), today);
    expect(fromFirst.length).toBe(121);
  });

  it('finishes a move a crash cut off, and gives an absence found in both places once', async () => {
    const today = dayFromToday(0);
    const table = tables[2];
    if (!table) throw new Error('no table');
    const over = absence(dayFromToday(-9), dayFromToday(-4));
    await recorded(table, over);
    // The copy was written, the process died before the live one was deleted.
    await table.dynamo.send(new PutCommand({ TableName: table.name, Item: { ...pastAbsenceKey(over), ...over } }));

    const found = await listAbsencesEndingFrom(table.dynamo, table.name, dayFromToday(-6), today);
    expect(found.map((a) => a.absenceId)).toEqual([over.absenceId]);

    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), today);
    expect(await listLiveAbsences(table.dynamo, table.name)).toEqual([]);
    expect(await listAbsencesEndingFrom(table.dynamo, table.name, dayFromToday(-6), today)).toEqual([over]);
  });

  it('reads the year an absence ended in, across the turn of a year, and never changes one over', async () => {
    const table = tables[3];
    if (!table) throw new Error('no table');
    const lastYear = absence('2025-12-22', '2025-12-31');
    const turning = absence('2025-12-29', '2026-01-05', { officialId: 'sekretaris', deputyId: 'kabid-layanan' });
    await recorded(table, lastYear, turning);
    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), '2026-02-01');

    const onTheThirtieth = await listAbsencesEndingFrom(table.dynamo, table.name, '2025-12-30', '2026-02-01');
    expect(onTheThirtieth.map((a) => a.absenceId).sort()).toEqual([lastYear.absenceId, turning.absenceId].sort());
    expect(
      (await listAbsencesEndingFrom(table.dynamo, table.name, '2026-01-01', '2026-02-01')).map((a) => a.absenceId),
    ).toEqual([turning.absenceId]);

    // An absence over is not ended (its record is final once over): nothing is written.
    const over = absence('2026-01-10', '2026-01-20');
    await recorded(table, over);
    const ended = await endAbsence(table.dynamo, table.name, {
      absenceId: over.absenceId,
      lastDay: '2026-01-31',
      endedAt: '2026-02-01T01:00:00.000Z',
      endedBy: 'kabid-layanan',
      today: '2026-02-01',
    });
    expect(ended).toBe(false);
    expect((await listLiveAbsences(table.dynamo, table.name)).find((a) => a.absenceId === over.absenceId)).toEqual(
      over,
    );
  });

  it('lists the latest over first, as many as asked, of this year and the one before', async () => {
    const table = tables[4];
    if (!table) throw new Error('no table');
    const older = absence('2024-12-01', '2024-12-05');
    const last = absence('2025-11-01', '2025-11-05');
    const others = absence('2026-01-05', '2026-01-06', { officialId: 'sekretaris', deputyId: 'kabid-layanan' });
    const latest = absence('2026-02-01', '2026-02-03');
    await recorded(table, older, last, others, latest);
    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), '2026-03-01');

    const kabids = (a: Absence) => a.officialId === 'kabid-layanan';
    const two = await listLatestPastAbsences(table.dynamo, table.name, { today: '2026-03-01', count: 2, keep: kabids });
    expect(two.map((a) => a.absenceId)).toEqual([latest.absenceId, last.absenceId]);
    const all = await listLatestPastAbsences(table.dynamo, table.name, {
      today: '2026-03-01',
      count: 10,
      keep: () => true,
    });
    expect(all.map((a) => a.absenceId)).toEqual([latest.absenceId, others.absenceId, last.absenceId]);
  });

  it('leaves an absence that ended yesterday or today where an end may still be under way', async () => {
    const table = tables[5];
    if (!table) throw new Error('no table');
    const endedYesterday = absence('2026-03-01', '2026-03-09');
    const endsToday = absence('2026-03-05', '2026-03-10', { officialId: 'sekretaris', deputyId: 'kabid-layanan' });
    const before = absence('2026-02-20', '2026-03-08', { officialId: 'kasi-layanan', deputyId: 'kabid-layanan' });
    await recorded(table, endedYesterday, endsToday, before);
    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), '2026-03-10');
    expect((await listLiveAbsences(table.dynamo, table.name)).map((a) => a.absenceId).sort()).toEqual(
      [endedYesterday.absenceId, endsToday.absenceId].sort(),
    );
  });

  it('does not move an absence that changed after it was read, and takes its stale copy back', async () => {
    const table = tables[6];
    if (!table) throw new Error('no table');
    const read = absence('2026-03-01', '2026-03-05');
    await recorded(table, read);
    const stale = await listLiveAbsences(table.dynamo, table.name);
    // Changed between the read and the move (what an end at midnight could do).
    await table.dynamo.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...absenceKey(read.absenceId),
          ...read,
          to: '2026-03-03',
          endedAt: '2026-03-04T01:00:00.000Z',
          endedBy: 'kabid-layanan',
        },
      }),
    );
    await retireOverAbsences(table.dynamo, table.name, stale, '2026-03-20');
    const { pk, sk } = pastAbsenceKey(read);
    const items = await tableItems(table.dynamo);
    expect(items.filter((item) => item.includes(`"pk":"${pk}"`) && item.includes(`"sk":"${sk}"`))).toEqual([]);
    expect((await listLiveAbsences(table.dynamo, table.name)).map((a) => [a.to, a.endedAt])).toEqual([
      ['2026-03-03', '2026-03-04T01:00:00.000Z'],
    ]);
    // The next move takes it as it is now, ended.
    await retireOverAbsences(table.dynamo, table.name, await listLiveAbsences(table.dynamo, table.name), '2026-03-20');
    expect(await listLiveAbsences(table.dynamo, table.name)).toEqual([]);
    expect(
      (await listAbsencesEndingFrom(table.dynamo, table.name, '2026-03-01', '2026-03-20')).map((a) => a.to),
    ).toEqual(['2026-03-03']);
  });
});

describe('recording and ending absences move those over, and a refusal moves nothing', () => {
  const started = parafForFile({ prefix: 'paraf-absences-' });
  const at = (day: string) => new Date(`${day}T02:00:00.000Z`);

  it('moves an ended absence out at the next record, and refuses an overlap without writing', async () => {
    const rt = started.paraf.runtime;
    const first = await recordAbsence(rt, asKabid('2026-03-02', '2026-03-06'), codeAccepted, at('2026-03-02'));
    await endAbsenceNow(rt, { absenceId: first.absenceId, actor: 'kabid-layanan' }, codeAccepted, at('2026-03-04'));
    const live = () => listLiveAbsences(rt.dynamo, rt.config.table);
    // Begun, it keeps the day it was ended as its last, holding until the moment it was ended.
    expect((await live()).map((a) => [a.absenceId, a.to])).toEqual([[first.absenceId, '2026-03-04']]);

    // An overlap with the ended one's days is refused, and nothing is written or moved.
    const before = await tableItems(rt.dynamo);
    await expect(
      recordAbsence(rt, asKabid('2026-03-03', '2026-03-12'), codeAccepted, at('2026-03-09')),
    ).rejects.toThrow('sudah tercatat tidak hadir');
    expect(await tableItems(rt.dynamo)).toEqual(before);

    // The next accepted record moves the ended one to its year.
    const second = await recordAbsence(rt, asKabid('2026-03-10', '2026-03-12'), codeAccepted, at('2026-03-09'));
    expect((await live()).map((a) => a.absenceId)).toEqual([second.absenceId]);
    const moved = pastAbsenceKey({ absenceId: first.absenceId, to: '2026-03-04' });
    expect(
      (await tableItems(rt.dynamo)).filter(
        (item) => item.includes(`"pk":"${moved.pk}"`) && item.includes(`"sk":"${moved.sk}"`),
      ),
    ).toHaveLength(1);
    // The same request again that day writes nothing.
    const again = await recordAbsence(rt, asKabid('2026-03-10', '2026-03-12'), codeAccepted, at('2026-03-09'));
    expect(again.absenceId).toBe(second.absenceId);
    expect((await live()).map((a) => a.absenceId)).toEqual([second.absenceId]);
  });
});

describe('an absence ended early holds until the moment it was ended', () => {
  const own = parafForFile({ prefix: 'paraf-absence-end-' });

  it('ended on its first day, keeps that day and what the deputy did before the end; the official acts again after it', async () => {
    const rt = own.paraf.runtime;
    const instant = (time: string) => new Date(`2026-04-06T${time}:00.000Z`);
    const away = await recordAbsence(rt, asKabid('2026-04-06', '2026-04-08'), codeAccepted, instant('01:00'));
    expect((await actingFor(rt, 'kabid-layanan', instant('02:00')))?.official.id).toBe('kasi-layanan');
    await endAbsenceNow(rt, { absenceId: away.absenceId, actor: 'kabid-layanan' }, codeAccepted, instant('03:00'));
    // The paraf the deputy made at 10.00 WITA stays one made in the official's place.
    expect((await actingFor(rt, 'kabid-layanan', instant('02:00')))?.standsInFor?.official.id).toBe('kabid-layanan');
    expect((await actingFor(rt, 'kabid-layanan', instant('03:30')))?.official.id).toBe('kabid-layanan');
    const kabid = rt.staff.byId('kabid-layanan')!;
    const shown = (await listAbsences(rt, kabid, instant('03:30'))).absences.find(
      (view) => view.absence.absenceId === away.absenceId,
    );
    expect(shown).toMatchObject({
      when: 'over',
      absence: { from: '2026-04-06', to: '2026-04-06', endedAt: instant('03:00').toISOString() },
    });
    // Another absence from that day is refused, saying why; from the next day it is taken.
    const refused = await recordAbsence(rt, asKabid('2026-04-06', '2026-04-07'), codeAccepted, instant('04:00')).catch(
      (e: Error) => e.message,
    );
    expect(refused).toContain('(diakhiri pada hari itu); ketidakhadiran baru dapat dicatat mulai hari berikutnya');
    const next = await recordAbsence(rt, asKabid('2026-04-07', '2026-04-07'), codeAccepted, instant('04:00'));
    expect((await actingFor(rt, 'kabid-layanan', new Date('2026-04-07T02:00:00.000Z')))?.official.id).toBe(
      'kasi-layanan',
    );
    await endAbsenceNow(rt, { absenceId: next.absenceId, actor: 'kabid-layanan' }, codeAccepted, instant('05:00'));
  });
});
