import { describe, expect, it, vi } from 'vitest';

/**
 * How many object schemas zod has built in this file's modules: events.ts's (written with zod/mini,
 * what a Lambda loads at init), counted through its object builders.
 */
const built = vi.hoisted(() => ({ objects: 0 }));
vi.mock('zod/mini', async (original) => {
  const z = await original<typeof import('zod/mini')>();
  const counted = <F extends (...args: never[]) => unknown>(build: F) =>
    ((...args: Parameters<F>) => {
      built.objects += 1;
      return build(...args);
    }) as unknown as F;
  return {
    ...z,
    object: counted(z.object),
    looseObject: counted(z.looseObject),
    strictObject: counted(z.strictObject),
  };
});

const stepEvent = { caseId: 'c-1', sop: 'SOP-LP2N-PPK-01', step: 15, lane: 'tata-usaha', documents: ['api-u'] };

describe("the machines' events", () => {
  it('are not built at import: a function builds the one schema it receives, when its first event comes', async () => {
    // A fresh import, counted from zero, whichever test of this file ran first (the suite shuffles them).
    vi.resetModules();
    built.objects = 0;
    const events = await import('#handlers/events.ts');
    // Ten event schemas and the decision's: none built by the import, which is a Lambda's init.
    expect(built.objects).toBe(0);

    expect(events.parseEvent(events.AssignNumberEvent, { ...stepEvent, decision: null }, 'assign-number')).toEqual({
      ...stepEvent,
      decision: null,
    });
    const forAssignNumber = built.objects;
    expect(forAssignNumber).toBeGreaterThan(0);
    events.parseEvent(events.AssignNumberEvent, { ...stepEvent, decision: null }, 'assign-number');
    expect(built.objects).toBe(forAssignNumber);
  });

  it('still refuse a malformed event as malformed-event, naming the field', async () => {
    const events = await import('#handlers/events.ts');
    // From the same module registry as events.ts's, which the other test may have reset.
    const { isParafError } = await import('#errors/paraf-error.ts');
    let refused: unknown;
    try {
      events.parseEvent(events.AssignNumberEvent, { ...stepEvent, documents: [], decision: null }, 'assign-number');
    } catch (error) {
      refused = error;
    }
    expect(isParafError(refused) && refused.code).toBe('malformed-event');
    expect((refused as Error).message).toContain('assign-number: masukan dari mesin SOP tidak sah');
    expect((refused as Error).message).toContain('documents:');
    // Staff read it on the case's failure event: no English words beside the handler's and the fields' names.
    expect((refused as Error).message).not.toMatch(/malformed|event|invalid/i);
    const decision = { id: 'd', route: 'setuju', by: 'u', at: '2026-12-06T00:00:00Z', extra: 1 };
    // The decision keeps what it does not know (loose) and gets its default note.
    expect(
      events.parseEvent(events.SignDocumentsEvent, { ...stepEvent, mode: 'paraf', decision }, 'sign-documents'),
    ).toMatchObject({ decision: { ...decision, note: '' } });
  });
});
