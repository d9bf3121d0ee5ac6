import { WINDOW_MS } from '#identity/throttle.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { witaYearMonth } from '#clock/wita.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { getLink } from '#records/links.ts';
import { type Clerk, completeApplication } from '../../scripts/clerk.ts';
import { quietState, storedState, wrongReceiptCodeCount } from '../support/stored-state.ts';
import { expireLink } from '../support/expire-link.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { fileCase } from '../support/file-case.ts';

/**
 * Everything that must change nothing, checked against the whole stored state (every table item,
 * archived object, outbox message and execution file): GET and HEAD of every kind of approval link
 * at every step of a case, refused decisions, and the public and staff pages once it is issued.
 */
const at = parafForFile({ prefix: 'paraf-reads-', signInAll: true });
let paraf: LocalParaf;
let clerk: Clerk;

beforeAll(() => {
  ({ paraf, clerk } = at);
});

type Request = {
  name: string;
  url: string;
  method?: string;
  form?: Record<string, string>;
  status: number | number[];
  contains?: string;
};

/** Each request in turn on a quiet runtime: the answer expected, and the stored state as it was after each one and once quiet again. */
async function expectNoChange(requests: Request[]) {
  const before = await quietState(paraf);
  const failures: string[] = [];
  for (const request of requests) {
    const method = request.method ?? 'GET';
    const response = await clerk.fetch(request.url, {
      method,
      headers: request.form
        ? { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
        : { accept: 'text/html' },
      body: request.form ? new URLSearchParams(request.form) : undefined,
    });
    const text = await response.text();
    const statuses = ([] as number[]).concat(request.status);
    if (!statuses.includes(response.status))
      failures.push(`${method} ${request.name}: ${response.status} ${text.slice(0, 160)}`);
    if (method === 'HEAD' && text !== '') failures.push(`HEAD ${request.name}: a body`);
    if (request.contains && !text.includes(request.contains))
      failures.push(`${method} ${request.name}: no "${request.contains}"`);
    const now = await storedState(paraf);
    if (JSON.stringify(now) !== JSON.stringify(before))
      failures.push(`${method} ${request.name}: changed the stored state`);
  }
  expect(failures).toEqual([]);
  expect(await quietState(paraf)).toEqual(before);
}

const getAndHead = (name: string, url: string, status: number | number[], contains?: string): Request[] => [
  { name, url, status, contains },
  { name, url, method: 'HEAD', status },
];

describe('reads and refused decisions change nothing stored', () => {
  it('GET and HEAD of every link kind at every step, its drafts, and refused POSTs; then every page of the issued permit', async () => {
    const { id, fileNumber, receiptCode, receiptUrl } = await fileCase(
      clerk,
      completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Baca Saja'),
    );
    const decided: string[] = [];
    const kinds = new Set<string>();
    const tataUsahaPages = new Set<string>();
    const handedOver: string[] = [];
    let returnedToApplicant = false;

    for (;;) {
      const link = await clerk.nextLink(fileNumber, 30_000);
      if (!link) break;
      const linkId = link.url.split('/a/')[1]!;
      const record = (await getLink(paraf.runtime.dynamo, 'paraf', linkId))!;
      expect(record.status).toBe('waiting');
      kinds.add(`${record.purpose}, step ${link.step}`);
      // Tata Usaha's own pages of a waiting link: numbering on the numbering step, handover on the handover step.
      const stepKind = paraf.runtime.sop('SOP-LP2N-PPK-01').steps.find((step) => step.no === link.step)?.kind;
      if (stepKind === 'registration-number' || stepKind === 'handover') tataUsahaPages.add(stepKind);
      await expectNoChange([
        ...getAndHead(`waiting link, step ${link.step} (${record.purpose})`, link.url, 200, fileNumber),
        ...getAndHead(
          `numbering page of the waiting link, step ${link.step}`,
          `${paraf.url}/tata-usaha/nomor/${linkId}`,
          stepKind === 'registration-number' ? 200 : 404,
        ),
        // A handover's page confirms one recorded: while its link waits, it leads to the list holding its form.
        ...getAndHead(
          `handover page of the waiting link, step ${link.step}`,
          `${paraf.url}/tata-usaha/serah-terima/${linkId}`,
          stepKind === 'handover' ? 200 : 404,
          stepKind === 'handover' ? 'Siap diserahkan' : undefined,
        ),
        ...handedOver.flatMap((id) =>
          getAndHead(
            `handover page of ${id}`,
            `${paraf.url}/tata-usaha/serah-terima/${id}`,
            200,
            'Penyerahan tercatat',
          ),
        ),
        // The draft the official is asked about (before it is drafted, a 404).
        ...getAndHead(`draft of the waiting link, step ${link.step}`, `${link.url}/dokumen/api-u`, [200, 404]),
        {
          name: `decision "maybe" on step ${link.step}`,
          url: link.url,
          method: 'POST',
          form: { decision: 'maybe' },
          status: 422,
        },
        {
          name: `a note over 2000 characters on step ${link.step}`,
          url: link.url,
          method: 'POST',
          form: { decision: 'approve', note: 'x'.repeat(2001) },
          // The handover's link takes no decision at all, whatever the note (403 handover), before the note is read.
          status: link.step === 12 ? 403 : 422,
        },
        {
          name: `return to a step that does not exist on step ${link.step}`,
          url: link.url,
          method: 'POST',
          form: { decision: 'return', returnTo: '99', note: 'ke langkah 99' },
          status: [409, 422],
        },
        {
          name: `unreadable documentData on step ${link.step}`,
          url: link.url,
          method: 'POST',
          form: { decision: 'approve', documentData: '{"api-u": ' },
          status: 422,
        },
        ...decided.flatMap((url) => [
          ...getAndHead(`decided link ${url.split('/a/')[1]}`, url, 200, 'Sudah diputuskan'),
          {
            name: `second decision on ${url.split('/a/')[1]}`,
            url,
            method: 'POST',
            form: { decision: 'approve' },
            status: 409,
          },
        ]),
        ...getAndHead('unknown link', `${paraf.url}/a/tidak-ada-tautan-ini`, 404),
        {
          name: 'decision on an unknown link',
          url: `${paraf.url}/a/tidak-ada-tautan-ini`,
          method: 'POST',
          form: { decision: 'approve' },
          status: 404,
        },
      ]);
      const returning: boolean = link.step === 9 && !returnedToApplicant;
      returnedToApplicant ||= returning;
      const answer = await clerk.decide(
        link.url,
        returning
          ? { decision: 'return', returnTo: 'applicant', note: 'Referensi bank sudah kedaluwarsa' }
          : { decision: 'approve' },
      );
      expect(answer.status, `${link.subject}: ${JSON.stringify(answer.body)}`).toBe(200);
      decided.push(link.url);
      if (stepKind === 'handover') handedOver.push(linkId);
    }
    expect((await clerk.waitForStatus(id, ['selesai', 'gagal', 'ditolak'])).status).toBe('selesai');
    // The kinds of link a licensing case mails: each reviewer's step, the drafting step, the
    // applicant's correction after a return, and the hand-over with the satisfaction survey.
    expect([...kinds]).toEqual(expect.arrayContaining(['step, step 7', 'step, step 9', 'step, step 13']));
    expect([...kinds].some((kind) => kind.startsWith('applicant-correction'))).toBe(true);
    expect([...tataUsahaPages].sort()).toEqual(['handover', 'registration-number']);
    expect(handedOver).toHaveLength(1);

    const permits = (await clerk.json(`/api/permits?nib=9120001234567&sop=SOP-LP2N-PPK-01`)).body.permits as {
      documentId: string;
      caseId: string;
    }[];
    const documentId = permits.find((p) => p.caseId === id)!.documentId;
    const pages: [string, string, number | number[], string?][] = [
      ['home', '/', 200],
      ['cek status', '/cek-status', 200],
      [
        'cek status of the case',
        `/cek-status?berkas=${encodeURIComponent(fileNumber)}&kode=${encodeURIComponent(receiptCode)}`,
        200,
        fileNumber,
      ],
      ['verification page', `/verifikasi/${documentId}`, 200, 'SAH dan berlaku'],
      ['verification of an unknown document', '/verifikasi/AAAAAAAAAAAA.api-u', 404],
      ['case', `/api/cases/${id}`, 200],
      ['receipt', receiptUrl, 200],
      ['archived receipt', `/api/cases/${id}/receipt`, 200],
      ['copy 1', `/api/permits/${documentId}/copies/1`, 200],
      ['copy 3', `/api/permits/${documentId}/copies/3`, 200],
      ['draft', `/api/permits/${documentId}/draft.docx`, 200],
      ['permit search', '/api/permits?sop=SOP-LP2N-PPK-01', 200],
      ['archive', '/arsip?nama=Baca', 200],
      ['archive entry', `/arsip/${documentId}`, 200],
      ['loket', '/loket', 200],
      ['tugas', '/tugas', 200],
      ['tata usaha', '/tata-usaha', 200],
      ['dasbor', '/dasbor', 200],
      ['outbox', '/api/outbox', 200],
      ['copy 2', `/api/permits/${documentId}/copies/2`, 200],
      ['receipt page', `/loket/tanda-terima/${id}?kode=${encodeURIComponent(receiptCode)}`, 200],
      ['receipt PDF', `/loket/tanda-terima/${id}/pdf?kode=${encodeURIComponent(receiptCode)}`, 200],
      ['kotak keluar', '/kotak-keluar', 200],
      ['sign-in', '/masuk', [200, 302, 303, 404]],
      ['staff directory', '/direktori-staf', 200],
      ['absences', '/ketidakhadiran', 200],
      ['health', '/kesehatan', 200],
      ['verification by upload', '/verifikasi', 200],
      ['history sheet in the archive', `/arsip/${documentId}/lembar-riwayat`, 200],
      ['history sheet, public part', `/verifikasi/${documentId}/lembar-riwayat`, 200],
      ['handover receipt', `/arsip/${documentId}/bukti-serah-terima`, 200],
      ['handover page', `/tata-usaha/serah-terima/${handedOver[0]}`, 200, 'Penyerahan tercatat'],
      [
        'register page',
        `/tata-usaha/register?register=berkas-SOP-LP2N-PPK-01&tahun=${witaYearMonth(new Date()).year}`,
        200,
      ],
      ['register', `/api/registers/berkas-SOP-LP2N-PPK-01/${witaYearMonth(new Date()).year}`, 200],
      ['dashboard data', '/api/dasbor', 200],
    ];
    await expectNoChange(
      pages.flatMap(([name, path, status, contains]) => getAndHead(name, `${paraf.url}${path}`, status, contains)),
    );

    // A wrong pair is counted against the client that sent it (throttle.ts, 'kode-pemohon'), so that
    // GET is no way round the count: that count is all that changes.
    const throttle = wrongReceiptCodeCount;
    // Both tries in one of the count's quarter-hour windows (throttle.ts), not one in each.
    const left = WINDOW_MS - (Date.now() % WINDOW_MS);
    if (left < 30_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
    const before = await quietState(paraf);
    for (const method of ['GET', 'HEAD']) {
      const wrong = await clerk.fetch(`${paraf.url}/cek-status?berkas=${encodeURIComponent(fileNumber)}&kode=SALAH`, {
        method,
        headers: { accept: 'text/html' },
      });
      expect(wrong.status).toBe(200);
      expect(method === 'HEAD' || (await wrong.text()).includes('Berkas tidak ditemukan')).toBe(true);
    }
    const after = await quietState(paraf);
    expect(after.items.filter((item) => !before.items.includes(item))).toEqual([
      expect.stringMatching(/"wrong":2[,}]/),
    ]);
    expect(after.items.filter((item) => !before.items.includes(item)).every(throttle)).toBe(true);
    expect({ ...after, items: after.items.filter((item) => !throttle(item)) }).toEqual({
      ...before,
      items: before.items.filter((item) => !throttle(item)),
    });
  }, 240_000);

  it('GET, HEAD and a decision on an expired link change nothing', async () => {
    const submitted = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Tautan Lama'));
    const { fileNumber } = submitted.body as { fileNumber: string };
    const link = (await clerk.nextLink(fileNumber, 30_000))!;
    await quietState(paraf);
    await expireLink(paraf, link.url);
    await expectNoChange([
      ...getAndHead('expired link', link.url, 410, 'kedaluwarsa'),
      ...getAndHead('draft of an expired link', `${link.url}/dokumen/api-u`, 404),
      {
        name: 'decision on an expired link',
        url: link.url,
        method: 'POST',
        form: { decision: 'approve' },
        status: 410,
      },
    ]);
  }, 60_000);
});
