import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/v4/core';
import { witaDateTime } from '#clock/wita.ts';
import { BUILT_FROM_CASE } from '#documents/document-data.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import type { FieldLabels } from '#documents/kinds/field-labels.ts';
import { fieldType } from '#documents/kinds/field-types.ts';
import { DOCUMENT_KINDS, draftSchemaOf } from '#documents/kinds/index.ts';
import { renderDocument } from '#documents/render-document.ts';
import { currentTotp } from '#identity/totp.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { putPermit } from '#records/permit-index.ts';
import { checkRequirements } from '#sop/check-requirements.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { draftForm } from '#web/draft-form.ts';
import { draftProblems, readDraftValues } from '#web/draft-form-read.ts';
import { Clerk, completeApplication, exampleDraft, type StaffCredentials } from '../../scripts/clerk.ts';
import { checkAtBothWidths } from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { personAtParaf } from '../support/walk-case.ts';

/** Every field of a schema, as a path, with the labels the kind gives it (undefined where it gives none). */
function unlabelled(schema: z.$ZodType, labels: FieldLabels | undefined, path: string): string[] {
  const type = fieldType(schema);
  const inner = type.type === 'list' ? fieldType(type.item) : type;
  if (inner.type !== 'object') return [];
  return Object.entries(inner.shape).flatMap(([name, child]) => {
    const label = labels?.[name];
    if (!label?.label.trim()) return [`${path}.${name}`];
    return unlabelled(child, label.fields, `${path}.${name}`);
  });
}

/** A kind's drafting form with nothing typed yet. */
const emptyForm = async (kind: string) =>
  String(
    await draftForm({
      kind,
      title: kind,
      schema: draftSchemaOf(kind),
      labels: DOCUMENT_KINDS[kind]!.labels!,
      values: {},
      problems: {},
    }),
  );

describe('drafting forms generated from each kind', () => {
  it('gives every drafted document of every SOP a form with a label for every field', async () => {
    let forms = 0;
    for (const sop of loadCatalog())
      for (const doc of sop.documents.filter((d) => !BUILT_FROM_CASE.includes(d.kind))) {
        const schema = draftSchemaOf(doc.kind)!;
        const labels = DOCUMENT_KINDS[doc.kind]!.labels;
        expect(labels, `${sop.id} ${doc.kind}: no labels`).toBeDefined();
        expect(unlabelled(schema, labels, doc.kind), `${sop.id}: fields without a label`).toEqual([]);
        const form = String(
          await draftForm({ kind: doc.kind, title: doc.title, schema, labels: labels!, values: {}, problems: {} }),
        );
        const controls = [...form.matchAll(/<(input|textarea|select) (?:type="(\w+)" )?id="([^"]+)" name="dokumen\[/g)];
        expect(controls.length, `${doc.kind}: no fields`).toBeGreaterThan(0);
        for (const [, , inputType, id] of controls)
          if (inputType === 'radio') expect(form).toMatch(new RegExp(`id="${id}-judul">[^<]+<`));
          else
            expect(form, `${doc.kind}: ${id} has no label`).toMatch(
              new RegExp(
                `<label for="${id}">[^<]+(?: <span class="boleh-kosong">\\(boleh dikosongkan\\)</span>)?</label>`,
              ),
            );
        expect(form).not.toMatch(/JSON|\{"/);
        forms++;
      }
    expect(forms).toBeGreaterThanOrEqual(19);
  });

  it('marks the fields the reader would refuse empty as required, and says so of the few it takes empty', async () => {
    let optional = 0;
    for (const [kind, { labels }] of Object.entries(DOCUMENT_KINDS)) {
      const schema = draftSchemaOf(kind);
      if (!schema || !labels || BUILT_FROM_CASE.includes(kind)) continue;
      const form = String(await draftForm({ kind, title: kind, schema, labels, values: {}, problems: {} }));
      expect(form, kind).toContain('Semua isian wajib diisi, kecuali yang bertanda "boleh dikosongkan".');
      // Every control sent empty (an unpicked radio button is not sent at all), as a browser sends the empty form.
      const controls = [
        ...form.matchAll(/<(input|textarea|select) (?:type="(\w+)" )?id="[^"]+" name="([^"]+)"([^>]*)>/g),
      ];
      const sent = Object.fromEntries(
        controls.filter(([, , type]) => type !== 'radio' && type !== 'checkbox').map(([, , , name]) => [name, '']),
      );
      const refusedEmpty = Object.entries(draftProblems(readDraftValues(sent)))
        .filter(([, problem]) => problem.endsWith(' wajib diisi.'))
        .map(([name]) => name)
        .sort();
      const radioGroups = [
        ...form.matchAll(
          /<div role="radiogroup"[^>]*?( aria-required="true")?>\s*<label[^>]*><input type="radio" name="([^"]+)"/g,
        ),
      ];
      const marked = [
        ...controls.filter(([, , type, , rest]) => type !== 'radio' && rest!.includes('aria-required="true"')),
        ...radioGroups.filter(([, required]) => required),
      ]
        .map((match) => (match.length === 3 ? match[2]! : match[3]!))
        .sort();
      expect(marked, kind).toEqual(refusedEmpty);
      expect(marked.length, `${kind}: no required field`).toBeGreaterThan(0);
      optional += (form.match(/\(boleh dikosongkan/g) ?? []).length;
    }
    expect(optional).toBeGreaterThanOrEqual(10);
    const letter = await emptyForm('surat-pengantar');
    expect(letter).toMatch(
      /<label for="[^"]+">Lampiran <span class="boleh-kosong">\(boleh dikosongkan\)<\/span><\/label>/,
    );
    const minutes = await emptyForm('berita-acara-pemeriksaan');
    expect(minutes).toContain('<span class="boleh-kosong">(boleh dikosongkan seluruhnya)</span></legend>');
    // A list the letter may leave empty says so; a list the document needs a row of does not.
    expect(letter).toContain('<legend>Tembusan <span class="boleh-kosong">(boleh dikosongkan)</span></legend>');
    const permit = await emptyForm('api-u');
    expect(permit).toMatch(/<legend>Bagian barang yang diimpor<\/legend>/);
  });
});

