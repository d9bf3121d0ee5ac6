import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { contextStorage } from 'hono/context-storage';
import { HTTPException } from 'hono/http-exception';
import { trimTrailingSlash } from 'hono/trailing-slash';
import type { Runtime } from '#runtime/runtime.ts';
import { OutboxMail } from '#mail/outbox-mail.ts';
import { html } from 'hono/html';
import { fail, isRefusal, refuse, statusOf } from './errors.ts';
import { applicantRoutes } from './applicant-routes.ts';
import { approvalRoutes } from './approval-routes.ts';
import { archiveRoutes } from './archive-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { loketRoutes } from './loket-routes.ts';
import { page } from './page.ts';
import { peopleRoutes } from './people-routes.ts';
import { tataUsahaRoutes } from './tata-usaha-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { registerPages, registerRoutes } from './register-routes.ts';
import { permitRoutes } from './permit-routes.ts';
import { pkiRoutes } from './pki-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import { requireArea, requireStaff } from './staff-sign-in.ts';
import { areaLanes, mayOpenArea, STAFF_AREAS, type StaffArea } from '#identity/staff-areas.ts';
import { staffDirectoryRoutes } from './staff-directory-routes.ts';
import { healthRoutes } from './health-routes.ts';
import type { HealthReport } from '#runtime/health-report.ts';
import { identifyRequests, signedIn } from '#identity/identity.ts';
import { requireOwnFactors } from '#identity/enrol-authenticator.ts';
import { identityProvider } from '#identity/provider.ts';
import { checkAddressParameters } from './address-parameters.ts';
import { requireFormBodies } from './form-bodies.ts';
import { checkHost } from './security-host.ts';
import { checkOrigin } from './security-origin.ts';
import { securityHeaders } from './security-headers.ts';
import { stylesheetRoutes } from './stylesheet-routes.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { absenceRoutes } from './absence-routes.ts';
import { attachmentRoutes } from './attachment-routes.ts';
import { uploadOrigin } from '#cases/issue-upload-form.ts';
import { issueUploadRoute, uploadScriptRoute } from './upload-routes.ts';
import { logger } from '#runtime/observability.ts';
import { loggedPath } from './logged-path.ts';

/** What only signed-in officials open (staff-sign-in.ts), locally as on AWS. */
export const STAFF_PATHS = [
  '/loket',
  '/loket/*',
  '/tugas',
  '/tata-usaha',
  '/tata-usaha/*',
  '/arsip',
  '/arsip/*',
  '/dasbor',
  '/api/dasbor',
  '/api/cases',
  '/api/cases/*',
  '/api/uploads',
  '/api/permits',
  '/api/permits/*',
  '/api/outbox',
  '/api/outbox/*',
  '/kotak-keluar',
  '/api/registers',
  '/api/registers/*',
  '/direktori-staf',
  '/ketidakhadiran',
  '/ketidakhadiran/*',
  '/kesehatan',
  '/lampiran/*',
];

/** Staff paths of one area of work: its pages and API (POST /api/cases is the counter's intake). */
const AREA_PATHS: readonly [string, StaffArea, (readonly string[])?][] = [
  ['/loket', 'loket'],
  ['/loket/*', 'loket'],
  ['/api/cases', 'loket', ['POST']],
  ['/api/uploads', 'loket', ['POST']],
  ['/tata-usaha', 'tata-usaha'],
  ['/tata-usaha/*', 'tata-usaha'],
  ['/api/registers', 'tata-usaha'],
  ['/api/registers/*', 'tata-usaha'],
  ['/arsip', 'arsip'],
  ['/arsip/*', 'arsip'],
  ['/api/permits', 'arsip'],
  ['/api/permits/*', 'arsip'],
  ['/dasbor', 'dasbor'],
  ['/api/dasbor', 'dasbor'],
];

