import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalParaf } from '#local/start-local.ts';
import { createCase } from '#records/case-records.ts';
import { getRecord } from '#records/table-operations.ts';
import { permitKey } from '#records/keys.ts';
import { markRevoked, putPermit, type PermitRecord } from '#records/permit-index.ts';
import type { StaffCredentials } from '../../scripts/clerk.ts';
import { checkAtBothWidths } from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * The records archivist's walk of the Arsip: every revoked permit, or everything issued in May, with no
 * other field (the status index); each row with the file number of the receipt; a list cut at its
 * limit says so. Permits are written as the archive step writes them (putPermit, each with its case),
 * on a runtime reached over HTTP and in Chromium at 412 and 1280 px.
 */
const at = personAtParaf('paraf-archive-status-date-');
let paraf: LocalParaf;
let page: Page;
let credentials: StaffCredentials;

const SOP = 'SOP-LP2N-PPK-01';
/** 55 permits issued in May 2026 (more than the page's 50), two of them revoked; two in April and June. */
const MAY = 55;
const id = (n: number) => `uji-arsip-${String(n).padStart(3, '0')}`;
const fileNumber = (n: number) => `API-U/2026/${String(n).padStart(5, '0')}`;

function permitOf(n: number, issuedAt: string): PermitRecord {
  return {
    documentId: `${id(n)}.api-u`,
    caseId: id(n),
    sop: SOP,
    kind: 'api-u',
    title: 'Angka Pengenal Importir Umum (API-U)',
    registrationNumber: `503/${String(n).padStart(3, '0')}/API-U/DPMPTSP/2026`,
    issuedAt,
    company: `PT Arsip Uji ${n}`,
    nib: null,
    npwp: null,
    status: 'aktif',
    revocation: null,
    copies: [1, 2, 3].map((copy) => ({ copy, key: `uji/${n}/rangkap-${copy}.pdf`, sha256: '0'.repeat(64) })),
    signers: [],
  };
}

async function issue(n: number, issuedAt: string, own: Partial<PermitRecord> = {}): Promise<void> {
  const { dynamo, config } = paraf.runtime;
  await createCase(dynamo, config.table, {
    caseId: id(n),
    sop: SOP,
    fileNumber: fileNumber(n),
    applicant: { name: `PT Arsip Uji ${n}` },
    status: 'selesai',
    createdAt: issuedAt,
    receiptCode: `KODE${n}`,
    deadline: null,
    form: {},
    requirements: [],
  });
  await putPermit(dynamo, config.table, { ...permitOf(n, issuedAt), ...own });
}

const ids = (body: Record<string, unknown>) => (body.permits as PermitRecord[]).map((p) => p.caseId);

beforeAll(async () => {
  ({ paraf, page, credentials } = at);
  // 1 May 00.30 WITA is 30 April 16.30 UTC: a May permit by the office's day.
  for (let n = 1; n <= MAY; n += 1)
    await issue(n, new Date(Date.UTC(2026, 3, 30, 16, 30) + (n - 1) * 12 * 3_600_000).toISOString());
  await issue(101, '2026-04-30T15:59:00.000Z');
  await issue(102, '2026-06-01T01:00:00.000Z');
  const { dynamo, config } = paraf.runtime;
  for (const [n, decree] of [
    [3, '188.4/003/SK/DPMPTSP/2026'],
    [102, '188.4/102/SK/DPMPTSP/2026'],
  ] as const)
    await markRevoked(dynamo, config.table, `${id(n)}.api-u`, { number: decree, date: '2026-06-02', caseId: 'cabut' });
}, 120_000);

