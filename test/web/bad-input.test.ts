import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { type Clerk, completeApplication, exampleDraft } from '../../scripts/clerk.ts';
import { quietState, storedState, wrongReceiptCodeCount } from '../support/stored-state.ts';
import { expireLink } from '../support/expire-link.ts';
import { parafForFile } from '../support/start-paraf.ts';

const at = parafForFile({ prefix: 'paraf-bad-', signInAll: true });
let paraf: LocalParaf;
let clerk: Clerk;
let decidedLink: string;
let waitingLink: string;
let caseId: string;

beforeAll(async () => {
  ({ paraf, clerk } = at);
  const submitted = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')));
  const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
  caseId = id;
  decidedLink = (await clerk.nextLink(fileNumber))!.url.split('/a/')[1]!;
  expect((await clerk.decide(`${paraf.url}/a/${decidedLink}`, { decision: 'approve' })).status).toBe(200);
  waitingLink = (await clerk.nextLink(fileNumber))!.url.split('/a/')[1]!; // step 7: input data and draft
});

const snapshot = () => storedState(paraf);
const settledSnapshot = () => quietState(paraf);

/** `mentions`: what the message must name (the field, the key, the limit, both days). */
type Row = {
  name: string;
  method?: string;
  path?: string;
  body?: string | FormData;
  type?: string;
  status: number;
  error?: string;
  mentions?: string[];
};

const json = JSON.stringify;
const valid = () =>
  completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Uji Coba') as unknown as Record<string, unknown>;
const pdf = (text = 'lampiran') => Buffer.from(`%PDF-1.4 ${text}`).toString('base64');
// biome-ignore lint/suspicious/noExplicitAny: bad input is made by changing parsed JSON at any depth, to any type
type LooseJson = any;
function caseWith(change: (body: Record<string, LooseJson>) => void): string {
  const body = JSON.parse(json(baseCase)) as Record<string, LooseJson>;
  change(body);
  return json(body);
}
let baseCase: Record<string, unknown>;
const attachment = (name: string, contentType = 'application/pdf', base64 = pdf()) =>
  caseWith((b) => (b.attachments = [{ name, contentType, base64 }]));
/** JSON text with `raw` written right after `anchor`: keys such as "__proto__" that an object literal cannot carry. */
const injected = (anchor: string, raw: string) => {
  const text = json(baseCase);
  if (!text.includes(anchor)) throw new Error(`no ${anchor} in the base case`);
  return text.replace(anchor, `${anchor}${raw}`);
};
/** API-U's example data with its goods sections replaced: `count` of them, each described in `length` characters. */
const apiUWithSections = (count: number, length: number) => ({
  ...(baseCase.form as LooseJson).documents['api-u'],
  bagianBarang: Array.from({ length: count }, (_, i) => ({ bagian: `Bagian ${i + 1}`, uraian: 'u'.repeat(length) })),
});

/**
 * The malformed requests that are data alone, typed in test/fixtures/bad-requests.json: bodies sent as
 * they are; changes of the valid case, grouped by what they change, each setting the field at `set` to
 * `to` or removing the one at `remove`; reads of addresses that do not hold; and decisions posted to the
 * case's decided or waiting `step`, or to a `link` id of no step.
 */
type Expected = { name: string; status: number; error: string; mentions?: string[] };
type CaseChange = Expected & { set?: string[]; to?: unknown; remove?: string[] };
const BAD: {
  bodies: (Expected & { body: string; type?: string })[];
  changes: Record<string, CaseChange[]>;
  reads: (Expected & { path: string })[];
  decisions: (Expected & { step?: 'decided' | 'waiting'; link?: string; fields: Record<string, string> })[];
} = JSON.parse(readFileSync(new URL('../fixtures/bad-requests.json', import.meta.url), 'utf8'));
const changedCase = ({ set, to, remove }: CaseChange) =>
  caseWith((b) => {
    const path = set ?? remove!;
    const parent = path.slice(0, -1).reduce((at: LooseJson, key) => at[key], b);
    if (set) parent[path.at(-1)!] = to;
    else delete parent[path.at(-1)!];
  });

