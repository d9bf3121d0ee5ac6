import { Hono } from 'hono';
import { html } from 'hono/html';
import { checkSigningReadiness, readinessProblems, type SigningReadiness } from '#cases/check-signing-readiness.ts';
import { describeSignatureLevel, type SignatureLevel } from '#cases/describe-signature-level.ts';
import type { HealthReport, OfficeNotice } from '#runtime/health-report.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { page, wita } from './page.ts';

/**
 * /kesehatan (signed-in staff): the local runtime's health report, each check with what it found
 * and, for a problem, what to do. On AWS there is no report (`health` is undefined): the page says
 * where the alarms go instead, and whether every signing lane and the seal are certified.
 */
export function healthRoutes(rt: Runtime, health: (() => Promise<HealthReport>) | undefined) {
  const app = new Hono();
  app.get('/kesehatan', async (c) => {
    if (!health) return c.html(page('Kesehatan sistem', signingReadinessBody(await checkSigningReadiness(rt), rt)));
    const report = await health();
    const problems = report.checks.flatMap((check) => (check.notice ? [{ id: check.id, notice: check.notice }] : []));
    return c.html(
      page(
        'Kesehatan sistem',
        html`<p>Diperiksa ${wita(report.checkedAt)}. Petugas TI melihat pemeriksaan yang sama di komputer Paraf, dan setiap masalah juga ditampilkan kepadanya setiap kali Paraf dimulai.</p>
          ${
            problems.length
              ? html`<section class="notice" aria-labelledby="perhatian"><h2 id="perhatian">${problems.length} hal perlu perhatian</h2>
                  <ul>${problems.map((problem) => noticeItem(problem.notice, problem.id))}</ul></section>`
              : html`<p class="ok">Semua pemeriksaan baik.</p>`
          }
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">Pemeriksaan</th><th scope="col">Hasil</th><th scope="col">Keadaan</th></tr></thead>
            <tbody>${report.checks.map(
              (check) => html`<tr id="periksa-${check.id}">
                <th scope="row">${check.label}</th>
                <td>${check.value}</td>
                <td>${check.problem ? html`<strong class="badge perhatian">Perlu perhatian</strong>` : html`<span class="badge baik">Baik</span>`}</td>
              </tr>`,
            )}</tbody>
          </table></div>`,
      ),
    );
  });
  return app;
}

/**
 * One problem as the office reads it: what is wrong, what it means for the office's work, who does
 * what; a command to run is folded away under the IT officer's name, the thing to hand over, so
 * that an official reading the page meets no command.
 */
function noticeItem(notice: OfficeNotice, id: string) {
  return html`<li id="masalah-${id}"><p><strong>${notice.what}</strong></p>
    <p>Akibatnya bagi kantor: ${notice.meaning}</p>
    <p>Yang perlu dilakukan: ${notice.action}</p>${notice.command ? forItOfficer(notice.command) : ''}</li>`;
}

const forItOfficer = (command: string) =>
  html`<details class="untuk-ti"><summary>Perintah untuk petugas TI</summary><code>${command}</code></details>`;

/**
 * On AWS: whether every signing lane and the office seal are certified, and what the office asks of
 * its IT officer where not (the command to run inside <code>, as the thing to hand over).
 */
function signingReadinessBody(readiness: SigningReadiness, rt: Runtime) {
  // The office's wording of each problem ('counter'): the operator's names the settings and standards.
  const problems = readinessProblems(readiness, 'counter');
  const uncertified = readiness.lanes.length > 0 || !readiness.seal;
  return html`<p class="notice">Pemeriksaan ini hanya ada bila Paraf berjalan di satu komputer kantor. Pada Paraf yang berjalan di layanan awan, setiap kegagalan langsung dikirim lewat e-mail peringatan kepada operator yang ditunjuk kantor.</p>
    <section id="kesiapan-tanda-tangan" aria-labelledby="kesiapan"><h2 id="kesiapan">Kesiapan tanda tangan</h2>
    ${
      problems.length
        ? html`<p class="error">Loket belum menerima berkas baru sampai setiap jalur penandatangan punya pejabat bersertifikat yang dapat dipakai.</p>
            <ul>${problems.map((problem) => html`<li>${problem}</li>`)}</ul>
            ${uncertified ? html`<p>Yang perlu dilakukan: minta petugas TI mendaftarkan sertifikat pejabat dan segel kantor yang disebut di atas.</p>${forItOfficer('npx paraf aws certify')}` : ''}
            ${readiness.noRevocationSource.length ? html`<p>Yang perlu dilakukan: minta petugas TI menerbitkan ulang sertifikat tersebut dengan alamat pemeriksa keabsahannya, atau mengisi pengaturan <code>paraf:ocspUrl</code>.</p>` : ''}`
        : html`<p class="ok">Setiap jalur penandatangan punya pejabat bersertifikat, dan segel elektronik kantor bersertifikat.</p>`
    }</section>
    ${levelSection(describeSignatureLevel(rt))}`;
}

/** What the operator chose at deployment, in what it means for a permit's verifiability, as the office reads it. */
function levelSection(level: SignatureLevel) {
  const body =
    level.reaches === 'B-B'
      ? html`<p class="error">Tanda tangan belum diberi stempel waktu oleh penyedia tepercaya: waktunya hanya menurut jam komputer Paraf, dan keabsahan dokumen tidak dapat diperiksa lagi setelah sertifikat pejabat berakhir atau dicabut.</p>
          <p>Yang perlu dilakukan: minta petugas TI memasang alamat penyedia stempel waktu pada pengaturan <code>paraf:tsaUrl</code>.</p>`
      : html`<p class="ok">Tanda tangan diberi stempel waktu oleh ${level.tsaUrl} dan dilengkapi data keabsahan sertifikat ${
          level.ocspUrl
            ? html`dari ${level.ocspUrl}`
            : html`dari alamat yang disebut sertifikat setiap pejabat (sertifikat yang tidak menyebutnya tercantum di atas, dan loket tidak menerima berkas sampai diperbaiki)`
        }: keabsahan dokumen bernomor tetap dapat diperiksa setelah sertifikat pejabat berakhir.</p>`;
  return html`<section id="tingkat-tanda-tangan" aria-labelledby="tingkat"><h2 id="tingkat">Tingkat tanda tangan</h2>${body}</section>`;
}