/** The HTTP app: the same on the local runtime and (through its adapter) behind API Gateway. */
export interface AppOptions {
  /** The local runtime: loopback host names are Paraf's too (besides the public address). */
  loopback?: boolean;
  /** The demo sign-in of a loopback-only start without accounts (identity/local-sign-in.ts). */
  demoSignIn?: boolean;
  /** The local runtime's health report (infra/local/health.ts); on AWS there is none (the alarms are CloudWatch's). */
  health?: () => Promise<HealthReport>;
}

/** The home page: every area of Paraf in one list, the staff ones asking to sign in. */
function homePage(c: Context, hasHealth: boolean, outbox: OutboxMail | undefined) {
  const who = signedIn(c);
  // Said only while nobody is signed in: the same address after signing in again says nothing.
  const signedOut = !who && c.req.query('keluar') !== undefined;
  return page(
    'Selamat datang',
    html`${signedOut ? html`<p class="ok" role="status">Anda sudah keluar. Untuk bekerja lagi, masuk kembali.</p>` : ''}
      <p>Paraf menjalankan SOP DPMPTSP Provinsi Kalimantan Timur: permohonan di loket, paraf dan tanda tangan elektronik, nomor registrasi, dan arsip.</p>
      <ul>
        <li><a href="/loket">Loket</a>: terima permohonan baru dan cetak tanda terima</li>
        <li><a href="/tugas">Tugas saya</a>: langkah yang menunggu Anda</li>
        <li><a href="/tata-usaha">Tata Usaha</a>: nomor registrasi, unduh, dan penyerahan</li>
        <li><a href="/arsip">Arsip</a>: cari dokumen terbit</li>
        <li><a href="/dasbor">Dasbor</a>: ketepatan waktu, waktu per langkah, dan indeks kepuasan</li>
        <li><a href="/direktori-staf">Direktori staf</a>: petugas setiap lajur SOP dan kualifikasi pelaksana</li>
        <li><a href="/verifikasi">Verifikasi dokumen</a>: periksa keaslian berkas PDF dokumen terbitan kantor ini</li>
        ${hasHealth ? html`<li><a href="/kesehatan">Kesehatan</a>: ruang disk, penyimpanan, langkah terlambat, e-mail, sertifikat, dan cadangan</li>` : ''}
        <li><a href="/cek-status">Cek status</a>: untuk pemohon</li>
        ${outbox ? html`<li><a href="/kotak-keluar">Kotak keluar</a>: e-mail yang dikirim (mode lokal)</li>` : ''}
      </ul>
      ${who ? '' : html`<p>Halaman petugas meminta Anda masuk dengan akun DPMPTSP: <a href="/masuk">Masuk</a></p>`}`,
  );
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the web app's route table: the middleware in the order it must run, then one line per route group
export function buildApp(rt: Runtime, workflow: Workflow, options: AppOptions = {}) {
  const app = new Hono();
  const identity = identityProvider(rt, { demoSignIn: options.demoSignIn ?? false });
  // The page frame reads who is looking (page.ts) without each route handing it over.
  app.use('*', contextStorage());
  const { auth } = rt.config;
  const signOutOrigin = auth.kind === 'cognito' ? new URL(auth.domain).origin : undefined;
  app.use('*', securityHeaders({ uploadOrigin: uploadOrigin(rt), signOutOrigin }));
  app.use('*', checkHost(rt.config.publicUrl, options.loopback ?? false));
  app.use('*', checkOrigin(rt.config.publicUrl, options.loopback ?? false));
  // "/tugas/" typed or linked with a slash at its end finds "/tugas" instead of "not found" (the host is checked above).
  app.use('*', trimTrailingSlash());
  // Locally 20 attachments of up to 10 MB fit base64-encoded in one body; on Lambda 4 MB (config):
  // anything larger is refused unread, and the API's answer says where larger files go.
  const bodyMb = rt.config.bodyMaxBytes / 1024 / 1024;
  app.use(
    '*',
    bodyLimit({
      maxSize: rt.config.bodyMaxBytes,
      onError: (c) =>
        refuse(
          c,
          'too-large',
          c.req.path === '/api/cases'
            ? `Isi permintaan terlalu besar (paling besar ${bodyMb} MB). Lampiran yang lebih besar diunggah lebih dulu ke penyimpanan berkas (POST /api/uploads) dan dirujuk dalam isian "uploads".`
            : `Isi permintaan terlalu besar (paling besar ${bodyMb} MB).`,
        ),
    }),
  );
  // Locally the outbox folder is readable; on AWS there is none (mail goes through SES).
  const outbox =
    rt.config.mail === 'outbox' && rt.config.dataDir
      ? new OutboxMail(rt.config.dataDir, rt.config.mailFrom)
      : undefined;
  app.use('*', identifyRequests(identity));
  app.use('*', requireOwnFactors());
  const lanes = areaLanes(rt.catalog);
  // The header offers only the areas the official may open (their other links led to "Bukan bagian Anda").
  app.use('*', async (c, next) => {
    const official = signedIn(c)?.official;
    if (official)
      c.set('paraf.areas', () => new Set(STAFF_AREAS.filter((area) => mayOpenArea(official, area, lanes, rt.staff))));
    c.set('paraf.outbox', outbox !== undefined);
    await next();
  });
  // After the viewer is known, so a refused address is shown in the frame of whoever is looking.
  app.use('*', checkAddressParameters());
  // Staff pages and their API; approval links, the status check and verification stay public.
  const staffOnly = requireStaff();
  for (const path of STAFF_PATHS) app.use(path, staffOnly);
  for (const [path, area, methods] of AREA_PATHS) app.use(path, requireArea(rt.staff, lanes, area, methods));
  // After who may post: a signed-out post to a staff page is asked to sign in, whatever its body.
  app.use('*', requireFormBodies());
  app.route('/', identity.routes());
  app.route('/', stylesheetRoutes(rt));
  app.route('/api/cases', caseRoutes(rt, workflow));
  app.post('/api/uploads', issueUploadRoute(rt));
  app.get('/unggah.js', uploadScriptRoute);
  app.route('/api/permits', permitRoutes(rt));
  app.route('/api/registers', registerRoutes(rt));
  if (outbox) app.route('/api/outbox', outboxRoutes(outbox));
  app.route('/a', approvalRoutes(rt, workflow, identity));
  app.route('/verifikasi', verificationRoutes(rt));
  app.route('/pki', pkiRoutes(rt));
  // The applicant's own page: public, opened with the file number and the receipt code.
  app.route('/pemohon', applicantRoutes(rt, workflow));
  app.route('/loket', loketRoutes(rt, workflow));
  app.route('/tata-usaha/register', registerPages(rt));
  app.route('/tata-usaha', tataUsahaRoutes(rt, workflow, identity));
  app.route('/arsip', archiveRoutes(rt));
  app.route('/lampiran', attachmentRoutes(rt));
  app.route('/', peopleRoutes(rt, outbox));
  app.route('/', dashboardRoutes(rt));
  app.route('/', staffDirectoryRoutes(rt));
  app.route('/ketidakhadiran', absenceRoutes(rt, identity));
  app.route('/', healthRoutes(rt, options.health));
  app.get('/', (c) => c.html(homePage(c, options.health !== undefined, outbox)));
  app.notFound((c) =>
    c.req.path.startsWith('/api/') || !c.req.header('accept')?.includes('text/html')
      ? refuse(c, 'not-found', 'Alamat tidak ditemukan.')
      : c.html(
          page(
            'Halaman tidak ditemukan',
            html`<p class="error">Halaman ini tidak ditemukan. <a href="/">Ke halaman utama</a></p>`,
          ),
          statusOf('not-found'),
        ),
  );
  app.onError((error, c) => {
    if (isRefusal(error)) return fail(c, error);
    // Hono's own refusals (a body it cannot parse, one over a limit) by the class of their status.
    if (error instanceof HTTPException && error.status < 500)
      return refuse(c, error.status === 413 ? 'too-large' : 'bad-request', 'Permintaan tidak dapat diproses.');
    logger.error('web: a request failed', { method: c.req.method, path: loggedPath(c.req.path), error });
    return refuse(c, 'internal', 'Terjadi kesalahan pada server; silakan coba lagi.');
  });
  return app;
}