function rows(): Row[] {
  const post = (
    name: string,
    body: string,
    status: number,
    error?: string,
    mentions?: string[],
    type = 'application/json',
  ): Row => ({ name, body, type, status, error, mentions });
  const list: Row[] = [
    ...BAD.bodies.map(({ name, body, status, error, type }) => post(name, body, status, error, undefined, type)),
    ...Object.values(BAD.changes)
      .flat()
      .map((change) => post(change.name, changedCase(change), change.status, change.error, change.mentions)),
    // Not JSON, or not an object.
    post('plain text content type', json(baseCase), 415, 'unsupported-media-type', undefined, 'text/plain'),
    // The SOP.
    post(
      'sop too long',
      caseWith((b) => (b.sop = 'x'.repeat(41))),
      400,
      'invalid-request',
    ),
    // The applicant.
    post(
      'applicant name with a right-to-left override (prints reversed)',
      caseWith((b) => (b.applicant.name = 'PT Maju\u202egnp.exe')),
      400,
      'invalid-request',
      ['applicant.name', 'karakter tersembunyi'],
    ),
    post(
      'applicant name on two lines',
      caseWith((b) => (b.applicant.name = 'PT Maju\nJaya')),
      400,
      'invalid-request',
      ['applicant.name', 'satu baris'],
    ),
    post(
      'address with a zero-width space',
      caseWith((b) => (b.applicant.address = 'Jalan\u200bSudirman')),
      400,
      'invalid-request',
      ['applicant.address', 'karakter tersembunyi'],
    ),
    post(
      'applicant name too long',
      caseWith((b) => (b.applicant.name = 'A'.repeat(201))),
      400,
      'invalid-request',
    ),
    post(
      'address too long',
      caseWith((b) => (b.applicant.address = 'J'.repeat(301))),
      400,
      'invalid-request',
    ),
    post(
      'prototype key in applicant',
      caseWith((b) => (b.applicant = JSON.parse('{"name":"PT A","__proto__":{"x":1}}'))),
      400,
      'invalid-request',
    ),
    // The checklist.
    post(
      '51 requirements',
      caseWith((b) => (b.requirements = Array.from({ length: 51 }, (_, i) => String(i + 1)))),
      400,
      'invalid-request',
    ),
    post(
      'no requirements handed in',
      caseWith((b) => {
        b.requirements = [];
      }),
      422,
      'incomplete',
    ),
    post(
      'unknown requirement id',
      caseWith((b) => b.requirements.push('99')),
      422,
      'incomplete',
      ['"99"'],
    ),
    post(
      'one requirement missing',
      caseWith((b) => (b.requirements = b.requirements.slice(1))),
      422,
      'incomplete',
    ),
    // A name given twice in one object: JSON.parse would keep the last without a word; refused by name, with where.
    post(
      'form.facts.perubahan twice',
      injected('"facts":{', '"perubahan":true,"perubahan":false,'),
      400,
      'invalid-json',
      ['"perubahan" diberikan dua kali', 'form.facts'],
    ),
    post('applicant twice', injected('{', `"applicant":${json({ name: 'PT Lain' })},`), 400, 'invalid-json', [
      '"applicant" diberikan dua kali',
    ]),
    // Keys that would reach a prototype, anywhere in the request: refused by name, with where they were.
    post(
      'form.facts.__proto__ an object',
      injected('"facts":{', '"__proto__":{"perubahan":true},'),
      400,
      'invalid-request',
      ['"__proto__"', 'form.facts'],
    ),
    post('form.facts.__proto__ a value', injected('"facts":{', '"__proto__":true,'), 400, 'invalid-request', [
      '"__proto__"',
      'form.facts',
    ]),
    post('form.facts.constructor', injected('"facts":{', '"constructor":true,'), 400, 'invalid-request', [
      '"constructor"',
      'form.facts',
    ]),
    post(
      'form.documents.__proto__',
      injected('"documents":{', `"__proto__":{"imta":${json({})}},`),
      400,
      'invalid-request',
      ['"__proto__"', 'form.documents'],
    ),
    post('form.documents.prototype', injected('"documents":{', '"prototype":{},'), 400, 'invalid-request', [
      '"prototype"',
      'form.documents',
    ]),
    post(
      '__proto__ inside a document',
      injected('"api-u":{', '"__proto__":{"kantor":"palsu"},'),
      400,
      'invalid-request',
      ['"__proto__"', 'form.documents.api-u'],
    ),
    post('top-level __proto__', injected('{', '"__proto__":{"status":"selesai"},'), 400, 'invalid-request', [
      '"__proto__"',
    ]),
    // Sizes: nothing reaches a DynamoDB item that comes near its 400 KB, and no number is taken first.
    post(
      'document string over 2000 characters',
      caseWith((b) => (b.form.documents['api-u'].perusahaan.alamat = 'J'.repeat(2001))),
      422,
      'too-large',
      ['form.documents.api-u.perusahaan.alamat', '2001', '2000'],
    ),
    post(
      'document list over 200 items',
      caseWith((b) => (b.form.documents['api-u'] = apiUWithSections(201, 10))),
      422,
      'too-large',
      ['form.documents.api-u.bagianBarang', '200'],
    ),
    post(
      'form over 64 KB',
      caseWith((b) => (b.form.documents['api-u'] = apiUWithSections(100, 1000))),
      413,
      'too-large',
      ['form', '64 KB'],
    ),
    post(
      '201 facts',
      caseWith((b) =>
        Object.assign(b.form.facts, Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`fakta${i}`, true]))),
      ),
      422,
      'too-large',
      ['form.facts', '200'],
    ),
    post(
      'documents nested 100000 deep',
      injected('"documents":{', `"x":${'['.repeat(100_000)}${']'.repeat(100_000)},`),
      400,
      'invalid-request',
      ['tingkat'],
    ),
    // Attachments.
    post(
      'attachment with extra field',
      caseWith(
        (b) => (b.attachments = [{ name: 'a.pdf', contentType: 'application/pdf', base64: pdf(), path: '/tmp' }]),
      ),
      400,
      'invalid-request',
    ),
    post('attachment not base64', attachment('a.pdf', 'application/pdf', '%%%not base64%%%'), 400, 'invalid-request'),
    post(
      '21 attachments',
      caseWith(
        (b) =>
          (b.attachments = Array.from({ length: 21 }, (_, i) => ({
            name: `a${i}.pdf`,
            contentType: 'application/pdf',
            base64: pdf(),
          }))),
      ),
      400,
      'invalid-attachment',
    ),
    post(
      'attachment over 10 MB',
      attachment(
        'besar.pdf',
        'application/pdf',
        Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]).toString('base64'),
      ),
      413,
      'invalid-attachment',
      ['besar.pdf', '10 MB'],
    ),
    post('empty attachment', attachment('kosong.pdf', 'application/pdf', ''), 422, 'invalid-attachment'),
    post(
      'attachment a Word file',
      attachment('akta.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      422,
      'invalid-attachment',
    ),
    post('attachment an executable', attachment('akta.exe', 'application/octet-stream'), 422, 'invalid-attachment'),
    post('PDF named .jpg', attachment('akta.jpg'), 422, 'invalid-attachment'),
    post('PNG that is not a PNG', attachment('foto.png', 'image/png'), 422, 'invalid-attachment'),
    post('JPEG that is a PDF', attachment('foto.jpg', 'image/jpeg'), 422, 'invalid-attachment'),
    post(
      'PDF that is HTML',
      attachment('akta.pdf', 'application/pdf', Buffer.from('<html><script>alert(1)</script>').toString('base64')),
      422,
      'invalid-attachment',
    ),
  ];
  const badNames = [
    '../akta.pdf',
    '../../etc/passwd.pdf',
    '..\\akta.pdf',
    '/etc/akta.pdf',
    'C:\\akta.pdf',
    'dir/akta.pdf',
    '.akta.pdf',
    '..pdf',
    'akta\u0000.pdf',
    'akta\n.pdf',
    'akta\r.pdf',
    'akta\t.pdf',
    'akta\u001b[31m.pdf',
    'akta\u007f.pdf',
    '<script>alert(1)</script>.pdf',
    '<b>akta</b>.pdf',
    'akta".pdf',
    "akta'.pdf",
    'akta&amp;.pdf',
    '{{7*7}}.pdf',
    '{{> kop}}.pdf',
    '{{#each this}}.pdf',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a file name that looks like a template literal is the attack
    '${process.env}.pdf',
    'akta%2e%2e.pdf',
    'akta;rm -rf.pdf',
    `${'a'.repeat(121)}.pdf`,
    '',
  ];
  for (const name of badNames) {
    // A hidden character (tab and line breaks aside) anywhere in a request is refused with the request's shape, before its files are looked at.
    const hidden = /[\p{Cc}\p{Cf}]/u.test(name.replace(/[\t\n\r]/g, ''));
    list.push(
      post(
        `attachment named ${json(name).slice(0, 40)}`,
        attachment(name),
        hidden ? 400 : 422,
        hidden ? 'invalid-request' : 'invalid-attachment',
      ),
    );
  }

  // Over the body limit, read no further than the limit.
  list.push(
    post(
      'body over 30 MB',
      caseWith((b) => (b.padding = 'x'.repeat(31 * 1024 * 1024))),
      413,
      'too-large',
    ),
  );

  // Multipart.
  const multipart = (name: string, build: (form: FormData) => void, status: number, error: string): Row => {
    const form = new FormData();
    build(form);
    return { name: `multipart: ${name}`, body: form, status, error };
  };
  /** The form's two fields: the case's JSON text and one file. */
  const caseAndFile = (caseText: string, parts: Buffer[], type: string, fileName: string) => (form: FormData) => {
    form.append('case', caseText);
    form.append('attachments', new Blob(parts, { type }), fileName);
  };
  list.push(
    multipart(
      'no case field',
      (f) => f.append('attachments', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'a.pdf'),
      400,
      'invalid-request',
    ),
    multipart('case not JSON', (f) => f.append('case', '{sop:'), 400, 'invalid-json'),
    multipart(
      'attachments a text field',
      (f) => {
        f.append('case', json(baseCase));
        f.append('attachments', 'akta.pdf');
      },
      400,
      'invalid-request',
    ),
    multipart(
      'file with traversal name',
      caseAndFile(json(baseCase), [Buffer.from('%PDF-1.4')], 'application/pdf', '../../akta.pdf'),
      422,
      'invalid-attachment',
    ),
    multipart(
      'file over 10 MB',
      caseAndFile(
        json(baseCase),
        [Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024 + 1)],
        'application/pdf',
        'besar.pdf',
      ),
      413,
      'invalid-attachment',
    ),
    multipart(
      'file of the wrong type',
      caseAndFile(json(baseCase), [Buffer.from('MZ')], 'application/x-msdownload', 'akta.exe'),
      422,
      'invalid-attachment',
    ),
    multipart(
      'incomplete case with a file',
      caseAndFile(
        caseWith((b) => {
          b.requirements = [];
        }),
        [Buffer.from('%PDF-1.4')],
        'application/pdf',
        'akta.pdf',
      ),
      422,
      'incomplete',
    ),
  );

  // Reading.
  const get = (name: string, path: string, status: number, error?: string, mentions?: string[]): Row => ({
    name,
    method: 'GET',
    path,
    status,
    error,
    mentions,
  });
  list.push(
    ...BAD.reads.map(({ name, path, status, error, mentions }) => get(name, path, status, error, mentions)),
    get('copy of another case', `/api/permits/${caseId}.api-u/copies/1`, 404, 'not-found'),
    { name: 'DELETE a case', method: 'DELETE', path: `/api/cases/${caseId}`, status: 404, error: 'not-found' },
    { name: 'PUT the outbox', method: 'PUT', path: '/api/outbox', status: 404, error: 'not-found' },
  );

  // Decisions.
  const decide = (
    name: string,
    link: string,
    fields: Record<string, string>,
    status: number,
    error: string,
    mentions?: string[],
  ): Row => ({
    name: `decision: ${name}`,
    method: 'POST',
    path: `/a/${link}`,
    body: new URLSearchParams(fields).toString(),
    type: 'application/x-www-form-urlencoded',
    status,
    error,
    mentions,
  });
  list.push(
    ...BAD.decisions.map(({ name, step, link, fields, status, error, mentions }) =>
      decide(name, link ?? (step === 'decided' ? decidedLink : waitingLink), fields, status, error, mentions),
    ),
    decide('note over 2000 characters', waitingLink, { decision: 'approve', note: 'n'.repeat(2001) }, 422, 'invalid'),
    decide(
      'draft data with a string over 2000 characters',
      waitingLink,
      {
        decision: 'approve',
        documentData: json({
          'api-u': { ...(baseCase.form as LooseJson).documents['api-u'], tanggal: 't'.repeat(2001) },
        }),
      },
      422,
      'invalid',
      ['documentData.api-u.tanggal', '2000'],
    ),
    decide(
      'draft data making the case over 64 KB',
      waitingLink,
      { decision: 'approve', documentData: json({ 'api-u': apiUWithSections(100, 1000) }) },
      422,
      'invalid',
      ['64 KB'],
    ),
    decide(
      'valid draft data for a document this step does not draft',
      waitingLink,
      { decision: 'approve', documentData: json({ 'sk-pencabutan': exampleDraft('sk-pencabutan') }) },
      422,
      'invalid',
      ['hanya menyusun', 'tidak diterima'],
    ),
    decide(
      'a field the decision form does not have',
      waitingLink,
      { decision: 'approve', hacker: '1' },
      422,
      'invalid',
      ['hacker'],
    ),
    decide(
      'draft field null',
      waitingLink,
      {
        decision: 'approve',
        documentData: json({ 'api-u': { ...(baseCase.form as LooseJson).documents['api-u'], perusahaan: null } }),
      },
      422,
      'invalid',
      ['perusahaan', 'kumpulan isian'],
    ),
  );
  list.push(
    decide(
      'documentData with a name given twice',
      waitingLink,
      { decision: 'approve', documentData: '{"api-u":{"tanggal":"2026-12-01","tanggal":"2026-12-02"}}' },
      422,
      'invalid',
      ['"tanggal" diberikan dua kali', 'api-u'],
    ),
  );
  // A page's form sent as JSON or plain text: refused for what it is, not read as a form with no decision.
  for (const [name, path, type, body] of [
    ['a decision sent as JSON', `/a/${waitingLink}`, 'application/json', json({ decision: 'approve' })],
    ['a decision sent as plain text', `/a/${waitingLink}`, 'text/plain', 'decision=approve'],
    ['an absence sent as JSON', '/ketidakhadiran', 'application/json', json({ dari: '2026-12-08' })],
    ['a status check sent as JSON', '/cek-status', 'application/json; charset=utf-8', json({ berkas: 'X' })],
  ] as const)
    list.push({ name, path, type, body, status: 415, error: 'unsupported-media-type', mentions: ['formulir'] });
  return list;
}