describe('the Arsip by status or issue date alone', () => {
  it('GET /api/permits lists every revoked permit by status alone, and May by its dates alone, newest first', async () => {
    const revoked = await at.clerk.json('/api/permits?status=dicabut');
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(ids(revoked.body)).toEqual([id(102), id(3)]);
    expect((revoked.body.permits as PermitRecord[]).map((p) => p.fileNumber)).toEqual([fileNumber(102), fileNumber(3)]);

    const may = await at.clerk.json(`/api/permits?from=2026-05-01&to=2026-05-31&limit=500`);
    expect(may.status, JSON.stringify(may.body)).toBe(200);
    const mayIds = ids(may.body);
    expect(mayIds).toHaveLength(MAY);
    expect(mayIds[0]).toBe(id(MAY));
    expect(mayIds.at(-1)).toBe(id(1));
    expect(mayIds).not.toContain(id(101));
    expect(mayIds).not.toContain(id(102));
    // Both narrow together: May's revoked permits only; the limit holds.
    expect(ids((await at.clerk.json('/api/permits?status=dicabut&from=2026-05-01&to=2026-05-31')).body)).toEqual([
      id(3),
    ]);
    expect(ids((await at.clerk.json('/api/permits?from=2026-05-01&to=2026-05-31&limit=3')).body)).toEqual([
      id(MAY),
      id(MAY - 1),
      id(MAY - 2),
    ]);
  });

  it("counts the limit among the permits that match every field: a company's newer permits of another SOP push none of the SOP asked out", async () => {
    const nib = '9120000000001';
    // Five older API-U permits of one NIB, then ten newer of another SOP, of the same NIB and NPWP.
    const npwp = '01.234.567.8-901.000';
    for (let n = 201; n <= 215; n += 1)
      await issue(n, new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(), {
        nib,
        npwp,
        ...(n > 205 ? { sop: 'SOP-LP2N-TKT-02' } : {}),
      });
    const found = async (query: string) => ids((await at.clerk.json(`/api/permits?${query}`)).body);
    expect(await found(`nib=${nib}&sop=${SOP}&limit=3`)).toEqual([id(205), id(204), id(203)]);
    // A NIB as people group it on paper (spaces, dots or dashes) is read by its digits.
    expect(await found(`nib=${encodeURIComponent('9120 0000 00001')}&sop=${SOP}&limit=1`)).toEqual([id(205)]);
    expect(await found(`nib=${encodeURIComponent('9120-000.000001')}&sop=${SOP}&limit=1`)).toEqual([id(205)]);
    expect(await found(`npwp=01.234.567.8-901.000&sop=${SOP}&limit=2`)).toEqual([id(205), id(204)]);
    // An NPWP grouped with spaces, as people copy it, as the loket takes it.
    expect(await found(`npwp=${encodeURIComponent('01 234 567 8 901 000')}&sop=${SOP}&limit=2`)).toEqual([
      id(205),
      id(204),
    ]);
    // A register number with a NIB that is not its holder's finds nothing.
    expect(await found(`regNo=${encodeURIComponent(permitOf(201, '').registrationNumber)}&nib=9120000000002`)).toEqual(
      [],
    );
  });

  it('refuses a search with no field but the limit, naming status and issue date among what to fill, and changes nothing', async () => {
    // The clerk's session is written at its first request, before what is compared (the tests run in any order).
    await at.clerk.signInAll();
    const refused = await expectNothingChanged(paraf, 'a search without a field', () =>
      at.clerk.json('/api/permits?limit=5'),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain(
      'Cari dengan nomor berkas, nomor registrasi, nama perusahaan, NIB, NPWP, SOP, status atau tanggal terbit.',
    );
  });

  it('the page lists revoked permits with their file numbers, and cuts May at 50 saying so, at 412 and 1280 px', async () => {
    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/arsip`);
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.locator('[role=alert]').innerText()).toBe(
      'Isi paling sedikit satu isian: nomor berkas, nomor registrasi, nama perusahaan, NIB, NPWP atau tanggal terbit, atau pilih layanan atau status.',
    );

    await page.selectOption('#status', 'dicabut');
    await page.getByRole('button', { name: 'Cari' }).click();
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.locator('td[data-label="Nomor berkas"]').allInnerTexts()).toEqual([
      fileNumber(102),
      fileNumber(3),
    ]);
    expect(await page.locator('[role=status]').count()).toBe(0);
    await checkAtBothWidths(page, 'arsip-status-dicabut');

    await page.goto(`${paraf.url}/arsip`);
    await page.fill('#from', '2026-05-01');
    await page.fill('#to', '2026-05-31');
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await rows.count()).toBe(50);
    expect((await page.locator('[role=status]').innerText()).trim()).toBe(
      'Menampilkan 50 pertama; persempit pencarian.',
    );
    expect(await rows.first().locator('td[data-label="Nomor berkas"]').innerText()).toBe(fileNumber(MAY));
    await checkAtBothWidths(page, 'arsip-terbit-mei');
  });

  it('says a list is cut whatever narrowed it (a name every permit here shares), and not when all of it shows', async () => {
    const arsip = async (query: string) => {
      const response = await at.clerk.fetch(`/arsip?${query}`, { headers: { accept: 'text/html' } });
      expect(response.status, query).toBe(200);
      return response.text();
    };
    expect(await arsip('nama=arsip+uji')).toContain('Menampilkan 50 pertama; persempit pencarian.');
    expect(await arsip('nama=arsip+uji&limit=500')).not.toContain('persempit pencarian');
    expect(await arsip('status=aktif&limit=10')).toContain('Menampilkan 10 pertama; persempit pencarian.');
  });

  it('shows the file number of a record written before records kept it, read from its case', async () => {
    const { dynamo, config } = paraf.runtime;
    await issue(201, '2026-07-01T01:00:00.000Z');
    const item = await getRecord(dynamo, config.table, permitKey(`${id(201)}.api-u`), (found) => found);
    const { fileNumber: _kept, ...older } = item!;
    await dynamo.send(new PutCommand({ TableName: config.table, Item: older }));
    const found = await at.clerk.json('/api/permits?from=2026-07-01&to=2026-07-01');
    expect((found.body.permits as PermitRecord[]).map((p) => [p.caseId, p.fileNumber])).toEqual([
      [id(201), fileNumber(201)],
    ]);
  });
});
