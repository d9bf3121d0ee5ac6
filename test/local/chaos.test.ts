import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUCKET as ARCHIVE_BUCKET } from '#local/start-local.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { staffAccountsByCli } from '../support/staff-accounts.ts';
import { freePort } from '../support/paraf-process.ts';
import { copyLabels, fingerprintsShown } from '../support/served-copies.ts';

/**
 * kill -9 of the whole `npm start` process group inside the dangerous windows (intake, a decision's
 * delivery, signing, numbering), each kill placed by the process's own progress as the data folder
 * shows it (a new case folder in the archive, an execution leaving its wait for a decision, an
 * execution entering a signing or numbering state), with cases of three SOPs in flight,
 * restarting on the same data folder each time. A client that knows only the README's HTTP API
 * drives the cases, signed in as each official (accounts made by `npx paraf staf buat --semua`); the assertions read the registers, the trails and the served copies.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = tempDataDir('paraf-chaos-');
const dataDir = join(work, 'data');
const SOPS = ['SOP-LP2N-PPK-01', 'SOP-LP2N-TKT-02', 'SOP-LP2N-PAR-05'];
const CASES_PER_SOP = 11;
const KILLS = 16;
const MAX_KILLS = 48;
const WINDOWS = ['intake', 'decision', 'signing', 'numbering'] as const;
type Window = (typeof WINDOWS)[number];

let child: ChildProcess | undefined;
afterAll(async () => {
  await killGroup();
  removeDir(work);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startParaf(port: number): Promise<void> {
  const started = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PARAF_DATA: dataDir, PORT: String(port), PARAF_PUBLIC_URL: '' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Tekan Ctrl+C')) resolve();
    };
    started.stdout!.on('data', collect);
    started.stderr!.on('data', collect);
    started.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it ran:\n${output}`)));
  });
}

/** kill -9 of npm, its shell and node at once, as a power cut or `kill -9 -<pgid>` would. */
async function killGroup(): Promise<void> {
  const running = child;
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  process.kill(-running.pid!, 'SIGKILL');
  await exited;
}

/** The states each running execution has entered, read from the data folder as the kill left it. */
function executionStates(): string[] {
  const dir = join(dataDir, 'executions');
  const states: string[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json')) continue;
    try {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        status: string;
        current: { state: string };
      };
      if (record.status === 'RUNNING') states.push(record.current.state);
    } catch {
      // Being replaced at this moment (written beside, then renamed): the next look reads it.
    }
  }
  return states;
}
/** The running executions waiting for a decision (a task token out), by file, with their entry number. */
function waitingExecutions(): Map<string, number> {
  const dir = join(dataDir, 'executions');
  const waiting = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json')) continue;
    try {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        status: string;
        current: { seq: number; token?: string };
      };
      if (record.status === 'RUNNING' && record.current.token) waiting.set(file, record.current.seq);
    } catch {
      // Being replaced at this moment: the next look reads it.
    }
  }
  return waiting;
}