/** Words of zod's English and of its Indonesian locale's leftovers ("diharapkan object, diterima null"). */
const ENGLISH =
  /\b(expected|invalid|required|must|received|undefined|error|object|number|string|nan|null|array|boolean|bigint|input|value|instanceof|true|false|keys?|too (big|small))\b/i;

describe('bad input over HTTP', () => {
  it('answers at least 100 malformed requests with a clear 4xx in Bahasa Indonesia, and stores nothing', async () => {
    baseCase = valid();
    const table = rows();
    expect(table.length).toBeGreaterThanOrEqual(100);
    const before = await settledSnapshot();
    const failures: string[] = [];
    for (const row of table) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (row.type) headers['content-type'] = row.type;
      const response = await clerk.fetch(`${paraf.url}${row.path ?? '/api/cases'}`, {
        method: row.method ?? 'POST',
        headers,
        body: row.body,
      });
      const text = await response.text();
      let body: { error?: string; message?: string } = {};
      try {
        body = JSON.parse(text);
      } catch {
        failures.push(`${row.name}: not JSON: ${text.slice(0, 80)}`);
        continue;
      }
      if (response.status !== row.status || (row.error && body.error !== row.error))
        failures.push(`${row.name}: ${response.status} ${text.slice(0, 200)}`);
      // Indonesian for people: no English validator wording or type name leaks through.
      if (!body.message || ENGLISH.test(body.message)) failures.push(`${row.name}: message ${body.message}`);
      for (const name of row.mentions ?? [])
        if (!body.message?.includes(name)) failures.push(`${row.name}: message does not name ${name}: ${body.message}`);
      if (JSON.stringify(await snapshot()) !== JSON.stringify(before))
        failures.push(`${row.name}: something was stored`);
    }
    expect(failures).toEqual([]);
    // The waiting step still waits for a proper decision.
    expect((await clerk.decide(`${paraf.url}/a/${waitingLink}`, { decision: 'approve' })).status).toBe(200);
  }, 240_000);

  it('refuses a body that reaches for a prototype, and leaves Object.prototype of the serving process as it was', async () => {
    baseCase = valid();
    // The runtime serves from this very process: a merge that followed these keys would change this Object.prototype.
    const own = Object.getOwnPropertyNames(Object.prototype).sort();
    const reach = {
      'a top-level __proto__': `{"__proto__":{"polluted":"yes"},${json(baseCase).slice(1)}`,
      "the applicant's constructor.prototype": injected(
        '"applicant":{',
        '"constructor":{"prototype":{"polluted":"yes"}},',
      ),
      "a document's __proto__ inside a list": injected('"documents":{', '"x":[{"__proto__":{"polluted":"yes"}}],'),
      'form.__proto__.__proto__': injected('"form":{', '"__proto__":{"__proto__":{"polluted":"yes"}},'),
    };
    const before = await settledSnapshot();
    for (const [what, body] of Object.entries(reach)) {
      const response = await clerk.fetch(`${paraf.url}/api/cases`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body,
      });
      const answer = (await response.json()) as { error: string; message: string };
      expect({ what, status: response.status, error: answer.error }).toEqual({
        what,
        status: 400,
        error: 'invalid-request',
      });
      // Refused for the key itself, named, not for something else in the body.
      expect(answer.message, what).toMatch(/"(__proto__|constructor)"/);
      expect(({} as Record<string, unknown>).polluted, what).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort(), what).toEqual(own);
    }
    expect(await settledSnapshot()).toEqual(before);
  }, 240_000);
});