describe('reading the drafting form back', () => {
  it('types each field by the schema, refuses a field the schema lacks by name, and names problems by label', () => {
    for (const name of [
      'dokumen[api-u][penandatangan][nama]',
      'dokumen[api-u][__proto__][x]',
      'dokumen[api-u][constructor]',
    ])
      expect(() => readDraftValues({ [name]: 'x' }), name).toThrow('tidak dikenal');
    expect(() => readDraftValues({ 'dokumen[tanda-terima][nomorBerkas]': 'x' })).not.toThrow();
    const values = readDraftValues({
      'dokumen[api-u][tanggal]': '2026-02-30',
      'dokumen[api-u][jenisPermohonan]': 'lama',
      'dokumen[api-u][bagianBarang][0][bagian]': 'Bagian I',
      'dokumen[api-u][bagianBarang][0][uraian]': 'u'.repeat(2001),
    });
    const hidden = readDraftValues({ 'dokumen[api-u][perusahaan][nama]': 'PT Maju\u202egnp.exe' });
    expect(draftProblems(hidden)).toMatchObject({
      'dokumen[api-u][perusahaan][nama]':
        'Nama perusahaan memuat karakter tersembunyi (pengatur arah tulisan atau karakter kendali) atau huruf yang rusak; ketik ulang isian ini.',
    });
    expect(draftProblems(values)).toMatchObject({
      'dokumen[api-u][tanggal]': 'Tanggal surat harus tanggal yang ada di kalender.',
      'dokumen[api-u][jenisPermohonan]': 'Jenis permohonan: pilih salah satu pilihan yang tersedia.',
      'dokumen[api-u][bagianBarang][0][uraian]': 'Bagian barang 1: Uraian barang paling panjang 2000 karakter.',
      'dokumen[api-u][penanggungJawab][nama]': 'Nama penanggung jawab wajib diisi.',
      'dokumen[api-u][penandatanganDokumenImpor]': 'Penandatangan dokumen impor: paling sedikit 1 penandatangan.',
    });
  });
  it("leaves out a group the kind may omit when it is left empty, and prints DALAK 012's basis for a revocation when given", async () => {
    const sop = loadCatalog().find((entry) => entry.id === 'SOP-DALAK-067-012')!;
    const minutes = {
      tanggal: '2026-11-25',
      nomorSuratTugas: '094/041/DPMPTSP-DALAK/XI/2026',
      'perusahaan][nama': 'PT Borneo Agro Lestari',
    };
    const field = (path: string) => `dokumen[berita-acara-pemeriksaan][${path}]`;
    const form = (extra: Record<string, string>) =>
      Object.fromEntries(
        [...Object.entries(minutes), ...Object.entries(extra)].map(([path, value]) => [field(path), value]),
      );
    const empty = readDraftValues(
      form({ 'dasarPencabutan][pelanggaran': '', 'dasarPencabutan][pertimbanganTeknis': '' }),
    );
    expect(empty['berita-acara-pemeriksaan']).not.toHaveProperty('dasarPencabutan');
    expect(draftProblems(empty)).not.toHaveProperty(field('dasarPencabutan][pelanggaran'));
    const half = readDraftValues(
      form({ 'dasarPencabutan][pelanggaran': 'Tidak menyampaikan LKPM', 'dasarPencabutan][pertimbanganTeknis': '' }),
    );
    expect(draftProblems(half)[field('dasarPencabutan][pertimbanganTeknis')]).toBe(
      'Pertimbangan teknis OPD (perangkat daerah pembina sektor) wajib diisi.',
    );
    const data = {
      ...exampleDraft('berita-acara-pemeriksaan'),
      dasarPencabutan: {
        pelanggaran: 'Tidak menyampaikan LKPM empat triwulan berturut-turut.',
        pertimbanganTeknis: 'Surat Dinas Perkebunan Nomor 525/1123/DISBUN tanggal 10 November 2026.',
      },
    };
    const rendered = await renderDocument(sop, 'berita-acara-pemeriksaan', data);
    const file = join(dataDir, 'ba-012.pdf');
    writeFileSync(file, rendered.copies[0]!.pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('rencana pencabutan izin berdasarkan pelanggaran');
    expect(text).toContain('Tidak menyampaikan LKPM empat triwulan berturut-turut.');
    expect(text).toContain('Surat Dinas Perkebunan Nomor 525/1123/DISBUN');
  });
});

const at = personAtParaf('paraf-draft-forms-');
const dataDir = at.dataDir;
let paraf: LocalParaf;
let page: Page;
let credentials: StaffCredentials;
let clerk: Clerk;
let signedInAs: string | undefined;

beforeAll(() => {
  ({ paraf, page, credentials } = at);
  clerk = new Clerk(paraf.url, credentials);
});

/** Signs Chromium in as `official` with the session the clerk opened through /masuk (password and code). */
async function signIn(official: string) {
  if (signedInAs === official) return;
  const [name = '', ...value] = (await clerk.session(official)).split(';')[0]!.split('=');
  await page.context().clearCookies();
  await page.context().addCookies([{ name, value: value.join('='), url: paraf.url }]);
  signedInAs = official;
}

/** The next e-mailed link of this file, for `step`. */
async function linkFor(fileNumber: string, step: number): Promise<string> {
  for (;;) {
    const next = await clerk.nextLink(fileNumber, 60_000);
    if (!next) throw new Error(`no link for ${fileNumber} step ${step}`);
    if (next.step === step) return next.url;
  }
}

/** Opens a step's link in Chromium as the official it was e-mailed to. */
async function openStep(url: string) {
  await signIn(await clerk.recipientOf(url));
  await page.goto(url);
}

const approveButton = () =>
  page
    .locator('form.card', { has: page.locator('input[name=decision][value=approve]') })
    .locator('button[type=submit]:not([name=baris])')
    .last();

async function approveHere(official: string) {
  if (await page.locator('#kode-ttd').count())
    await page.fill('#kode-ttd', currentTotp(credentials[official]!.totpSecret));
  await approveButton().click();
}

/** What the draft of `kind` on a later step's page says, read by pdftotext. */
async function draftText(url: string, kind: string): Promise<string> {
  const response = await clerk.fetch(`${url}/dokumen/${kind}`);
  expect(response.status).toBe(200);
  const file = join(dataDir, `draf-${Date.now()}.pdf`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const today = () => witaDateTime(new Date()).date;

describe('drafting through the form, in Chromium', () => {
  it("drafts an API-U from the loket's data: rows added and removed, a refused save keeps what was typed and changes nothing, the PDF holds it", async () => {
    // The office's day when the draft is opened: between this and the day at each check (a WITA midnight may pass).
    const dayBefore = today();
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const application = completeApplication(sop, 'PT Mahakam Niaga Sentosa');
    application.form.documents = {};
    application.form.facts = { ...application.form.facts, penandatanganWni: true };
    application.requirements = checkRequirements(sop, application.form.facts, []).required.map((item) => item.id);
    (application.applicant as Record<string, unknown>).phone = '0541 741234';
    const started = await clerk.submit(application);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const fileNumber = (started.body as { fileNumber: string }).fileNumber;
    expect((await clerk.decide(await linkFor(fileNumber, 6), { decision: 'approve' })).status).toBe(200);
    const url = await linkFor(fileNumber, 7);
    await openStep(url);
    const official = signedInAs!;
    // Approved by a program with no draft, and none given at the loket: refused by the document's name, not
    // taken to stop the case when its rendering finds no data (an attack pass's bare POST did).
    await expectNothingChanged(paraf, 'an approval with no draft', async () => {
      const bare = await clerk.decide(url, { decision: 'approve' }, official);
      expect([bare.status, bare.body.message]).toEqual([
        422,
        `Data draf ${sop.documents.find((doc) => doc.kind === 'api-u')!.title} belum diisi: isi formulir draf pada halaman langkah ini, lalu setujui lagi.`,
      ]);
    });

    // Everything known is there already: the loket's data, today's date, who will sign.
    const field = (path: string) => page.locator(`#isian-api-u-${path}`);
    expect(await field('perusahaan-nama').inputValue()).toBe('PT Mahakam Niaga Sentosa');
    expect(await field('perusahaan-nib').inputValue()).toBe('9120001234567');
    expect(await field('perusahaan-npwp').inputValue()).toBe('01.234.567.8-722.000');
    expect(await field('perusahaan-alamat').inputValue()).toBe('Jalan Jenderal Sudirman Nomor 12, Samarinda');
    expect(await field('perusahaan-telepon').inputValue()).toBe('0541 741234');
    expect(await field('tanggal').getAttribute('type')).toBe('date');
    expect([dayBefore, today()]).toContain(await field('tanggal').inputValue());
    expect(await page.locator('#draf-api-u .penandatangan').innerText()).toContain(paraf.runtime.staff.head.name);
    expect(await page.locator('main').innerText()).not.toContain('JSON');
    expect(await page.locator('textarea#documentData').count()).toBe(0);
    await checkAtBothWidths(page, 'draf-api-u');

    // What the loket ticked on the checklist: a new API-U, its one signatory a citizen (WNI); the page says so.
    expect(await page.locator('#dari-loket').innerText()).toContain('sudah diisi dari keadaan permohonan');
    expect(await page.isChecked('#isian-api-u-jenisPermohonan')).toBe(true);
    expect(await page.locator('#isian-api-u-jenisPermohonan').getAttribute('value')).toBe('baru');
    expect(await page.isChecked('#isian-api-u-penandatanganDokumenImpor-0-kewarganegaraan')).toBe(true);
    expect(await page.locator('#isian-api-u-penandatanganDokumenImpor-0-kewarganegaraan').getAttribute('value')).toBe(
      'WNI',
    );
    await field('penanggungJawab-nama').fill('Hendra Wijaya');
    await field('penanggungJawab-jabatan').fill('Direktur Utama');
    await field('bagianBarang-0-bagian').fill('Bagian XVI');
    await field('bagianBarang-0-uraian').fill('Mesin dan peralatan listrik');
    await field('penandatanganDokumenImpor-0-nama').fill('Hendra Wijaya');
    await field('penandatanganDokumenImpor-0-jabatan').fill('Direktur Utama');
    await page.check('#isian-api-u-penandatanganDokumenImpor-0-kewarganegaraan');

    // A row added and removed: the server answers with the same page, as typed, and nothing is stored.
    await expectNothingChanged(paraf, 'adding and removing a row', async () => {
      await page.getByRole('button', { name: 'Tambah bagian barang' }).click();
      await field('bagianBarang-1-bagian').fill('Bagian XVII');
      await field('bagianBarang-1-uraian').fill('Kendaraan yang dibuang nanti');
      await page.getByRole('button', { name: 'Tambah bagian barang' }).click();
      expect(await field('bagianBarang-1-uraian').inputValue()).toBe('Kendaraan yang dibuang nanti');
      await field('bagianBarang-2-bagian').fill('Bagian XV');
      await field('bagianBarang-2-uraian').fill('Logam tidak mulia');
      await page.getByRole('button', { name: 'Hapus bagian barang 2' }).click();
      // The form's first button (the Enter key's too) checks what is typed, and saves nothing.
      await page.getByRole('button', { name: 'Periksa isian tanpa menyimpan' }).click();
      expect(await page.locator('p.ok[role=status]').innerText()).toContain('Semua isian draf sudah benar');
    });
    expect(await field('bagianBarang-0-uraian').inputValue()).toBe('Mesin dan peralatan listrik');
    expect(await field('bagianBarang-1-uraian').inputValue()).toBe('Logam tidak mulia');
    expect(await field('bagianBarang-2-uraian').count()).toBe(0);
    expect(await field('penanggungJawab-nama').inputValue()).toBe('Hendra Wijaya');

    // An emptied required field: refused at that field, in Indonesian, with every typed value kept.
    await field('penanggungJawab-nama').fill('');
    await page.fill('#note-approve', 'Draf disusun dari data loket');
    await expectNothingChanged(paraf, 'a refused draft', async () => {
      await approveHere(official);
      await page.locator('.isian-salah').first().waitFor();
    });
    expect(await page.locator('#isian-api-u-penanggungJawab-nama-salah').innerText()).toBe(
      'Nama penanggung jawab wajib diisi.',
    );
    expect(await field('penanggungJawab-nama').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[role=alert]').innerText()).toContain('tidak ada yang diubah');
    expect(await field('penanggungJawab-jabatan').inputValue()).toBe('Direktur Utama');
    expect(await field('bagianBarang-1-uraian').inputValue()).toBe('Logam tidak mulia');
    expect(await page.locator('#isian-api-u-jenisPermohonan').isChecked()).toBe(true);
    expect(await page.locator('#note-approve').inputValue()).toBe('Draf disusun dari data loket');
    expect(await page.locator('.isian-salah').count()).toBe(1);
    await checkAtBothWidths(page, 'draf-api-u-salah');
    // The same form from a program that asks for JSON: the problems by field, as JSON, not the form's page.
    const typed = await page.evaluate<Record<string, string>>(
      "Object.fromEntries(new FormData(document.querySelector('#isian-api-u-penanggungJawab-nama').form))",
    );
    await expectNothingChanged(paraf, 'a refused draft sent by a program', async () => {
      const answer = await clerk.decide(url, { ...typed, decision: 'approve' }, official);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({
        error: 'invalid-document',
        message: 'Draf belum dapat disimpan: Nama penanggung jawab wajib diisi.',
        fields: { [(await field('penanggungJawab-nama').getAttribute('name'))!]: 'Nama penanggung jawab wajib diisi.' },
      });
    });

    await field('penanggungJawab-nama').fill('Hendra Wijaya');
    await approveHere(official);
    expect(await page.locator('p.ok').innerText()).toContain('disetujui');

    const text = await draftText(await linkFor(fileNumber, 8), 'api-u');
    for (const typed of [
      'Hendra Wijaya',
      'Direktur Utama',
      'Mesin dan peralatan listrik',
      'Logam tidak mulia',
      '0541 741234',
    ])
      expect(text).toContain(typed);
    expect(text).not.toContain('Kendaraan yang dibuang nanti');
    expect(
      [dayBefore, today()].map(formatTanggal).some((day) => text.includes(day)),
      text,
    ).toBe(true);
  }, 240_000);

  it('starts a Surat Tugas with the officials of the inspection it sets, from the staff directory', async () => {
    const application = completeApplication(paraf.runtime.sop('SOP-DALAK-067-010'), 'PT Tinjau Ulang');
    application.form.documents = {};
    const started = await clerk.submit(application);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const fileNumber = (started.body as { fileNumber: string }).fileNumber;
    for (const step of [1, 2])
      expect((await clerk.decide(await linkFor(fileNumber, step), { decision: 'approve' })).status).toBe(200);
    await openStep(await linkFor(fileNumber, 3));
    const inspectors = paraf.runtime.staff.forLane(paraf.runtime.sop('SOP-DALAK-067-010').steps[3]!.lane);
    expect(inspectors.length).toBeGreaterThan(0);
    const row = (i: number, field: string) => page.locator(`#isian-surat-tugas-petugas-${i}-${field}`).inputValue();
    for (const [i, official] of inspectors.entries())
      expect([await row(i, 'nama'), await row(i, 'nip'), await row(i, 'pangkat'), await row(i, 'jabatan')]).toEqual([
        official.name,
        official.nip,
        official.rank,
        official.position,
      ]);
  }, 240_000);

  it("keeps a Surat Tugas as typed when its date is too early, saying so in the office's words", async () => {
    const started = await clerk.submit(
      completeApplication(paraf.runtime.sop('SOP-DALAK-067-009'), 'PT Tinjau Lapangan'),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const fileNumber = (started.body as { fileNumber: string }).fileNumber;
    for (const step of [1, 2])
      expect((await clerk.decide(await linkFor(fileNumber, step), { decision: 'approve' })).status).toBe(200);
    const url = await linkFor(fileNumber, 3);
    await openStep(url);
    const official = signedInAs!;
    const notice = await page.locator('p.notice', { hasText: 'menentukan tanggal langkah 4' }).innerText();
    expect(notice).toMatch(
      /^Tanggal mulai pelaksanaan pada Surat Tugas menentukan tanggal langkah 4: paling cepat \d{1,2} [A-Z][a-z]+ \d{4} /,
    );
    const start = page.locator('#isian-surat-tugas-waktu-mulai');
    const typedNote = 'Jadwal disepakati dengan perusahaan';
    await start.fill(today());
    await page.locator('#isian-surat-tugas-waktu-selesai').fill(today());
    await page.fill('#note-approve', typedNote);
    await expectNothingChanged(paraf, 'a Surat Tugas dated too early', async () => {
      await approveHere(official);
      await page.locator('[role=alert]').first().waitFor();
    });
    const alert = await page.locator('[role=alert]').first().innerText();
    expect(alert).toContain(
      `Tanggal mulai pelaksanaan pada Surat Tugas ${formatTanggal(today())} terlalu cepat: paling cepat`,
    );
    expect(alert).not.toMatch(/waktu\.mulai|\d{4}-\d{2}-\d{2}/);
    // Everything typed is still there, to mend the date alone.
    expect(await start.inputValue()).toBe(today());
    expect(await page.locator('#note-approve').inputValue()).toBe(typedNote);
    await checkAtBothWidths(page, 'surat-tugas-terlalu-cepat');
  }, 240_000);

  it('shows a DALAK 013 revocation the permit it revokes, takes the court decision as fields, and prints it', async () => {
    const { runtime } = paraf;
    const number = '503/0877/API-U/DPMPTSP-III/VIII/2021';
    await putPermit(runtime.dynamo, runtime.config.table, {
      documentId: 'kasus-lama-izin.api-u',
      caseId: 'kasus-lama-izin',
      sop: 'SOP-LP2N-PPK-01',
      kind: 'api-u',
      title: 'Angka Pengenal Importir Umum (API-U)',
      registrationNumber: number,
      issuedAt: '2021-08-16T02:15:00Z',
      company: 'PT Sinar Mahakam Properti',
      nib: '9120003322110',
      npwp: '01.234.567.8-722.000',
      status: 'aktif',
      revocation: null,
      copies: [{ copy: 1, key: 'k1', sha256: 'a'.repeat(64) }],
      signers: [],
    });
    const sop = runtime.sop('SOP-DALAK-067-013');
    const application = { ...completeApplication(sop, 'PT Sinar Mahakam Properti'), permit: number };
    application.form.documents = {};
    const started = await clerk.submit(application);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const fileNumber = (started.body as { fileNumber: string }).fileNumber;

    // Every step page of the revocation names the permit near the top.
    const shown = `Angka Pengenal Importir Umum (API-U) Nomor ${number} tanggal 16 Agustus 2021, atas nama PT Sinar Mahakam Properti, NIB 9120003322110`;
    await openStep(await linkFor(fileNumber, 1));
    expect(await page.locator('#izin-berkas').innerText()).toBe(shown);
    expect(await page.locator('dt', { hasText: 'Izin yang dicabut' }).count()).toBe(1);
    await checkAtBothWidths(page, 'dalak-013-langkah-1');
    await approveHere(signedInAs!);
    expect(await page.locator('p.ok').innerText()).toContain('disetujui');

    await openStep(await linkFor(fileNumber, 2));
    expect(await page.locator('#izin-berkas').innerText()).toBe(shown);
    const field = (path: string) => page.locator(`#isian-sk-pencabutan-${path}`);
    // The permit and its holder are the SK's already; nobody types its number again.
    expect(await field('izin-nomor').inputValue()).toBe(number);
    expect(await field('izin-jenis').inputValue()).toBe('Angka Pengenal Importir Umum (API-U)');
    expect(await field('izin-tanggal').inputValue()).toBe('2021-08-16');
    expect(await field('perusahaan-nama').inputValue()).toBe('PT Sinar Mahakam Properti');
    expect(await field('perusahaan-nib').inputValue()).toBe('9120003322110');
    expect(await field('mengingat-0').inputValue()).toBe(sop.sections.dasarHukum![0]);
    expect(await page.locator('#draf-sk-pencabutan .penandatangan').innerText()).toContain(runtime.staff.head.name);
    await checkAtBothWidths(page, 'dalak-013-draf-sk');

    await field('perusahaan-alamat').fill('Jalan Cendana Nomor 9, Samarinda');
    await field('putusan-pengadilan').fill('Pengadilan Tata Usaha Negara Samarinda');
    await field('putusan-nomor').fill('12/G/2026/PTUN.SMD');
    await field('putusan-tanggal').fill('2026-10-28');
    await field('menimbang-0').fill('bahwa putusan pengadilan tersebut telah berkekuatan hukum tetap');
    await approveHere(signedInAs!);
    expect(await page.locator('p.ok').innerText()).toContain('disetujui');

    const review = await linkFor(fileNumber, 3);
    const text = await draftText(review, 'sk-pencabutan');
    expect(text).toContain(
      'Putusan Pengadilan Tata Usaha Negara Samarinda Nomor 12/G/2026/PTUN.SMD tanggal 28 Oktober 2026',
    );
    expect(text).toContain(`Nomor ${number} tanggal 16 Agustus 2021 atas nama PT Sinar Mahakam Properti`);
    expect(text).toContain('Jalan Cendana Nomor 9, Samarinda');

    // Sent back from the Kabid's correction: the drafter starts from the earlier draft, not from blank fields.
    const returned = await clerk.decide(review, {
      decision: 'return',
      returnTo: '2',
      note: 'Nomor putusan diperiksa lagi',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    await openStep(await linkFor(fileNumber, 2));
    expect(await field('putusan-nomor').inputValue()).toBe('12/G/2026/PTUN.SMD');
    expect(await field('perusahaan-alamat').inputValue()).toBe('Jalan Cendana Nomor 9, Samarinda');
    expect(await field('menimbang-0').inputValue()).toBe(
      'bahwa putusan pengadilan tersebut telah berkekuatan hukum tetap',
    );
  }, 240_000);
});