/** The cases whose files the archive holds, by the folders of its bucket as s3rver keeps them. */
function archivedCases(): string[] {
  const dir = join(dataDir, 's3', ARCHIVE_BUCKET, 'cases');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Polls a condition of the process's progress; after a generous ceiling the kill goes ahead anyway, counted where it lands. */
async function until(condition: () => boolean, ceilingMs = 10_000): Promise<void> {
  const deadline = Date.now() + ceilingMs;
  while (!condition() && Date.now() < deadline) await sleep(2);
}
const SIGNING = /_(Paraf|Sign|Stamp)$/;
const NUMBERING = /_Number$/;

describe('kill -9 of npm start with cases of three SOPs in flight', () => {
  it('loses no case, no decision and no number, leaves no link stuck, and every copy verifies', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const catalog = loadCatalog();
    const clerk = new Clerk(base, await staffAccountsByCli(dataDir));
    const toSubmit = SOPS.flatMap((id) =>
      Array.from({ length: CASES_PER_SOP }, (_, i) =>
        completeApplication(catalog.find((s) => s.id === id)!, `PT Uji Ketahanan ${id.slice(-6)} ${i + 1}`),
      ),
    );
    const answered = { intakes: 0, decisions: [] as { linkId: string; id: string }[], refused: [] as string[] };
    let firstFileNumber: string | undefined;
    const inFlight = { intake: 0, decision: 0 };
    const links: string[] = [];
    const seenLinks = new Set<string>();
    let lastMail: string | undefined;
    let driving = true;

    const submit = async (body: unknown, afterSend?: () => void) => {
      inFlight.intake += 1;
      try {
        const cookie = await clerk.session(clerk.staffId);
        const sent = fetch(`${base}/api/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, origin: base },
          body: JSON.stringify(body),
        });
        afterSend?.();
        const response = await sent;
        // 503: the restarted process is still starting, and says to try again.
        if (response.status === 503) return false;
        if (response.status === 201) {
          answered.intakes += 1;
          const { fileNumber, receiptCode } = (await response.json()) as { fileNumber: string; receiptCode: string };
          clerk.rememberReceipt(fileNumber, receiptCode);
          firstFileNumber ??= fileNumber;
          return true;
        } else answered.refused.push(`intake ${response.status} ${await response.text()}`);
        return true;
      } catch {
        return false; // cut off by a kill: submitted again below (a duplicate file, if the first was recorded, completes too)
      } finally {
        inFlight.intake -= 1;
      }
    };
    const approve = async (url: string, afterSend?: () => void) => {
      inFlight.decision += 1;
      try {
        // Signed in as the official the link was mailed to, with their authenticator code (a step that signs nothing ignores it).
        const official = await clerk.recipientOf(url);
        const cookie = await clerk.session(official);
        const code = await clerk.codeFor(official, url);
        const sent = fetch(url, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
            cookie,
            origin: base,
          },
          body: `decision=approve&kode=${code}`,
        });
        afterSend?.();
        const response = await sent;
        if (response.status === 503) return false;
        let body = (await response.json()) as { id?: string; error?: string };
        // The handover: Tata Usaha's page, with the applicant's receipt code (read from the receipt when the intake's answer was cut off).
        if (response.status === 403 && body.error === 'handover') {
          const handed = await clerk.handOver(url, official);
          if (handed.status === 503) return false;
          body = handed.body;
          if (handed.status === 200) return true;
          if (handed.status !== 409)
            answered.refused.push(`handover ${handed.status} ${JSON.stringify(body).slice(0, 300)}`);
          return true;
        }
        if (response.status === 200) answered.decisions.push({ linkId: url.split('/').pop()!, id: body.id! });
        else if (response.status !== 409) answered.refused.push(`decision ${response.status} ${JSON.stringify(body)}`);
        return true;
      } catch {
        return false;
      } finally {
        inFlight.decision -= 1;
      }
    };

    /** The clerks at the counter and the officials at their e-mail, all the time, whether Paraf is up or not. */
    // Until the end, not until the list first runs dry: an intake a kill cut off comes back to it later.
    const submitter = (async () => {
      while (driving) {
        const body = toSubmit.shift();
        if (!body) {
          await sleep(100);
          continue;
        }
        if (!(await submit(body))) {
          toSubmit.push(body);
          await sleep(100);
        }
        await sleep(150);
      }
    })();
    const officials = (async () => {
      while (driving) {
        try {
          const { messages } = (await (
            await clerk.fetch(`${base}/api/outbox${lastMail ? `?since=${encodeURIComponent(lastMail)}` : ''}`)
          ).json()) as { messages: { id: string; links: { url: string }[] }[] };
          for (const message of messages) {
            lastMail = message.id;
            for (const link of message.links)
              if (link.url.includes('/a/') && !seenLinks.has(link.url)) {
                seenLinks.add(link.url);
                links.push(link.url);
              }
          }
        } catch {
          await sleep(100);
          continue;
        }
        const batch = links.splice(0, 4);
        const done = await Promise.all(batch.map((url) => approve(url)));
        for (const [i, url] of batch.entries()) if (!done[i]) links.push(url);
        if (batch.length === 0) await sleep(30);
      }
    })();

    // The kills: each aimed at a window, and counted by where it actually landed.
    await startParaf(port);
    const landed: Record<Window | 'elsewhere', number> = {
      intake: 0,
      decision: 0,
      signing: 0,
      numbering: 0,
      elsewhere: 0,
    };
    const extra = (i: number) =>
      completeApplication(catalog.find((s) => s.id === SOPS[i % SOPS.length])!, `PT Uji Ketahanan Tambahan ${i}`);
    let restartsRefused = 0;
    let kills = 0;
    const killAt = async (aim: Window) => {
      kills += 1;
      // Paced by the restarted process's own progress: a request answered since it came back.
      const answeredBefore = answered.intakes + answered.decisions.length;
      await until(() => answered.intakes + answered.decisions.length > answeredBefore);
      if (aim === 'intake') {
        // Killed as soon as an intake has its file number and is archiving the application (a case
        // folder appears in the archive), before the case is recorded and its answer sent.
        const known = new Set(archivedCases());
        const body = extra(kills);
        const posted = submit(body, () => undefined);
        posted.then((ok) => ok || toSubmit.push(body));
        await until(() => archivedCases().some((caseId) => !known.has(caseId)));
      } else if (aim === 'decision') {
        await until(() => links.length > 0);
        const url = links.shift();
        if (url) {
          // Killed as soon as a decision reaches the execution waiting for it (it leaves its state),
          // before the official's answer is sent.
          const waiting = waitingExecutions();
          const posted = approve(url);
          posted.then((ok) => ok || links.push(url));
          await until(() => {
            const now = waitingExecutions();
            return [...waiting].some(([file, seq]) => now.get(file) !== seq);
          });
        }
      } else {
        const pattern = aim === 'signing' ? SIGNING : NUMBERING;
        await until(() => executionStates().some((state) => pattern.test(state)));
      }
      const intakesCut = inFlight.intake;
      const decisionsCut = inFlight.decision;
      await killGroup();
      const states = executionStates();
      if (intakesCut) landed.intake += 1;
      if (decisionsCut) landed.decision += 1;
      if (states.some((state) => SIGNING.test(state))) landed.signing += 1;
      if (states.some((state) => NUMBERING.test(state))) landed.numbering += 1;
      if (!intakesCut && !decisionsCut && !states.some((state) => SIGNING.test(state) || NUMBERING.test(state)))
        landed.elsewhere += 1;
      // Restarted at once: the lock of the process just killed must not hold it back.
      await startParaf(port).catch(async (error: Error) => {
        restartsRefused += 1;
        throw error;
      });
    };
    for (let kill = 0; kill < KILLS; kill += 1) await killAt(WINDOWS[kill % WINDOWS.length]!);
    // A window no kill has landed in yet (the process passed it between the look and the kill) is
    // aimed at again, up to MAX_KILLS in all: that every window is hit rests on a bound, not one chance.
    for (
      let missed = WINDOWS.find((w) => !landed[w]);
      missed && kills < MAX_KILLS;
      missed = WINDOWS.find((w) => !landed[w])
    )
      await killAt(missed);

    // Everything submitted, then every case of every register driven to its end. Waited for as long
    // as the cases move: the test is of what survives, not of speed (two cores, shared with the rest
    // of the suite, finish them in anything from one to five minutes). A case stuck for good shows as
    // no step recorded by any open case for three minutes.
    // The registers' year is the one the numbers were given in, as the first file number names it (<SOP>/<year>/<n>).
    const year = Number(firstFileNumber?.split('/')[1]);
    expect(year, `the year of ${firstFileNumber}`).toBeGreaterThan(2000);
    const fileRegisters = SOPS.map((id) => `berkas-${id}`);
    const STILL_FOR = 180_000;
    let open: string[] = [];
    let progress = '';
    let movedAt = Date.now();
    for (;;) {
      await sleep(500);
      if (toSubmit.length) continue;
      open = [];
      let steps = 0;
      for (const register of fileRegisters) {
        const book = (await (await clerk.fetch(`${base}/api/registers/${register}/${year}`)).json()) as {
          entries: { caseId: string; status: string }[];
        };
        for (const entry of book.entries.filter((e) => e.status === 'terpakai')) {
          const record = (await (await clerk.fetch(`${base}/api/cases/${entry.caseId}`)).json()) as {
            status: string;
            history: unknown[];
          };
          steps += record.history.length;
          if (record.status !== 'selesai') open.push(`${entry.caseId}:${record.status}`);
        }
      }
      const now = `${open.join()}|${steps}`;
      if (now !== progress) [progress, movedAt] = [now, Date.now()];
      if (open.length === 0 || Date.now() - movedAt > STILL_FOR) break;
    }
    driving = false;
    await Promise.all([submitter, officials]);
    console.log(
      `chaos: ${kills} kills (landed in intake ${landed.intake}, decision ${landed.decision}, signing ${landed.signing}, numbering ${landed.numbering}, elsewhere ${landed.elsewhere}); ${answered.intakes} intakes and ${answered.decisions.length} decisions answered 2xx`,
    );

    expect(restartsRefused).toBe(0);
    expect(open, 'cases not completed').toEqual([]);
    expect(answered.refused).toEqual([]);
    for (const window of WINDOWS)
      expect(landed[window], `kills that landed in ${window}: ${JSON.stringify(landed)}`).toBeGreaterThan(0);

    // Registers: every number from 1 to the last is used by a case that exists, or void with its reason; none twice.
    const { registers } = (await (await clerk.fetch(`${base}/api/registers`)).json()) as {
      registers: { id: string }[];
    };
    const histories = new Map<string, { actionId: string }[]>();
    let cases = 0;
    let voided = 0;
    for (const { id } of registers) {
      const book = (await (await clerk.fetch(`${base}/api/registers/${id}/${year}`)).json()) as {
        last: number;
        inFlight: number[];
        entries: { seq: number; status: string; reason?: string; caseId: string; documentKind: string }[];
      };
      expect(book.inFlight, id).toEqual([]);
      expect(
        book.entries.map((entry) => entry.seq),
        id,
      ).toEqual(Array.from({ length: book.last }, (_, i) => i + 1));
      expect(
        new Set(book.entries.map((entry) => `${entry.caseId}#${entry.documentKind}`)).size,
        `${id}: a case's document numbered twice`,
      ).toBe(book.entries.length);
      for (const entry of book.entries) {
        if (entry.status === 'batal') {
          expect(entry.reason, `${id} ${entry.seq}`).toMatch(/\w{10}/);
          voided += 1;
          continue;
        }
        const record = (await (await clerk.fetch(`${base}/api/cases/${entry.caseId}`)).json()) as {
          status: string;
          history: { actionId: string }[];
        };
        expect(record.status, `${id} ${entry.seq} ${entry.caseId}`).toBe('selesai');
        if (id.startsWith('berkas-')) {
          histories.set(entry.caseId, record.history);
          cases += 1;
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(SOPS.length * CASES_PER_SOP);

    // Every decision answered 2xx is in the trail exactly once.
    const recorded = new Map<string, number>();
    for (const history of histories.values())
      for (const event of history) recorded.set(event.actionId, (recorded.get(event.actionId) ?? 0) + 1);
    const missing = answered.decisions.filter((decision) => recorded.get(decision.id) !== 1);
    expect(missing, 'decisions answered 2xx but not in the trail exactly once').toEqual([]);

    // No link is stuck: every link ever e-mailed is decided now that every case is done.
    const waiting: string[] = [];
    for (const url of seenLinks)
      if (!(await (await clerk.fetch(url)).text()).includes('Sudah diputuskan')) waiting.push(url);
    expect(waiting).toEqual([]);

    // Every copy served verifies in poppler with the development CA trusted, with the signatures it should carry.
    const nss = join(work, 'nss');
    mkdirSync(nss);
    spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    expect(
      spawnSync('certutil', [
        '-A',
        '-d',
        `sql:${nss}`,
        '-n',
        'paraf-dev-ca',
        '-t',
        'CT,C,C',
        '-i',
        join(dataDir, 'pki', 'ca.cert.pem'),
      ]).status,
    ).toBe(0);
    let copies = 0;
    for (const sop of SOPS) {
      const { permits } = (await (await clerk.fetch(`${base}/api/permits?sop=${sop}&limit=500`)).json()) as {
        permits: { documentId: string; kind: string; signers: { reason: string }[] }[];
      };
      for (const permit of permits) {
        const shown = await fingerprintsShown(base, permit.documentId);
        // A permit's three copies; one sheet of a letter the catalog issues once (PAR-05's surat pengantar).
        const single = catalog.find((s) => s.id === sop)!.documents.find((d) => d.kind === permit.kind)!.copies === 1;
        expect([...shown.keys()]).toEqual(single ? [1] : [1, 2, 3]);
        for (const n of shown.keys()) {
          const file = join(work, `${permit.documentId}-${n}.pdf`);
          const bytes = Buffer.from(
            await (await clerk.fetch(`${base}/api/permits/${permit.documentId}/copies/${n}`)).arrayBuffer(),
          );
          writeFileSync(file, bytes);
          // The copy asked for, as the verification page fingerprints it.
          const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
          expect({ file, labels: copyLabels(text) }).toEqual({ file, labels: single ? [] : [n] });
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          expect({ file, sha256 }).toEqual({ file, sha256: shown.get(n) });
          const report = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' }).stdout;
          const expected =
            n === 1 ? permit.signers.length : permit.signers.filter((signer) => signer.reason !== 'Paraf').length;
          // The officials' signatures and the document timestamp after them (PAdES B-LTA).
          expect(report.match(/Signature #\d+/g), `${file}\n${report}`).toHaveLength(expected + 1);
          expect(report.match(/Signature Type: ETSI\.CAdES\.detached/g), report).toHaveLength(expected);
          expect(report.match(/Signature is Valid\./g), report).toHaveLength(expected);
          expect(report.match(/Certificate is Trusted\./g), report).toHaveLength(expected);
          copies += 1;
        }
      }
    }
    // PAR-05's cases issue a letter (one sheet) and the recommendation (three copies): four copies each.
    expect(copies).toBeGreaterThanOrEqual(CASES_PER_SOP * (3 + 3 + 4));
    console.log(
      `chaos: ${cases} cases completed, ${voided} numbers voided with a reason, ${answered.decisions.length} decisions each once in the trail, ${seenLinks.size} links none waiting, ${copies} copies verified by pdfsig`,
    );
    await killGroup();
  }, 1_500_000);
});
