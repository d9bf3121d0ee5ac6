import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS_BUSY } from '#identity/signing-factor.ts';
import { giveTryBack, MAX_FAILURES, takeTry } from '#identity/throttle.ts';
import { currentTotp } from '#identity/totp.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import { Clerk, completeApplication, removeDir, tempDataDir, type StaffCredentials } from '../../scripts/clerk.ts';
import { staffAccounts } from '../support/staff-accounts.ts';
import { expectNothingChanged, quietState } from '../support/stored-state.ts';
import { copyLabels, trustedSignatureCount } from '../support/served-copies.ts';
import { checkAtBothWidths, launchChromium, submitByClick } from '../support/as-a-person.ts';

/** Issue 14: who may act on a link, the signer's own factor, and the web's hardening; in Chromium where a person acts. */
const dataDir = tempDataDir('paraf-who-');
const shots = process.env.PARAF_SCREENSHOTS;
let paraf: LocalParaf;
let browser: Browser;
let credentials: StaffCredentials;
let clerk: Clerk;
let attacker: Server;
let attackerPort: number;

beforeAll(async () => {
  // No PARAF_PUBLIC_URL: the e-mailed links point to where it listens, on loopback.
  paraf = await startLocal({ dataDir, port: 0, env: {} });
  credentials = await staffAccounts(paraf);
  clerk = await new Clerk(paraf.url, credentials).signInAll();
  browser = await launchChromium();
  // Another site (localhost is another site than 127.0.0.1): its page posts a form at Paraf.
  attacker = createServer((req, res) => {
    const target = decodeURIComponent((req.url ?? '/').slice(1));
    res.setHeader('content-type', 'text/html');
    res.end(
      `<!doctype html><form method="post" action="${target}"><input type="hidden" name="decision" value="approve"><button>Menang hadiah</button></form>`,
    );
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  attackerPort = (attacker.address() as { port: number }).port;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => attacker?.close(done));
  await paraf?.close();
  removeDir(dataDir);
});

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 915 } });
  return context.newPage();
}

