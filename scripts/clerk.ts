import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { officeClock } from '#clock/add-working-days.ts';
import { scheduledDay } from '#clock/scheduled-day.ts';
import { checkRequirements } from '#sop/check-requirements.ts';
import { BUILT_FROM_CASE } from '#documents/document-data.ts';
import type { Sop } from '#sop/schema.ts';
import { currentTotp } from '#identity/totp.ts';
import { readStaffFile } from '#config/read-config.ts';

/** How long a wait for the runtime goes on before it gives up: far above what any step takes. */
const WAIT_CEILING_MS = 120_000;

const root = fileURLToPath(new URL('..', import.meta.url));

export const tempDataDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  links: { label: string; url: string }[];
}

/** Each official's password and authenticator key, as `npx paraf staf buat` hands them out. */
export type StaffCredentials = Record<string, { password: string; totpSecret: string }>;

/**
 * Officials by e-mail address, from the staff directory: an e-mailed link is acted on by the official it was sent to.
 * Read as plain JSON (the runtime checks the file), so Clerk needs no catalog.
 */
function officialsByEmail(): Map<string, string> {
  const file = readStaffFile();
  const { staff } = JSON.parse(readFileSync(file, 'utf8')) as { staff: { id: string; email: string }[] };
  return new Map(staff.map((o) => [o.email, o.id]));
}

/**
 * People at browsers, over HTTP only: submits a case, reads the outbox, clicks the links. Each link
 * is acted on by the official it was e-mailed to, signed in with their own password and
 * authenticator code (`credentials`); a signature gets that official's current code. Without
 * credentials (a fresh `npm start`, `npm run demo`) it uses the demo sign-in and the code it shows.
 * Staff pages and the API are read as `staffId` (the front office by default), each area's own
 * pages as an official of that area (Tata Usaha's, the archive's and the dashboard's: Tata Usaha).
 */
