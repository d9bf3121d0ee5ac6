import { Hono } from 'hono';
import { html } from 'hono/html';
import { readRegisterBook, type RegisterBook } from '#cases/read-register-book.ts';
import { fileRegister } from '#cases/start-case.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { officeRegisters } from '#sop/registers.ts';
import type { Register } from '#sop/schema.ts';
import { refuse } from './errors.ts';
import { page, wita } from './page.ts';
import { witaYearMonth } from '#clock/wita.ts';

const YEAR = /^\d{4}$/;

/** Every register of the office: the file numbers of each SOP, then the registers the catalog numbers documents in. */
const allRegisters = (rt: Runtime): Register[] => [...rt.catalog.map(fileRegister), ...officeRegisters()];

const entriesOf = (book: RegisterBook) =>
  book.entries.map((entry) => ({
    seq: entry.seq,
    number: entry.number,
    status: entry.void ? 'batal' : 'terpakai',
    caseId: entry.caseId,
    documentKind: entry.documentKind,
    assignedAt: entry.assignedAt,
    // Absent where the case was never recorded (an intake cut off) or the document is not archived yet.
    ...(entry.fileNumber ? { fileNumber: entry.fileNumber } : {}),
    ...(entry.applicant ? { applicant: entry.applicant } : {}),
    ...(entry.documentId ? { documentId: entry.documentId } : {}),
    ...(entry.void ? { reason: entry.void.reason, voidedAt: entry.void.at } : {}),
  }));

/**
 * The office's registers as books: every number of a year in order, used or void with its reason.
 * A number is never skipped silently; `inFlight` lists numbers being recorded at this moment.
 */
export function registerRoutes(rt: Runtime) {
  const app = new Hono();

  app.get('/', (c) => c.json({ registers: allRegisters(rt).map(({ id, title }) => ({ id, title })) }));

  app.get('/:register/:year', async (c) => {
    const register = allRegisters(rt).find((r) => r.id === c.req.param('register'));
    if (!register) return refuse(c, 'unknown-register', `Register "${c.req.param('register')}" tidak dikenal.`);
    const year = c.req.param('year');
    if (!YEAR.test(year))
      return refuse(c, 'invalid-year', `Tahun "${year}" tidak sah: tulis empat angka, misalnya 2026.`);
    const listing = await readRegisterBook(rt, register.id, Number(year));
    return c.json({ ...listing, title: register.title, entries: entriesOf(listing) });
  });

  return app;
}

/** The same books for Tata Usaha, as a page: choose a register and a year, read it in number order. */
export function registerPages(rt: Runtime) {
  const app = new Hono();

  app.get('/', async (c) => {
    const registers = allRegisters(rt);
    const chosen = registers.find((r) => r.id === (c.req.query('register') ?? registers[0]?.id));
    // The register's book is the office's year (WITA), as its numbers are: on 1 January before 08.00 WITA too.
    const year = c.req.query('tahun') ?? String(witaYearMonth(new Date()).year);
    const problem = !chosen
      ? 'Register ini tidak dikenal; pilih dari daftar.'
      : !YEAR.test(year)
        ? `Tahun "${year}" tidak sah: tulis empat angka, misalnya 2026.`
        : undefined;
    const listing = problem || !chosen ? undefined : await readRegisterBook(rt, chosen.id, Number(year));
    const body = html`<form method="get" class="card no-print">
        <label for="register">Register</label>
        <select id="register" name="register">${registers.map((r) => html`<option value="${r.id}" ${r.id === chosen?.id ? 'selected' : ''}>${r.title}</option>`)}</select>
        <label for="tahun">Tahun</label>
        <input type="number" id="tahun" name="tahun" value="${year}" min="2000" max="2100">
        <button type="submit">Tampilkan</button>
      </form>
      ${problem ? html`<p class="error">${problem}</p>` : ''}
      ${listing && chosen ? registerTable(chosen, listing) : ''}`;
    return c.html(page('Buku register', body), problem ? 400 : 200);
  });

  return app;
}

function registerTable(register: Register, listing: RegisterBook) {
  const entries = entriesOf(listing);
  const voided = entries.filter((e) => e.status === 'batal').length;
  return html`<h2>${register.title} tahun ${listing.year}</h2>
    <p>${listing.last} nomor diberikan: ${listing.last - voided} terpakai, ${voided} batal${listing.inFlight.length ? html`, ${listing.inFlight.length} sedang dicatat` : ''}. Nomor tidak pernah dilewati: nomor yang batal tetap tercatat dengan alasannya.</p>
    ${
      entries.length
        ? html`<div class="table-wrap"><table class="stack buku-register">
          <thead><tr><th scope="col">No.</th><th scope="col">Nomor dan tanggal</th><th scope="col">Berkas dan pemohon</th><th scope="col">Status</th></tr></thead>
          <tbody>${entries.map(
            (e) =>
              html`<tr id="nomor-${e.seq}"><td data-label="No. urut">${e.seq}</td><td data-label="Nomor dan tanggal"><strong>${e.documentId ? html`<a href="/arsip/${e.documentId}">${e.number}</a>` : e.number}</strong><br><small>${wita(e.assignedAt)}</small></td><td data-label="Berkas dan pemohon">${givenTo(e)}</td><td data-label="Status">${e.status === 'batal' ? html`<strong>batal</strong>: ${e.reason} <small>(dibatalkan ${wita(e.voidedAt)})</small>` : 'terpakai'}</td></tr>`,
          )}</tbody></table></div>`
        : html`<p>Belum ada nomor pada tahun ini.</p>`
    }`;
}

/** The file and the applicant a number went to; a file number is its own file, so only the applicant is said. */
function givenTo(e: ReturnType<typeof entriesOf>[number]) {
  if (!e.fileNumber) return html`<small>Berkas tidak tercatat: pendaftarannya tidak selesai.</small>`;
  const file = e.fileNumber === e.number ? '' : html`<span class="berkas">${e.fileNumber}</span><br>`;
  return html`${file}<span class="pemohon">${e.applicant}</span>`;
}