describe('bad input in the pages', () => {
  it('answers the Dasbor page with an impossible date or a period backwards with 400 and the reason, not 500', async () => {
    const before = await settledSnapshot();
    for (const [query, names] of [
      ['from=2026-99-99', ['Berkas diterima dari tanggal', 'kalender']],
      ['from=2026-05-02&to=2026-05-01', ['2 Mei 2026', '1 Mei 2026']],
    ] as const) {
      const response = await clerk.fetch(`${paraf.url}/dasbor?${query}`, { headers: { accept: 'text/html' } });
      const text = await response.text();
      expect(response.status, query).toBe(400);
      expect(text).toContain('role="alert"');
      for (const name of names) expect(text).toContain(name);
    }
    expect(await settledSnapshot()).toEqual(before);
  });

  it('answers the Arsip search with empty or wrong criteria with 400 and the reason above the form, not 200', async () => {
    const before = await settledSnapshot();
    for (const [query, mentions] of [
      ['berkas=&nama=', ['Isi paling sedikit satu isian']],
      ['nib=123', ['NIB harus 13 angka']],
      ['sop=SOP-LP2N-PPK-01&from=2026-05-02&to=2026-05-01', ['2 Mei 2026', '1 Mei 2026']],
      // Status and the issue dates alone are a search of their own; wrong, each is refused by name.
      ['from=2026-05-02&to=2026-05-01', ['2 Mei 2026', '1 Mei 2026']],
      ['status=hapus', ['Status', 'aktif atau dicabut']],
      ['from=2026-05-01&to=2026-05-31&limit=0', ['Jumlah paling banyak', 'paling kecil 1']],
      ['limit=5', ['status atau tanggal terbit']],
    ] as const) {
      const response = await clerk.fetch(`${paraf.url}/arsip?${query}`, { headers: { accept: 'text/html' } });
      const text = await response.text();
      expect(response.status, query).toBe(400);
      // The reason in the alert itself: the form repeats what was typed.
      const alert = /<p class="error" role="alert">([^<]+)<\/p>/.exec(text)?.[1] ?? '';
      for (const mention of mentions) expect(alert, query).toContain(mention);
      // The form comes back with what was typed.
      expect(text, query).toContain('<button type="submit">Cari</button>');
    }
    expect(await settledSnapshot()).toEqual(before);
  });

  it('refuses a form field the page does not have, or a single one sent twice, by name, and stores nothing', async () => {
    // A step of its own still open (other tests decide the shared one).
    const own = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Catatan Asing'));
    const openLink = (await clerk.nextLink((own.body as { fileNumber: string }).fileNumber))!.url.split('/a/')[1]!;
    const before = await settledSnapshot();
    const post = async (path: string, fields: [string, string | Blob][]) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      const response = await clerk.fetch(`${paraf.url}${path}`, { method: 'POST', body: form, redirect: 'manual' });
      return { status: response.status, text: await response.text() };
    };
    const applicant: [string, string][] = [
      ['nama', 'PT Isian Asing'],
      ['nib', '1234567890123'],
    ];
    const pdfFile = () => new Blob([Buffer.from('%PDF-1.4 uji')], { type: 'application/pdf' });
    for (const [path, fields, said] of [
      ['/loket/SOP-LP2N-PPK-01', [...applicant, ['hacker', '1']], 'Isian tidak dikenal: hacker.'],
      ['/loket/SOP-LP2N-PPK-01', [...applicant, ['fakta.tidakAda', 'ya']], 'Isian tidak dikenal: fakta.tidakAda.'],
      ['/loket/SOP-LP2N-PPK-01', [...applicant, ['nama', 'PT Kedua']], 'Isian dikirim lebih dari sekali: nama.'],
      [
        '/verifikasi',
        [
          ['berkas', pdfFile()],
          ['berkas', pdfFile()],
        ],
        'Isian dikirim lebih dari sekali: berkas.',
      ],
      [
        '/tata-usaha/serah-terima/tautan-apa-saja',
        [
          ['penerima', 'Budi'],
          ['status', 'x'],
        ],
        'Isian tidak dikenal: status.',
      ],
      // The sign-in forms: a repeated pejabat signed in the last one, and an unknown field counted as a failed sign-in.
      [
        '/masuk',
        [
          ['pejabat', 'kepala'],
          ['pejabat', 'loket'],
        ],
        'Isian dikirim lebih dari sekali: pejabat.',
      ],
      [
        '/masuk',
        [
          ['pejabat', 'kepala'],
          ['kata_sandi', 'bukan-sandinya'],
          ['kode', '123456'],
          ['asing', '1'],
        ],
        'Isian tidak dikenal: asing.',
      ],
      [
        '/masuk/demo',
        [
          ['pejabat', 'kepala'],
          ['asing', '1'],
        ],
        'Isian tidak dikenal: asing.',
      ],
      // Signing out with a field the button does not send ends no session.
      ['/keluar', [['asing', '1']], 'Isian tidak dikenal: asing.'],
    ] as [string, [string, string | Blob][], string][]) {
      const answer = await post(path, fields);
      expect(answer.status, `${path} ${said}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${path} ${said}`).toBeLessThan(500);
      expect(answer.text, path).toContain(said);
    }
    // A decision sent twice is not taken as the last one; a note that hides characters is refused.
    for (const [body, said] of [
      ['decision=reject&decision=approve&note=ganda', 'Isian dikirim lebih dari sekali: decision.'],
      [`decision=approve&note=${encodeURIComponent('Kurang\u202elengkap')}`, 'Catatan memuat karakter tersembunyi'],
      // Bytes that are not UTF-8 are read as U+FFFD: refused, not stored as "�".
      [
        'decision=approve&note=ok%C0%AF%FF',
        'Catatan memuat karakter tersembunyi (pengatur arah tulisan atau karakter kendali) atau huruf yang rusak',
      ],
      [`decision=approve&note=${'n'.repeat(2001)}`, 'Catatan paling panjang 2000 karakter.'],
    ]) {
      const answer = await clerk.fetch(`${paraf.url}/a/${openLink}`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(answer.status, body).toBe(422);
      expect(((await answer.json()) as { message: string }).message, body).toContain(said);
    }
    // The counter's page names a wrong field by its label, never by the API's path.
    // The form's one-time intake id, as the page draws it (loket-resubmit.test.ts refuses a form without one).
    const intakeForm: [string, string] = ['formulir', 'IsianSalahIsianSalah01'];
    const wrong = await post('/loket/SOP-LP2N-PPK-01', [
      intakeForm,
      ['nama', 'PT Isian Salah'],
      ['nib', '123'],
      ['email', 'bukan-alamat'],
    ]);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(
      'Isian belum benar: NIB harus 13 angka; E-mail: tulis alamat e-mail yang benar, misalnya nama@kaltimprov.go.id',
    );
    expect(wrong.text).not.toContain('applicant.');
    const hidden = await post('/loket/SOP-LP2N-PPK-01', [intakeForm, ['nama', 'PT Maju\u202egnp.exe']]);
    expect(hidden.status).toBe(400);
    expect(hidden.text).toContain('Nama pemohon / perusahaan: memuat karakter tersembunyi');
    expect(await settledSnapshot()).toEqual(before);
  });

  it('refuses an address parameter the page does not read, or one given twice, by name, and changes nothing', async () => {
    const before = await settledSnapshot();
    const html = { accept: 'text/html' };
    // The way on is the same page with only what it reads, given once: a shared link's tracking name
    // (WhatsApp's, Facebook's) is left out and the file number and its code kept.
    for (const [address, said, back] of [
      [
        '/pemohon?berkas=API-U/2026/00001&kode=AAAA-BBBB&kode=CCCC-DDDD',
        'Parameter alamat disebut lebih dari sekali: kode.',
        '/pemohon?berkas=API-U%2F2026%2F00001',
      ],
      [
        '/pemohon?berkas=API-U/2026/00001&kode=AAAA-BBBB&utm_source=whatsapp',
        'Alamat memuat parameter yang tidak dikenal: utm_source.',
        '/pemohon?berkas=API-U%2F2026%2F00001&amp;kode=AAAA-BBBB',
      ],
      [
        '/lampiran/kasus/abc?unduh=1&unduh=1',
        'Parameter alamat disebut lebih dari sekali: unduh.',
        '/lampiran/kasus/abc',
      ],
      ['/verifikasi?fbclid=xyz', 'Alamat memuat parameter yang tidak dikenal: fbclid.', '/verifikasi'],
      ['/tugas?pejabat=kepala', 'Alamat memuat parameter yang tidak dikenal: pejabat.', '/tugas'],
      ['/cek-status?berkas=A&berkas=B&asing=1', 'Alamat memuat parameter yang tidak dikenal: asing.', '/cek-status'],
    ] as const) {
      const response = await clerk.fetch(`${paraf.url}${address}`, { headers: html });
      const text = await response.text();
      expect(response.status, address).toBe(400);
      expect(text, address).toContain(said);
      expect(text, address).toContain(`href="${back}"`);
    }
    // A path that names another site ("//elsewhere") gets the way back on this site, never a link away.
    const away = await clerk.fetch(`${paraf.url}//evil.example?x=1`, { headers: html });
    expect(away.status).toBe(400);
    const awayText = await away.text();
    expect(awayText).toContain('href="/evil.example"');
    expect(awayText).not.toContain('href="//');
    const api = await clerk.fetch(`${paraf.url}/api/permits?regNo=1&regNo=2`);
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      error: 'invalid-query',
      message: 'Parameter alamat disebut lebih dari sekali: regNo.',
    });
    // A form sent to an address with a parameter of its own signs nobody in.
    const form = new FormData();
    form.append('pejabat', 'kepala');
    const signIn = await fetch(`${paraf.url}/masuk/demo?pejabat=loket`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(signIn.status).toBe(400);
    expect(signIn.headers.get('set-cookie')).toBeNull();
    expect(await signIn.text()).not.toContain('Buka halaman ini tanpa parameter');
    // An address typed with a slash at its end leads to the page, on this site.
    for (const [typed, page] of [
      ['/tugas/', '/tugas'],
      ['/loket/', '/loket'],
      ['//evil.example/', '//evil.example'],
    ] as const) {
      const slashed = await clerk.fetch(`${paraf.url}${typed}`, { headers: html, redirect: 'manual' });
      expect(slashed.status, typed).toBe(301);
      expect(slashed.headers.get('location'), typed).toBe(`${paraf.url}${page}`);
    }
    // The parameters a page does read still open it.
    for (const address of [
      '/?keluar=1',
      '/cek-status?berkas=API-U/2026/00001&kode=AAAA-BBBB',
      '/arsip?nama=PT%20Asing',
    ]) {
      const response = await clerk.fetch(`${paraf.url}${address}`, { headers: html });
      expect(response.status, address).toBe(200);
    }
    // Cek status's pair names no file, which counts one wrong pair against this client (throttle.ts,
    // 'kode-pemohon'; changes-nothing.test.ts holds that count to be all it changes): the rest is as it was.
    const uncounted = (snapshot: typeof before) => ({
      ...snapshot,
      items: snapshot.items.filter((item) => !wrongReceiptCodeCount(item)),
    });
    expect(uncounted(await settledSnapshot())).toEqual(uncounted(before));
  });

  it('refuses a half-filled satisfaction survey by the questions left blank, in Bahasa Indonesia, and decides nothing', async () => {
    const submitted = await clerk.submit(
      completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Survei Setengah'),
    );
    const { fileNumber } = submitted.body as { fileNumber: string };
    let link = (await clerk.nextLink(fileNumber))!;
    while (link.step !== 13) {
      expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
      link = (await clerk.nextLink(fileNumber))!;
    }
    const before = await settledSnapshot();
    const half = await clerk.decide(link.url, { decision: 'approve', u1: '4', u2: '3', u3: '3', u4: '4' });
    expect(half.status).toBe(422);
    const message = String(half.body.message);
    expect(message).toMatch(/^Survei kepuasan belum lengkap: /);
    for (const label of ['Produk spesifikasi jenis pelayanan', 'Kompetensi pelaksana', 'Sarana dan prasarana'])
      expect(message).toContain(`${label}: pilih nilai 1, 2, 3 atau 4`);
    expect(message).not.toMatch(ENGLISH);
    expect(await settledSnapshot()).toEqual(before);
  }, 60_000);
});

describe('an expired approval link', () => {
  it('shows that it expired, on GET and on POST, and decides nothing', async () => {
    const submitted = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-TKT-02')));
    const { fileNumber } = submitted.body as { fileNumber: string };
    const link = (await clerk.nextLink(fileNumber))!;
    await expireLink(paraf, link.url);
    const before = await settledSnapshot();
    const page = await fetch(link.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Tautan ini sudah kedaluwarsa');
    expect(await clerk.decide(link.url, { decision: 'approve' })).toEqual({
      status: 410,
      body: { error: 'expired', message: 'Tautan ini sudah kedaluwarsa.' },
    });
    expect(await settledSnapshot()).toEqual(before);
  });
});