export class Clerk {
  private readonly seen = new Set<string>();
  private readonly sessions = new Map<string, Promise<string>>();
  private readonly byEmail = officialsByEmail();
  /** Who each link was e-mailed to, from the outbox. */
  private readonly recipients = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly credentials?: StaffCredentials,
    readonly staffId = 'loket',
  ) {}

  /** Every official with credentials signs in now (a session is a write: tests comparing stored state do this first). */
  async signInAll(): Promise<this> {
    await Promise.all(Object.keys(this.credentials ?? {}).map((id) => this.session(id)));
    return this;
  }

  /** The session cookie of `officialId`, signing in once. */
  session(officialId: string): Promise<string> {
    let session = this.sessions.get(officialId);
    if (!session) {
      session = this.signIn(officialId);
      this.sessions.set(officialId, session);
      session.catch(() => this.sessions.delete(officialId));
    }
    return session;
  }

  private async signIn(officialId: string): Promise<string> {
    const account = this.credentials?.[officialId];
    if (this.credentials && !account) throw new Error(`Clerk: no credentials for ${officialId}`);
    const response = await fetch(`${this.baseUrl}${account ? '/masuk' : '/masuk/demo'}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl },
      body: new URLSearchParams(
        account
          ? { pejabat: officialId, kata_sandi: account.password, kode: currentTotp(account.totpSecret) }
          : { pejabat: officialId },
      ),
    });
    const cookie = response.headers
      .getSetCookie()
      .find((header) => header.startsWith('paraf_sesi='))
      ?.split(';')[0];
    if (response.status !== 303 || !cookie)
      throw new Error(`Clerk: ${officialId} could not sign in (${response.status})`);
    if (!account) return cookie;
    // An account `npx paraf staf buat` made: the official chooses their own password first (change-password.ts),
    // then enrols a key of their own (enrol-authenticator.ts).
    let session = cookie;
    let landing = response.headers.get('location') ?? '';
    if (landing.startsWith('/kata-sandi')) {
      session = await this.choosePassword(officialId, account, session);
      landing = (await this.get('/tugas', session)).headers.get('location') ?? '';
    }
    if (landing.startsWith('/autentikator')) session = await this.enrolAuthenticator(officialId, account, session);
    return session;
  }

  private get(path: string, cookie: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { redirect: 'manual', headers: { accept: 'text/html', cookie } });
  }

  /** A form posted as the official's browser does, and the session cookie it answered with (a change replaces the session). */
  private async post(path: string, cookie: string, form: Record<string, string>) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl, cookie },
      body: new URLSearchParams(form),
    });
    const fresh = response.headers
      .getSetCookie()
      .filter((header) => header.startsWith('paraf_sesi='))
      .at(-1)
      ?.split(';')[0];
    return { status: response.status, fresh };
  }

  /**
   * The first sign-in's enrolment of a key of the official's own, read off the page as the official
   * types it into their authenticator; the Clerk's codes come from the new key from then on.
   */
  private async enrolAuthenticator(officialId: string, account: { totpSecret: string }, cookie: string) {
    const page = await (await this.get('/autentikator', cookie)).text();
    const secret = /id="kunci-baru">([A-Z2-7 ]+)</.exec(page)?.[1]?.replaceAll(' ', '');
    if (!secret) throw new Error(`Clerk: ${officialId}'s enrolment page shows no key`);
    const { status, fresh } = await this.post('/autentikator', cookie, { kode_baru: currentTotp(secret) });
    if (status !== 303 || !fresh) throw new Error(`Clerk: ${officialId} could not enrol a key (${status})`);
    account.totpSecret = secret;
    return fresh;
  }

  /** The first sign-in's change of password, as the official does it; the Clerk signs in with the new one from then on. */
  private async choosePassword(officialId: string, account: { password: string }, cookie: string): Promise<string> {
    const chosen = `${account.password}-Sendiri-1`;
    const { status, fresh } = await this.post('/kata-sandi', cookie, {
      kata_sandi_lama: account.password,
      kata_sandi_baru: chosen,
      ulangi_kata_sandi: chosen,
    });
    if (status !== 303 || !fresh) throw new Error(`Clerk: ${officialId} could not choose a password (${status})`);
    account.password = chosen;
    return fresh;
  }

  /**
   * A request as `officialId`: their session cookie, and this site as the Origin of a browser. By
   * default an e-mailed link (/a/...) is opened by the official it was sent to, anything else by the staff default.
   */
  async fetch(pathOrUrl: string, init: RequestInit = {}, officialId?: string): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const link = /^(.*\/a\/[^/?#]+)/.exec(url)?.[1];
    officialId ??= link ? await this.recipientOf(link).catch(() => this.staffId) : this.staffFor(url);
    return fetch(url, {
      ...init,
      headers: {
        cookie: await this.session(officialId),
        origin: this.baseUrl,
        ...(init.headers as Record<string, string>),
      },
    });
  }

  /** Who reads a staff path: the clerk's own staff, or Tata Usaha on the pages of its area (identity/staff-areas.ts). */
  private staffFor(url: string): string {
    if (this.staffId !== 'loket') return this.staffId;
    const path = new URL(url).pathname;
    return /^\/(tata-usaha|arsip|dasbor)(\/|$)|^\/api\/(registers|permits|dasbor)(\/|$)/.test(path)
      ? 'tata-usaha'
      : this.staffId;
  }

  async json(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.fetch(path, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Who a link was e-mailed to (the outbox says), as an official's id. */
  async recipientOf(url: string): Promise<string> {
    // By path: a restarted runtime on another port serves the same links.
    const path = new URL(url).pathname;
    if (!this.recipients.has(path)) await this.outbox();
    const id = this.recipients.get(path);
    if (!id) throw new Error(`Clerk: no e-mail carries ${url}`);
    return id;
  }

  /** The current authenticator code of an official: from their key, or as the demo's page shows it. */
  async codeFor(officialId: string, url: string): Promise<string> {
    const account = this.credentials?.[officialId];
    if (account) return currentTotp(account.totpSecret);
    const page = await (await this.fetch(url, { headers: { accept: 'text/html' } }, officialId)).text();
    return /id="kode-demo">(\d{6})</.exec(page)?.[1] ?? '';
  }

  /** The receipt codes of the cases this clerk submitted, by file number: the applicant brings it to the handover. */
  private readonly receipts = new Map<string, string>();

  async submit(body: unknown) {
    const answer = await this.json('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (typeof answer.body.fileNumber === 'string' && typeof answer.body.receiptCode === 'string')
      this.receipts.set(answer.body.fileNumber, answer.body.receiptCode);
    return answer;
  }

  /** A receipt code this clerk did not take itself (a case submitted some other way). */
  rememberReceipt(fileNumber: string, receiptCode: string) {
    this.receipts.set(fileNumber, receiptCode);
  }

  private readonly mail: OutboxMessage[] = [];
  private fetching: Promise<void> | undefined;

  /** Every e-mail sent so far; reads only what is new since the last look, one look at a time. */
  async outbox(): Promise<OutboxMessage[]> {
    this.fetching ??= (async () => {
      const since = this.mail.at(-1)?.id;
      const { body } = await this.json(`/api/outbox${since ? `?since=${encodeURIComponent(since)}` : ''}`);
      const fresh = body.messages as OutboxMessage[];
      for (const message of fresh)
        for (const link of message.links) {
          const id = this.byEmail.get(message.to);
          if (id) this.recipients.set(new URL(link.url).pathname, id);
        }
      this.mail.push(...fresh);
    })().finally(() => (this.fetching = undefined));
    await this.fetching;
    return this.mail;
  }

  /**
   * The next unread e-mail about this file that carries a link, waiting for it as an official would;
   * undefined after `timeoutMs`, a ceiling, not a budget (a signing step takes tens of seconds on a
   * loaded two-core machine).
   */
  async nextLink(
    fileNumber: string,
    timeoutMs = WAIT_CEILING_MS,
  ): Promise<{ step: number; url: string; subject: string } | undefined> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const mail = (await this.outbox()).find(
        (m) => !this.seen.has(m.id) && m.subject.includes(`Berkas ${fileNumber}:`) && m.links.length > 0,
      );
      const [link] = mail?.links ?? [];
      if (mail && link) {
        this.seen.add(mail.id);
        return {
          step: Number(/langkah (\d+)/.exec(mail.subject)?.[1]),
          url: link.url,
          subject: mail.subject,
        };
      }
      if (Date.now() >= until) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  /**
   * Posts the approval page's form, as the button would, asking for the JSON answer: signed in as
   * the official the link was e-mailed to (or `as`), with their current authenticator code when
   * approving (a step that signs nothing ignores it), unless `fields` brings its own `kode`.
   */
  async decide(
    url: string,
    fields: Record<string, string>,
    as?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const official = as ?? (await this.recipientOf(url));
    const code: Record<string, string> =
      fields.decision === 'approve' && !('kode' in fields) ? { kode: await this.codeFor(official, url) } : {};
    const response = await this.fetch(
      url,
      {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, ...code }),
      },
      official,
    );
    const body = (await response.json()) as Record<string, unknown>;
    // The handover is not the link's to take: Tata Usaha records it on its page, against the applicant's receipt code.
    if (response.status === 403 && body.error === 'handover' && fields.decision === 'approve')
      return this.handOver(url, official);
    return { status: response.status, body };
  }

  /** Tata Usaha's handover form, as its page posts it: who collected, and the code on the applicant's receipt. */
  async handOver(url: string, official?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const message = this.mail.find((m) => m.links.some((link) => new URL(link.url).pathname === new URL(url).pathname));
    const fileNumber = /Berkas (\S+):/.exec(message?.subject ?? '')?.[1] ?? '';
    const code = this.receipts.get(fileNumber) ?? (await this.receiptCodeFromMail(fileNumber));
    if (!code) throw new Error(`Clerk: no receipt code for ${fileNumber}`);
    const { pathname } = new URL(url);
    const linkId = pathname.slice(pathname.lastIndexOf('/') + 1);
    const response = await this.fetch(
      `/tata-usaha/serah-terima/${linkId}`,
      {
        method: 'POST',
        redirect: 'manual',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ penerima: 'Pemohon (dengan tanda terima)', kode: code }),
      },
      official ?? (await this.recipientOf(url)),
    );
    return response.status === 303
      ? { status: 200, body: { decided: 'disetujui', via: 'tata-usaha' } }
      : { status: response.status, body: { error: 'handover', message: await response.text() } };
  }

  /**
   * The receipt code of a case whose intake answer this clerk never read (cut off by a kill, or read
   * by the Paraf a backup was taken from), as the applicant holds it: from the link to their page in
   * the e-mail sent to them at intake. The office's archived receipt prints no code.
   */
  private async receiptCodeFromMail(fileNumber: string): Promise<string | undefined> {
    for (const message of await this.outbox())
      for (const link of message.links) {
        const url = new URL(link.url);
        if (url.pathname === '/pemohon' && url.searchParams.get('berkas') === fileNumber)
          return url.searchParams.get('kode') ?? undefined;
      }
    return undefined;
  }

  /** The case once it has one of `statuses`, or as it stands after `timeoutMs` (a ceiling, as nextLink's). */
  async waitForStatus(
    caseId: string,
    statuses: string[],
    timeoutMs = WAIT_CEILING_MS,
  ): Promise<Record<string, unknown>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.json(`/api/cases/${caseId}`);
      if (statuses.includes(String(body.status)) || Date.now() > until) return body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * A complete application of any SOP, as the counter would take it: every fact answered (no
 * conditional circumstance applies), every required item handed in, the example data of each
 * document the SOP drafts.
 */
export function completeApplication(sop: Sop, company = 'PT Mahakam Niaga Sentosa') {
  // The least each integer fact allows, so a bound between facts (API-U's signatories who are not directors) holds.
  const facts = Object.fromEntries(
    sop.facts.map((fact) => [fact.id, fact.type === 'boolean' ? false : (fact.min ?? 1)]),
  );
  const requirements = checkRequirements(sop, facts, []).required.map((item) => item.id);
  const documents = Object.fromEntries(
    sop.documents.filter((doc) => !BUILT_FROM_CASE.includes(doc.kind)).map((doc) => [doc.kind, exampleDraft(doc.kind)]),
  );
  scheduleFromToday(sop, documents);
  return {
    sop: sop.id,
    applicant: {
      name: company,
      nib: '9120001234567',
      npwp: '01.234.567.8-722.000',
      address: 'Jalan Jenderal Sudirman Nomor 12, Samarinda',
      email: 'pemohon@mahakam.test',
      phone: '0541 123456',
    },
    form: { facts, documents },
    requirements,
  };
}

/**
 * The examples carry fixed dates; a step scheduled by a document (the inspection on the Surat
 * Tugas's date) must be on a date the SOP allows when its letter is issued. Every date of the case's
 * documents moves by the same days, so their order (start before end, the notice within the letter's days) holds.
 */
function scheduleFromToday(sop: Sop, documents: Record<string, unknown>) {
  for (const step of sop.steps) {
    const schedule = step.scheduledBy;
    const given = scheduledDay(step, documents);
    if (!schedule || !given) continue;
    // One working day more than the least, so a case that crosses midnight still passes.
    const wanted = officeClock().addWorkingDays(new Date(), schedule.minWorkingDaysAfter + 1);
    const shift = (Date.parse(wanted) - Date.parse(given)) / 86_400_000;
    const move = (day: string) => new Date(Date.parse(day) + shift * 86_400_000).toISOString().slice(0, 10);
    // Every document of the case moves together: the notice and the minutes of the inspection fall within
    // the Surat Tugas's days (cases/rules/inspection-dates.ts), as the examples have them.
    for (const kind of Object.keys(documents))
      documents[kind] = JSON.parse(JSON.stringify(documents[kind]), (_key, value) =>
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? move(value) : value,
      );
  }
}

/**
 * A kind's example data as a drafter gives it: without the signature block, which Paraf prints from
 * the staff directory (the examples carry one for `npx paraf render`, which renders without a case).
 */
export function exampleDraft(kind: string): Record<string, unknown> {
  const { penandatangan: _signer, ...draft } = JSON.parse(
    readFileSync(join(root, 'examples', `${kind}.json`), 'utf8'),
  ) as Record<string, unknown>;
  return draft;
}
