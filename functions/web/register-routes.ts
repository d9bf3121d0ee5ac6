import { Hono } from 'hono';
import { fileRegister } from '#cases/start-case.ts';
import type { Runtime } from '#handlers/runtime.ts';
import { listRegister } from '#registry/list-register.ts';
import { officeRegisters } from '#sop/registers.ts';
import { fail } from './errors.ts';

/**
 * The office's registers as books: every number of a year in order, used or void with its reason.
 * A number is never skipped silently; `inFlight` lists numbers being recorded at this moment.
 */
export function registerRoutes(rt: Runtime) {
  const app = new Hono();
  const registers = () => [...rt.catalog.map(fileRegister), ...officeRegisters()];

  app.get('/', (c) => c.json({ registers: registers().map(({ id, title }) => ({ id, title })) }));

  app.get('/:register/:year', async (c) => {
    const register = registers().find((r) => r.id === c.req.param('register'));
    if (!register) return fail(c, 404, 'unknown-register', `Register "${c.req.param('register')}" tidak dikenal.`);
    const year = c.req.param('year');
    if (!/^\d{4}$/.test(year)) return fail(c, 400, 'invalid-year', `Tahun "${year}" tidak sah: tulis empat angka, misalnya 2026.`);
    const listing = await listRegister(rt.dynamo, rt.config.table, register.id, Number(year));
    return c.json({
      ...listing,
      title: register.title,
      entries: listing.entries.map((entry) => ({ seq: entry.seq, number: entry.number, status: entry.void ? 'batal' : 'terpakai', caseId: entry.caseId, documentKind: entry.documentKind, assignedAt: entry.assignedAt, ...(entry.void ? { reason: entry.void.reason, voidedAt: entry.void.at } : {}) })),
    });
  });

  return app;
}
