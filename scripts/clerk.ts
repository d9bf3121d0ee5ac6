import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { officeClock } from '#clock/add-working-days.ts';
import { scheduledDay } from '#clock/scheduled-day.ts';
import { checkRequirements } from '#sop/check-requirements.ts';
import { BUILT_FROM_CASE } from '#documents/document-data.ts';
import type { Sop } from '#sop/schema.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export const tempDataDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  links: { label: string; url: string }[];
}

/** A person at a browser, over HTTP only: submits a case, reads the outbox, clicks the links. */
export class Clerk {
  private readonly seen = new Set<string>();

  constructor(readonly baseUrl: string) {}

  async json(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.baseUrl}${path}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  submit(body: unknown) {
    return this.json('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private readonly mail: OutboxMessage[] = [];
  private fetching: Promise<void> | undefined;

  /** Every e-mail sent so far; reads only what is new since the last look, one look at a time. */
  async outbox(): Promise<OutboxMessage[]> {
    this.fetching ??= (async () => {
      const since = this.mail.at(-1)?.id;
      const { body } = await this.json(`/api/outbox${since ? `?since=${encodeURIComponent(since)}` : ''}`);
      this.mail.push(...(body.messages as OutboxMessage[]));
    })().finally(() => (this.fetching = undefined));
    await this.fetching;
    return this.mail;
  }

  /** The next unread e-mail about this file that carries a link, waiting for it as an official would. */
  async nextLink(
    fileNumber: string,
    timeoutMs = 15_000,
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

  /** Posts the approval page's form, as the button would, asking for the JSON answer. */
  async decide(
    url: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async waitForStatus(caseId: string, statuses: string[], timeoutMs = 15_000): Promise<Record<string, unknown>> {
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
    sop.documents
      .filter((doc) => !BUILT_FROM_CASE.includes(doc.kind))
      .map((doc) => [doc.kind, JSON.parse(readFileSync(join(root, 'examples', `${doc.kind}.json`), 'utf8'))]),
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
    },
    form: { facts, documents },
    requirements,
  };
}

/**
 * The examples carry fixed dates; a step scheduled by a document (the inspection on the Surat
 * Tugas's date) must be on a date the SOP allows when its letter is issued. Every date of that
 * document moves by the same days, so their order (start before end) holds.
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
    documents[schedule.document] = JSON.parse(JSON.stringify(documents[schedule.document]), (_key, value) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? move(value) : value,
    );
  }
}
