import { describe, expect, it } from 'vitest';
import { getCase } from '#records/case-records.ts';
import { readRegisterBook } from '#cases/read-register-book.ts';
import { witaYearMonth } from '#clock/wita.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { voidNumber } from '#registry/void-number.ts';
import { officeRegisters } from '#sop/registers.ts';
import { checkAtBothWidths, PHONE } from '../support/as-a-person.ts';
import { issueApiUPermit } from '../support/issue-permit.ts';
import { personAtParaf, signInPage } from '../support/walk-case.ts';

const at = personAtParaf('paraf-buku-register-');

interface BookEntry {
  seq: number;
  number: string;
  status: string;
  reason?: string;
  fileNumber?: string;
  applicant?: string;
  documentId?: string;
}

describe('the Buku register', () => {
  it('reads the cases and permits of a whole year in batches, not one request per number', async () => {
    const { dynamo, config } = at.paraf.runtime;
    // A register of its own (the other test reads API-U's): 120 numbers, more than one batch of 100.
    const register = officeRegisters().find((r) => r.id !== 'api-u')!;
    const now = new Date();
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        assignNumber(dynamo, config.table, { register, caseId: `uji-buku-${i}`, documentKind: 'uji', at: now }),
      ),
    );
    const sent: string[] = [];
    const counting = new Proxy(dynamo, {
      get: (target, name, receiver) =>
        name === 'send'
          ? (command: { constructor: { name: string } }, ...rest: unknown[]) => {
              sent.push(command.constructor.name);
              return (target.send as (...args: unknown[]) => unknown)(command, ...rest);
            }
          : Reflect.get(target, name, receiver),
    });
    const book = await readRegisterBook({ dynamo: counting, config }, register.id, witaYearMonth(now).year);
    expect(book.entries).toHaveLength(120);
    // The counter, the register's pages, then the cases and the permits: two batch reads of each.
    expect(sent.filter((name) => name === 'GetCommand')).toHaveLength(1);
    expect(sent.filter((name) => name === 'BatchGetCommand')).toHaveLength(4);
    expect(sent.length).toBeLessThan(10);
  });

  it("names each number's file and applicant, links an issued one to its archive record, keeps a void one's reason, and stacks on a phone", async () => {
    const { paraf, clerk, page, credentials } = at;
    const { caseId, documentId } = await issueApiUPermit(at);
    const record = (await getCase(paraf.runtime.dynamo, paraf.runtime.config.table, caseId))!;
    const permit = (await clerk.json(`/api/permits/${documentId}`)).body as {
      registrationNumber: string;
      company: string;
    };
    const year = Number(/\/(\d{4})$/.exec(permit.registrationNumber)![1]);
    // The next number taken by a case that was never recorded, then voided: the book keeps it with its reason.
    const register = officeRegisters().find((r) => r.id === 'api-u')!;
    const { dynamo, config } = paraf.runtime;
    const lost = { register, caseId: 'uji-batal-buku', documentKind: 'api-u', at: new Date() };
    await assignNumber(dynamo, config.table, lost);
    const reason = 'Nomor ganda: dicatat ulang pada berkas lain';
    await voidNumber(dynamo, config.table, { ...lost, reason, voidedAt: new Date() });

    // The API carries the same two facts per number, and the archive record where the permit exists.
    const book = (await clerk.json(`/api/registers/api-u/${year}`)).body as { entries: BookEntry[] };
    expect(book.entries[0]).toMatchObject({
      seq: 1,
      number: permit.registrationNumber,
      status: 'terpakai',
      fileNumber: record.fileNumber,
      applicant: permit.company,
      documentId,
    });
    expect(book.entries[1]).toMatchObject({ seq: 2, status: 'batal', reason });
    expect(book.entries[1]).not.toHaveProperty('fileNumber');
    expect(book.entries[1]).not.toHaveProperty('documentId');
    // A file number is its own file: the book names whom it was given to.
    const files = (await clerk.json(`/api/registers/berkas-SOP-LP2N-PPK-01/${year}`)).body as { entries: BookEntry[] };
    expect(files.entries[0]).toMatchObject({
      number: record.fileNumber,
      fileNumber: record.fileNumber,
      applicant: record.applicant.name,
    });

    // The page: the number links to its archive record; the file and the applicant beside it.
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/tata-usaha/register?register=api-u&tahun=${year}`);
    const used = page.locator('#nomor-1');
    expect(await used.getByRole('link', { name: permit.registrationNumber }).getAttribute('href')).toBe(
      `/arsip/${documentId}`,
    );
    expect(await used.innerText()).toContain(record.fileNumber);
    expect(await used.innerText()).toContain(permit.company);
    const voided = page.locator('#nomor-2');
    expect(await voided.getByRole('link').count()).toBe(0);
    expect(await voided.innerText()).toContain(`batal: ${reason}`);
    expect(await voided.innerText()).toContain('Berkas tidak tercatat');
    await checkAtBothWidths(page, 'buku-register');
    // On a phone each number's row is read whole: the table stacks instead of scrolling inside its frame.
    const before = page.viewportSize()!;
    await page.setViewportSize(PHONE);
    const [scrollWidth, clientWidth] = await page
      .locator('.table-wrap')
      .evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth, 'the table scrolls sideways inside its frame').toBeLessThanOrEqual(clientWidth);
    await page.setViewportSize(before);
    await page.goto(`${paraf.url}/tata-usaha/register?register=berkas-SOP-LP2N-PPK-01&tahun=${year}`);
    expect(await page.locator('#nomor-1').innerText()).toContain(record.applicant.name);
    await checkAtBothWidths(page, 'buku-register-berkas');

    // Following the link opens the permit's archive record.
    await page.goto(`${paraf.url}/tata-usaha/register?register=api-u&tahun=${year}`);
    await used.getByRole('link', { name: permit.registrationNumber }).click();
    expect(new URL(page.url()).pathname).toBe(`/arsip/${documentId}`);
    expect(await page.locator('main').innerText()).toContain(permit.registrationNumber);
  }, 480_000);
});