async function snap(page: Page, name: string) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, official: string, code = currentTotp(credentials[official]!.totpSecret)) {
  await page.goto(`${paraf.url}/masuk`);
  await page.selectOption('#pejabat', official);
  await page.fill('#kata-sandi', credentials[official]!.password);
  await page.fill('#kode', code);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** A case of API-U walked by the clerk up to the step asked, whose link is returned. */
/** A case waiting at `step`, and a page of `width` px signed in as `official`. */
async function signedInAtCase(step: number, width: number, official: string) {
  const at = await caseAt(step);
  const page = await newPage(width);
  await signIn(page, official);
  return { ...at, page };
}

async function caseAt(step: number): Promise<{ url: string; fileNumber: string }> {
  const { body } = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')));
  const fileNumber = body.fileNumber as string;
  for (;;) {
    const link = (await clerk.nextLink(fileNumber, 30_000))!;
    if (link.step === step) return { url: link.url, fileNumber };
    expect((await clerk.decide(link.url, { decision: 'approve' })).status, link.subject).toBe(200);
  }
}

/** The copy's signatures, pdfsig trusting the office CA (not -nocert): each must be valid and trusted. */
const signatureCount = (pdf: Buffer) => trustedSignatureCount(pdf, join(dataDir, 'pki', 'ca.cert.pem'));

describe('who may sign (issue 14)', () => {
  it('signs an official in with password and authenticator code, and refuses a wrong code', async () => {
    for (const width of [1280, 412]) {
      const page = await newPage(width);
      await page.goto(`${paraf.url}/tugas`);
      expect(new URL(page.url()).pathname).toBe('/masuk');
      await snap(page, `masuk-${width}`);
      await signIn(page, 'kasi-layanan', '000000');
      expect(await page.locator('p.error').innerText()).toBe('Nama, kata sandi, atau kode autentikator salah.');
      await signIn(page, 'kasi-layanan');
      await page.goto(`${paraf.url}/tugas`);
      expect(await page.locator('h1').innerText()).toBe('Tugas saya: Ir. Ahmad Fauzi');
      const session = (await page.context().cookies()).find((c) => c.name === 'paraf_sesi')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(session.expires).toBeGreaterThan(Date.now() / 1000);
      // The cookie names its official, who is bound to the session: the same secret under another
      // official's name, or alone, opens nothing.
      expect(session.value).toMatch(/^kasi-layanan\.[\w-]{43}$/);
      const outboxWith = async (value: string) =>
        (await fetch(`${paraf.url}/api/outbox`, { headers: { cookie: `paraf_sesi=${value}` } })).status;
      expect(await outboxWith(session.value)).toBe(200);
      expect(await outboxWith(session.value.replace('kasi-layanan.', 'kepala.'))).toBe(401);
      expect(await outboxWith(session.value.slice('kasi-layanan.'.length))).toBe(401);
      // Signing out ends the session on the server: the same cookie opens nothing afterwards.
      await page.goto(`${paraf.url}/keluar`);
      await page.locator('main').getByRole('button', { name: 'Keluar' }).click();
      expect(await outboxWith(session.value)).toBe(401);
      await page.context().close();
    }
  }, 60_000);

  it('shows a link to the wrong person, or to nobody signed in, and changes nothing', async () => {
    const { url } = await caseAt(8);
    const page = await newPage(412);
    await expectNothingChanged(paraf, 'the Kasi’s link opened signed out and by another official', async () => {
      await page.goto(url);
      const notice = await page.locator('p.notice', { hasText: 'Langkah ini diminta kepada' }).innerText();
      expect(notice).toContain('Langkah ini diminta kepada Ir. Ahmad Fauzi');
      // A name ending in a degree ("S.Kom.") closes the sentence itself.
      expect(notice).not.toContain('..');
      expect(await page.locator('form[method=post]').count()).toBe(0);
      expect(await page.locator('iframe').count()).toBe(0);
      await snap(page, 'tautan-belum-masuk-412');
      const posted = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=approve',
      });
      expect(posted.status).toBe(403);
      const other = await clerk.decide(url, { decision: 'approve' }, 'kabid-layanan');
      expect(other.status).toBe(403);
      expect(other.body.message).toContain('Anda masuk sebagai pejabat lain; tidak ada yang diubah.');
      expect((await clerk.fetch(`${url}/dokumen/api-u`, {}, 'kabid-layanan')).status).toBe(404);
    });
    // Signed in as another official: the page offers the sign-in of the one asked, which says who is signed in now.
    await signIn(page, 'kabid-layanan');
    await page.goto(url);
    await page.getByRole('link', { name: 'Masuk sebagai Ir. Ahmad Fauzi' }).click();
    expect(new URL(page.url()).searchParams.get('lanjut')).toBe(new URL(url).pathname);
    expect(await page.locator('p.notice').first().innerText()).toMatch(
      /^Anda sedang masuk sebagai Hj\. Nurul Aini, S\.H\., M\.H\. Masuk/,
    );
    await snap(page, 'masuk-berganti-akun-412');
    await page.context().close();
  }, 120_000);

  it('shows the checker what the counter recorded: the applicant and each requirement, handed in or not', async () => {
    const { url, page } = await signedInAtCase(6, 412, 'pemrosesan');
    await page.goto(url);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Permohonan yang dicatat loket');
    expect(main).toContain('PT Mahakam Niaga Sentosa');
    expect(main).toMatch(/NIB\s+9120001234567/);
    expect(main).toMatch(/Persyaratan\n[\s\S]*1\. .+: ada/);
    // The checklist's answers, which decide which requirements apply.
    expect(await page.locator('#keadaan-permohonan').innerText()).toContain(
      'Permohonan perubahan API-U yang sudah ada: tidak',
    );
    expect(await page.locator('#keadaan-permohonan').innerText()).toContain('Jumlah penandatangan API-U: 1');
    await snap(page, 'langkah-6-permohonan-412');
    await page.context().close();
  }, 120_000);

  it('asks the signer for a fresh authenticator code: a wrong one signs nothing and is in the trail', async () => {
    const { url, fileNumber, page } = await signedInAtCase(8, 1280, 'kasi-layanan');
    await page.goto(url);
    const copyBefore = Buffer.from(await (await clerk.fetch(`${url}/dokumen/api-u`, {}, 'kasi-layanan')).arrayBuffer());
    const before = await signatureCount(copyBefore);
    await page.fill(
      '#kode-ttd',
      '123456' === currentTotp(credentials['kasi-layanan']!.totpSecret) ? '654321' : '123456',
    );
    await page.fill('#note-approve', 'Sudah diperiksa sesuai referensi bank devisa');
    await snap(page, 'kode-ttd-1280');
    const approve = page.locator('form.card', { has: page.locator('input[value=approve]') }).locator('button');
    expect((await submitByClick(page, approve)).status()).toBe(403);
    // The same step's page comes back with the reason on top and the note as typed.
    expect(await page.locator('#note-approve').inputValue()).toBe('Sudah diperiksa sesuai referensi bank devisa');
    expect(await page.locator('#penolakan').innerText()).toContain('Catatan Anda masih ada di bawah.');
    expect(await page.locator('p.error').innerText()).toContain(
      'Kode autentikator salah atau sudah berganti (kodenya berganti tiap 30 detik). Tidak ada yang ditandatangani',
    );
    // The official is told how many tries the throttle still takes.
    expect(await page.locator('p.error').innerText()).toMatch(
      /Sisa percobaan: [1-4]; sesudah itu kode autentikator Anda tidak diterima sampai pukul \d{2}\.\d{2} WITA\. Catatan Anda masih ada di bawah\.$/,
    );
    await snap(page, 'kode-salah-1280');
    // The reason is said at the code field too, which takes the focus and is on screen: the top is far above it.
    expect(await page.evaluate('document.activeElement.id')).toBe('kode-ttd');
    expect(await page.locator('#kode-ttd').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kode-ttd').getAttribute('aria-describedby')).toBe('kode-ttd-salah');
    expect(await page.locator('#kode-ttd-salah').innerText()).toContain('Kode autentikator salah atau sudah berganti');
    expect(
      await page.evaluate(
        "(() => { const box = document.getElementById('kode-ttd').getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })()",
      ),
    ).toBe(true);
    const after = Buffer.from(await (await clerk.fetch(`${url}/dokumen/api-u`, {}, 'kasi-layanan')).arrayBuffer());
    expect(await signatureCount(after)).toBe(before);
    const id = new URL(url).pathname.split('/').at(-1)!;
    const link = await (await import('#records/links.ts')).getLink(paraf.runtime.dynamo, 'paraf', id);
    expect(link!.status).toBe('waiting');
    const trail = (await clerk.json(`/api/cases/${link!.caseId}`)).body.history as { action: string }[];
    expect(trail.map((e) => e.action)).toContain('Langkah 8: kode autentikator salah; tidak ada yang ditandatangani');
    expect(JSON.stringify(trail)).not.toMatch(/123456|654321/);
    // The right code, typed on the page that came back, signs with the note kept, and the trail names the factor.
    await page.fill('#kode-ttd', currentTotp(credentials['kasi-layanan']!.totpSecret));
    expect((await submitByClick(page, approve)).status()).toBe(200);
    expect(await page.locator('p.ok').innerText()).toContain('disetujui');
    // The Kasi's signature is now on the copy the next step shows, valid and trusted under the office CA.
    const next = (await clerk.nextLink(fileNumber, 30_000))!;
    const signed = Buffer.from(await (await clerk.fetch(`${next.url}/dokumen/api-u`)).arrayBuffer());
    expect(await signatureCount(signed)).toBe(before + 1);
    const history = (await clerk.json(`/api/cases/${link!.caseId}`)).body.history as {
      action: string;
      factor?: { kind: string };
    }[];
    const decided = history.filter((e) => e.action.startsWith('Langkah 8:') && !e.action.includes('kode autentikator'));
    expect(decided.map((e) => e.factor?.kind)).toEqual(['totp']);
    expect(JSON.stringify(decided)).toContain('Sudah diperiksa sesuai referensi bank devisa');
    await page.context().close();
  }, 180_000);

  it('brings the step back with the note kept when checks under way hold every try of the signing code, saying to try again in a moment', async () => {
    const official = 'kasi-layanan';
    const { url, page } = await signedInAtCase(8, 1280, official);
    await page.goto(url);
    // Five checks took their tries and their process stopped (in this window and the next, should one begin now).
    const store = { dynamo: paraf.runtime.dynamo, table: paraf.runtime.config.table };
    const windows = [new Date(), new Date(Date.now() + 60_000)];
    for (const at of windows) for (let i = 0; i < MAX_FAILURES; i++) await takeTry(store, 'tanda-tangan', official, at);
    await page.fill('#kode-ttd', currentTotp(credentials[official]!.totpSecret));
    await page.fill('#note-approve', 'Sesuai referensi');
    const approve = page.locator('form.card', { has: page.locator('input[value=approve]') }).locator('button');
    expect((await submitByClick(page, approve)).status()).toBe(503);
    expect(await page.locator('#note-approve').inputValue()).toBe('Sesuai referensi');
    const said = await page.locator('p.error').innerText();
    expect(said).toContain(CHECKS_BUSY);
    expect(said).not.toMatch(/Terlalu banyak|pukul/);
    await checkAtBothWidths(page, 'kode-ttd-sibuk');
    for (const at of windows)
      for (let i = 0; i < MAX_FAILURES; i++) await giveTryBack(store, 'tanda-tangan', official, at);
    await page.fill('#kode-ttd', currentTotp(credentials[official]!.totpSecret));
    expect((await submitByClick(page, approve)).status()).toBe(200);
    await page.context().close();
  }, 180_000);

  it('refuses a cross-site form POST, a forged Host header and a handover through the link', async () => {
    const { url, fileNumber, page } = await signedInAtCase(12, 412, 'tata-usaha');
    await expectNothingChanged(paraf, 'a cross-site form, a forged host and the handover link', async () => {
      await page.goto(`http://localhost:${attackerPort}/${encodeURIComponent(url)}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === url),
        page.getByRole('button', { name: 'Menang hadiah' }).click(),
      ]);
      expect(response.status()).toBe(403);
      expect(await page.locator('p.error').innerText()).toContain('datang dari situs lain');
      const forged = await new Promise<number>((done) => {
        const req = httpRequest(`${paraf.url}/tugas`, { headers: { host: 'paraf.jahat.example' } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.end();
      });
      expect(forged).toBe(421);
      // A Host no URL can be made of is refused the same way, in Bahasa Indonesia (it was an empty 400).
      const unreadable = await new Promise<{ status: number; body: string }>((done) => {
        const req = httpRequest(`${paraf.url}/`, { headers: { host: '127.0.0.1:3822.jahat' } }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => done({ status: res.statusCode ?? 0, body }));
        });
        req.end();
      });
      expect(unreadable.status).toBe(421);
      expect(JSON.parse(unreadable.body).message).toBe(
        'Alamat server ini tidak dikenal oleh Paraf. Buka Paraf melalui alamat resminya.',
      );
      // Tata Usaha itself, signed in, through the e-mailed link: refused (its page, with the receipt code, is the only way).
      const handover = await clerk.fetch(
        url,
        {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'decision=approve',
        },
        'tata-usaha',
      );
      expect(handover.status).toBe(403);
      expect(((await handover.json()) as { error: string }).error).toBe('handover');
    });
    expect(fileNumber).toMatch(/^API-U\//);
    await page.context().close();
  }, 180_000);

  it('sends the security headers on every page', async () => {
    for (const path of [
      '/',
      '/masuk',
      '/cek-status',
      '/verifikasi/tidak-ada',
      '/tugas',
      '/arsip',
      '/dasbor',
      '/loket',
    ]) {
      const response = await clerk.fetch(path, { headers: { accept: 'text/html' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      // No inline script or style (the CSP has no 'unsafe-inline'); the one script is a file of this origin.
      const body = await response.text();
      expect(body).not.toMatch(/<style|<script(?![^>]*\ssrc="\/validasi\.js")/);
      expect(csp).toContain("script-src 'self'");
    }
  });

  it("asks the recorder's own authenticator code to record or end an absence: none or a wrong one changes nothing", async () => {
    const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const code = () => currentTotp(credentials['kabid-layanan']!.totpSecret);
    const wrong = () => (code() === '123456' ? '654321' : '123456');
    const post = async (path: string, fields: Record<string, string>) => {
      const response = await clerk.fetch(
        path,
        { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields) },
        'kabid-layanan',
      );
      return { status: response.status, body: await response.text() };
    };
    // Days to come, so that it moves no task of today and ended leaves no day behind.
    const form = {
      wakil: 'kabid-layanan:kasi-layanan',
      dari: day(20),
      sampai: day(22),
      keterangan: 'Pelatihan di Bogor',
    };
    const refusedWith = (body: string) => /<p class="error" role="alert">([^<]*)<\/p>/.exec(body)?.[1];
    const withoutCode = await expectNothingChanged(paraf, 'an absence recorded without a code', () =>
      post('/ketidakhadiran', form),
    );
    expect(withoutCode.status).toBe(403);
    expect(refusedWith(withoutCode.body)).toBe(
      'Masukkan kode autentikator Anda (6 angka) untuk mencatat ketidakhadiran.',
    );
    // The form comes back as typed, the code field empty.
    expect(withoutCode.body).toContain('value="Pelatihan di Bogor"');
    expect(withoutCode.body).toMatch(
      /<input type="radio" name="wakil" id="wakil-\d" value="kabid-layanan:kasi-layanan" required checked>/,
    );
    // A wrong code is counted by the signing throttle, and records nothing.
    const throttle = (items: string[]) => items.filter((item) => item.includes('THROTTLE#tanda-tangan#kabid-layanan'));
    const before = await quietState(paraf);
    const wrongCode = await post('/ketidakhadiran', { ...form, kode: wrong() });
    const after = await quietState(paraf);
    expect(wrongCode.status).toBe(403);
    expect(refusedWith(wrongCode.body)).toMatch(
      /^Kode autentikator salah atau sudah berganti \(kodenya berganti tiap 30 detik\)\. Ketidakhadiran belum dicatat; .* Sisa percobaan: [1-4];/,
    );
    expect(wrongCode.body).not.toContain(wrong());
    // Said at the code field as well, which takes the focus.
    expect(wrongCode.body).toMatch(
      /<p class="isian-salah" id="kode-ttd-salah">Kode autentikator salah[^<]*<\/p><input type="text" id="kode-ttd"[^>]* aria-invalid="true" aria-describedby="kode-ttd-salah" autofocus>/,
    );
    expect(after.items.filter((item) => !throttle([item]).length)).toEqual(
      before.items.filter((item) => !throttle([item]).length),
    );
    expect(throttle(after.items)).not.toEqual(throttle(before.items));
    expect({ ...after, items: [] }).toEqual({ ...before, items: [] });

    // The right code records it.
    const recorded = await post('/ketidakhadiran', { ...form, kode: code() });
    expect(recorded.status).toBe(303);
    const live = async () =>
      (await (await import('#records/absences.ts')).listLiveAbsences(paraf.runtime.dynamo, 'paraf')).filter(
        (a) => a.reason === 'Pelatihan di Bogor',
      );
    const [absence] = await live();
    expect(absence).toMatchObject({
      officialId: 'kabid-layanan',
      deputyId: 'kasi-layanan',
      recordedBy: 'kabid-layanan',
    });

    // Ending it asks the code on its own page; none or a wrong one ends nothing.
    const endPath = `/ketidakhadiran/${absence!.absenceId}/akhiri`;
    const endPage = await (await clerk.fetch(endPath, {}, 'kabid-layanan')).text();
    expect(endPage).toContain('Kode autentikator (6 angka) untuk mengakhiri ketidakhadiran');
    const endWithout = await expectNothingChanged(paraf, 'an absence ended without a code', () => post(endPath, {}));
    expect(endWithout.status).toBe(403);
    expect(refusedWith(endWithout.body)).toBe(
      'Masukkan kode autentikator Anda (6 angka) untuk mengakhiri ketidakhadiran.',
    );
    const endWrong = await post(endPath, { kode: wrong() });
    expect(endWrong.status).toBe(403);
    expect(refusedWith(endWrong.body)).toContain('Ketidakhadiran belum diakhiri');
    expect((await live())[0]?.endedAt).toBeUndefined();
    expect((await post(endPath, { kode: code() })).status).toBe(303);
    // Not begun, it now covers no day at all.
    const [ended] = await live();
    expect(ended).toMatchObject({ endedBy: 'kabid-layanan' });
    expect(ended!.to < ended!.from).toBe(true);
  }, 120_000);

  it('refuses an absence on a day the calendar does not have (2026-02-30 is not 2 March), with the right code, and changes nothing', async () => {
    const code = () => currentTotp(credentials['kabid-layanan']!.totpSecret);
    const year = new Date().getUTCFullYear() + 1;
    const post = async (fields: Record<string, string>) => {
      const response = await clerk.fetch(
        '/ketidakhadiran',
        { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...fields, kode: code() }) },
        'kabid-layanan',
      );
      return { status: response.status, body: await response.text() };
    };
    const form = { wakil: 'kabid-layanan:kasi-layanan', keterangan: 'Cuti tahunan' };
    for (const [dari, sampai, label] of [
      [`${year}-02-30`, `${year}-03-02`, 'Tanggal mulai'],
      [`${year}-03-01`, `${year}-13-01`, 'Tanggal selesai'],
      [`${year}-04-31`, `${year}-05-02`, 'Tanggal mulai'],
    ]) {
      const refused = await expectNothingChanged(paraf, `an absence from ${dari} to ${sampai}`, () =>
        post({ ...form, dari: dari!, sampai: sampai! }),
      );
      expect(refused.status, dari).toBe(422);
      expect(refused.body).toContain(`${label} harus tanggal yang ada di kalender, dengan format TTTT-BB-HH.`);
    }
    // The use case refuses it too, whoever calls it (the form's check is not the only guard).
    const { recordAbsence } = await import('#cases/record-absence.ts');
    await expect(
      recordAbsence(
        paraf.runtime,
        {
          officialId: 'kabid-layanan',
          deputyId: 'kasi-layanan',
          from: `${year}-02-30`,
          to: `${year}-03-02`,
          reason: 'Cuti',
          actor: 'kabid-layanan',
        },
        async () => {
          throw new Error('the code is not asked before the dates are checked');
        },
      ),
    ).rejects.toThrow(`Tanggal mulai ketidakhadiran harus tanggal yang ada di kalender`);
    // The absences and the task lists still read.
    expect((await clerk.fetch('/ketidakhadiran', {}, 'kabid-layanan')).status).toBe(200);
    expect((await clerk.fetch('/tugas', {}, 'kabid-layanan')).status).toBe(200);
  });

  it('shows the head of office an absence they recorded for another official, with its end', async () => {
    const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const recorded = await clerk.fetch(
      '/ketidakhadiran',
      {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({
          wakil: 'kabid-layanan:kasi-layanan',
          dari: day(40),
          sampai: day(41),
          keterangan: 'Diklat kepemimpinan',
          kode: currentTotp(credentials.kepala!.totpSecret),
        }),
      },
      'kepala',
    );
    expect(recorded.status, await recorded.text()).toBe(303);
    const page = (await (await clerk.fetch('/ketidakhadiran', {}, 'kepala')).text()).replace(/\s+/g, ' ');
    const row =
      /<tr><td data-label="Pejabat">[^<]*<\/td>(?:(?!<\/tr>).)*Diklat kepemimpinan(?:(?!<\/tr>).)*<\/tr>/.exec(
        page,
      )?.[0];
    expect(row, 'the head of office does not see the absence recorded').toBeDefined();
    expect(row).toContain('>Akhiri</a>');
  });

  it('lets the deputy sign during an absence, under a block that names the deputy; a draft naming the away official is not signed', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const inTwoDays = new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    // Case B is drafted while the Kepala is in: its draft names him.
    const before = await caseAt(8);
    const drafted = await caseAt(7);

    // A draft that names its own signer is refused by name, whoever drafts it.
    const named = await expectNothingChanged(paraf, 'a draft that names its own signer', () =>
      clerk.decide(drafted.url, {
        decision: 'approve',
        documentData: JSON.stringify({ 'api-u': { ...exampleDraftWithSigner() } }),
      }),
    );
    expect(named.status).toBe(422);
    expect(named.body.message).toContain('isian "penandatangan" tidak diisi pada draf');

    // The Kepala records his absence, and the Sekretaris as Plh., in Chromium.
    for (const width of [1280, 412]) {
      const page = await newPage(width);
      await signIn(page, 'kepala');
      await page.goto(`${paraf.url}/ketidakhadiran`);
      // Each choice of who is away and who stands in is read whole on a phone: names and positions wrap, none is cut.
      const choices = page.locator('label.pilihan-wakil');
      expect(await choices.count()).toBe(3);
      for (const choice of await choices.all()) {
        const box = (await choice.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        const [scrollWidth, clientWidth] = await choice.evaluate((label) => [label.scrollWidth, label.clientWidth]);
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
      }
      expect(
        await page.locator('label.pilihan-wakil', { has: page.locator('[value="kepala:sekretaris"]') }).innerText(),
      ).toBe(
        'Dr. H. Bambang Suryadi, S.E., M.Si. (Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu), diwakili Drs. Hendro Wibowo, M.M. (Sekretaris) sebagai Plh.',
      );
      if (width === 1280) {
        await checkAtBothWidths(page, 'ketidakhadiran-formulir');
        // Refused (the end before the start): the form comes back as it was filled in, the code asked again.
        await page.check('input[name=wakil][value="kepala:sekretaris"]');
        await page.fill('#dari', inTwoDays);
        await page.fill('#sampai', today);
        await page.fill('#keterangan', 'Dinas luar ke Jakarta');
        await page.fill('#kode-ttd', currentTotp(credentials.kepala!.totpSecret));
        await page.getByRole('button', { name: 'Catat ketidakhadiran' }).click();
        expect(await page.locator('p.error').innerText()).toBe(
          'Tanggal selesai ketidakhadiran tidak boleh sebelum tanggal mulai.',
        );
        expect([
          await page.locator('input[name=wakil]:checked').getAttribute('value'),
          await page.inputValue('#dari'),
          await page.inputValue('#sampai'),
          await page.inputValue('#keterangan'),
          await page.inputValue('#kode-ttd'),
        ]).toEqual(['kepala:sekretaris', inTwoDays, today, 'Dinas luar ke Jakarta', '']);
        await page.fill('#dari', today);
        await page.fill('#sampai', inTwoDays);
        await page.fill('#kode-ttd', currentTotp(credentials.kepala!.totpSecret));
        await page.getByRole('button', { name: 'Catat ketidakhadiran' }).click();
        expect(await page.locator('p.ok').innerText()).toContain('Ketidakhadiran dicatat');
      }
      const row = await page.locator('tbody tr', { hasText: 'Dinas luar ke Jakarta' }).innerText();
      expect(row).toContain('Drs. Hendro Wibowo, M.M. (Plh.)');
      expect(row).toContain('Sedang berlangsung');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      // Its end is on screen without scrolling the table sideways, on a phone too.
      const end = (await page
        .locator('tr', { hasText: 'Dinas luar ke Jakarta' })
        .getByRole('link', { name: 'Akhiri' })
        .boundingBox())!;
      expect(end.x + end.width).toBeLessThanOrEqual(width);
      await snap(page, `ketidakhadiran-${width}`);
      await page.context().close();
    }
    const notice = (await clerk.outbox()).find((m) => m.subject.includes('ditunjuk sebagai Plh.'));
    expect(notice?.to).toBe('sekretaris@dpmptsp.test');

    // Case A is drafted during the absence: its block is the Plh.'s, and step 10 goes to him.
    // The drafting form names him as the printed block will: Plh. of the head, his own position beside it.
    const draftingPage = await (await clerk.fetch(drafted.url, {}, await clerk.recipientOf(drafted.url))).text();
    expect(/<p class="penandatangan">([^<]*)<strong>([^<]*)</.exec(draftingPage)?.slice(1)).toEqual([
      `Plh. ${paraf.runtime.staff.head.position} (Sekretaris): `,
      'Drs. Hendro Wibowo, M.M.',
    ]);
    for (let link = { step: 7, url: drafted.url }; ; ) {
      if (link.step === 10) {
        drafted.url = link.url;
        break;
      }
      if (link.step === 9) {
        // The Kabid's confirmation says who gets step 10 meanwhile: the Plh., not the Kepala who is away.
        const kabid = await clerk.recipientOf(link.url);
        const page = await newPage(1280);
        await signIn(page, kabid);
        await page.goto(link.url);
        // A paraf is asked as a paraf, a signature (step 10, below) as a signature.
        expect(await page.locator('label[for=kode-ttd]').innerText()).toBe(
          'Kode autentikator (6 angka) untuk membubuhkan paraf',
        );
        await page.fill('#kode-ttd', currentTotp(credentials[kabid]!.totpSecret));
        const approve = page.locator('form.card', { has: page.locator('input[value=approve]') }).locator('button');
        expect((await submitByClick(page, approve)).status()).toBe(200);
        expect(await page.locator('p.ok').innerText()).toContain(
          'kepada Drs. Hendro Wibowo, M.M. (Plh., menggantikan Dr. H. Bambang Suryadi, S.E., M.Si.)',
        );
        await page.context().close();
      } else expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
      link = (await clerk.nextLink(drafted.fileNumber, 30_000))!;
    }
    expect(await clerk.recipientOf(drafted.url)).toBe('sekretaris');
    const away = await expectNothingChanged(paraf, "the away Kepala's decision", () =>
      clerk.decide(drafted.url, { decision: 'approve' }, 'kepala'),
    );
    expect(away.status).toBe(403);
    expect(away.body.message).toContain('Anda tercatat tidak hadir sampai');
    // His own pages say the same before he tries: the task list names who does it, the step's page why he cannot.
    const kepalaSees = async (path: string) =>
      (await (await clerk.fetch(path, {}, 'kepala')).text()).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    const until = formatTanggal(inTwoDays);
    expect(await kepalaSees('/tugas')).toContain(
      `Selama Anda tidak hadir sampai ${until}, dikerjakan oleh Drs. Hendro Wibowo, M.M. (Plh.)`,
    );
    const ownPage = await kepalaSees(new URL(drafted.url).pathname);
    expect(ownPage).toContain(
      `Anda tercatat tidak hadir sampai ${until}; selama itu langkah ini dikerjakan oleh Drs. Hendro Wibowo, M.M. (Plh.), yang melihat berkas dan drafnya. Untuk memutuskan sendiri, akhiri dulu ketidakhadiran Anda`,
    );
    expect(ownPage).not.toContain('Masuk sebagai Drs. Hendro Wibowo, M.M. untuk memutuskan');
    // The Dasbor names who holds the step meanwhile, not the official who is away.
    const dashboard = await kepalaSees('/dasbor');
    expect(dashboard).toContain(
      `${drafted.fileNumber}: langkah 10 (Kepala DPMPTSP Prov. Kaltim) di Drs. Hendro Wibowo, M.M. (Plh., menggantikan Dr. H. Bambang Suryadi, S.E., M.Si. sampai ${until}), batas`,
    );

    const page = await newPage(412);
    await signIn(page, 'sekretaris');
    await page.goto(`${paraf.url}/tugas`);
    // The Plh. is told so on their own list, with until when.
    expect(await page.locator('p.menggantikan').innerText()).toBe(
      `Sampai ${until} Anda menjadi Plh. ${paraf.runtime.staff.head.position}, menggantikan Dr. H. Bambang Suryadi, S.E., M.Si., yang tercatat tidak hadir. Langkah yang dimintakan kepadanya tampil di daftar ini, dan Anda yang memutuskannya.`,
    );
    await snap(page, 'plh-tugas-412');
    expect(await page.locator('tr', { hasText: drafted.fileNumber }).innerText()).toContain(
      'Plh., menggantikan Dr. H. Bambang Suryadi, S.E., M.Si.',
    );
    await page.goto(drafted.url);
    expect(await page.locator('dl').innerText()).toContain('Drs. Hendro Wibowo, M.M. (Plh.)');
    expect(await page.locator('label[for=kode-ttd]').innerText()).toBe(
      'Kode autentikator (6 angka) untuk menandatangani',
    );
    await page.fill('#kode-ttd', currentTotp(credentials.sekretaris!.totpSecret));
    await snap(page, 'plh-tanda-tangan-412');
    const approve = page.locator('form.card', { has: page.locator('input[value=approve]') }).locator('button');
    expect((await submitByClick(page, approve)).status()).toBe(200);
    expect(await page.locator('p.ok').innerText()).toContain('disetujui');
    await page.context().close();
    const numbering = (await clerk.nextLink(drafted.fileNumber, 60_000))!;
    expect(numbering.step).toBe(11);
    const caseId = await caseIdOf(numbering.url);
    const download = await clerk.fetch(`/tata-usaha/unduh/${caseId}/api-u/2`, {}, 'tata-usaha');
    // Named by the case, so that copies of several cases printed one after the other keep apart.
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="api-u-${drafted.fileNumber.replaceAll('/', '-')}-rangkap-2.pdf"`,
    );
    const signed = Buffer.from(await download.arrayBuffer());
    if (shots) writeFileSync(join(shots, 'izin-plh-rangkap-2.pdf'), signed);
    const { text, signers } = readPdf(signed);
    expect(text).toMatch(/Plh\. KEPALA DINAS/);
    expect(text).toContain('Drs. Hendro Wibowo, M.M.');
    expect(text).toContain('Pembina Tk. I (IV/b)');
    expect(text).not.toContain('Bambang');
    expect(signers).toEqual(['Drs. Hendro Wibowo, M.M.']);
    // The copy asked for, its one signature valid and trusted under the office CA.
    expect(copyLabels(text)).toEqual([2]);
    expect(await signatureCount(signed)).toBe(1);
    // The signer's record says the Plh. signed in the Kepala's stead, for the archive and the verification page.
    const { getDocumentState } = await import('#records/document-state.ts');
    const state = await getDocumentState(paraf.runtime.dynamo, paraf.runtime.config.table, caseId, 'api-u');
    expect(state?.signers.find((s) => s.reason === 'Tanda tangan')).toMatchObject({
      officialId: 'sekretaris',
      standsInFor: { as: 'plh', position: paraf.runtime.staff.byId('kepala')!.position },
    });
    expect(state?.signers.filter((s) => s.reason === 'Paraf').every((s) => s.standsInFor === undefined)).toBe(true);
    if (shots)
      writeFileSync(
        join(shots, 'izin-plh-rangkap-1.pdf'),
        Buffer.from(await (await clerk.fetch(`/tata-usaha/unduh/${caseId}/api-u/1`, {}, 'tata-usaha')).arrayBuffer()),
      );
    const trail = (await clerk.json(`/api/cases/${caseId}`)).body.history as {
      action: string;
      actor: { id: string };
    }[];
    expect(trail.find((e) => e.action.startsWith('Langkah 10:'))).toMatchObject({
      actor: { id: 'sekretaris' },
      action: expect.stringContaining('(Plh., menggantikan Dr. H. Bambang Suryadi, S.E., M.Si.)'),
    });

    // Case B's draft names the Kepala: the Plh. cannot sign it as it is; nothing changes.
    let link = { step: 8, url: before.url };
    while (link.step < 10) {
      expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
      link = (await clerk.nextLink(before.fileNumber, 30_000))!;
    }
    await expectNothingChanged(paraf, 'the Plh. approving a draft that names the Kepala', async () => {
      const refused = await clerk.decide(link.url, { decision: 'approve' });
      expect(refused.status).toBe(422);
      expect(refused.body.message).toContain(
        'mencantumkan Dr. H. Bambang Suryadi, S.E., M.Si. sebagai penandatangan, bukan Anda',
      );
    });

    // The Kepala is back: he ends the absence, and his own link is his again.
    const back = await newPage(1280);
    await signIn(back, 'kepala');
    await back.goto(`${paraf.url}/ketidakhadiran`);
    await back.locator('tr', { hasText: 'Dinas luar ke Jakarta' }).getByRole('link', { name: 'Akhiri' }).click();
    await back.fill('#kode-ttd', currentTotp(credentials.kepala!.totpSecret));
    await snap(back, 'ketidakhadiran-akhiri-1280');
    await back.getByRole('button', { name: 'Akhiri ketidakhadiran' }).click();
    expect(await back.locator('p.ok').innerText()).toContain('Ketidakhadiran diakhiri');
    // It held until now (the Plh. acted under it), not "cancelled before it began": its last day is the day it was
    // ended, today, or tomorrow when this run crossed midnight (WITA).
    const ended = await back.locator('tr', { hasText: 'Dinas luar ke Jakarta' }).innerText();
    const lastDay = new RegExp(`${formatTanggal(today)} sampai (\\d+ \\S+ \\d{4}); diakhiri \\1 pukul `).exec(ended);
    expect(lastDay, ended).not.toBeNull();
    expect([today, tomorrow].map(formatTanggal)).toContain(lastDay![1]);
    expect(ended).toContain('Selesai');
    await back.context().close();
    const mine = await clerk.decide(link.url, { decision: 'approve' }, 'kepala');
    expect(mine.status).toBe(200);
  }, 300_000);
});

/** The example's data with its signature block, as a drafter must not send it. */
function exampleDraftWithSigner(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../examples/api-u.json', import.meta.url), 'utf8'));
}

/** The case an approval link belongs to. */
async function caseIdOf(url: string): Promise<string> {
  const id = new URL(url).pathname.split('/').at(-1)!;
  const link = await (await import('#records/links.ts')).getLink(paraf.runtime.dynamo, 'paraf', id);
  return link!.caseId;
}

/** What poppler reads of a PDF: its text (layout kept) and the common names of its signers. */
function readPdf(pdf: Buffer): { text: string; signers: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'paraf-pdf-'));
  const file = join(dir, 'copy.pdf');
  writeFileSync(file, pdf);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout ?? '';
  const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout ?? '';
  removeDir(dir);
  return { text, signers: [...sig.matchAll(/Signer Certificate Common Name: (.+)/g)].map((m) => m[1]!.trim()) };
}
