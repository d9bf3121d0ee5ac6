import { html } from 'hono/html';
import type { DocumentVerification } from '#cases/verify-document.ts';
import { page, wholeNumber, wita } from './page.ts';
import { describePermitStatus, permitActSentence, standingInWords } from './permit-status.ts';

type Found = Extract<DocumentVerification, { found: true }>;

/** Said to whoever scanned a code Paraf never issued. */
export const notFoundPage = () =>
  page(
    'Dokumen tidak dikenal',
    html`<p class="error"><strong>Tidak sah atau tidak dikenal.</strong> Dokumen ini tidak tercatat sebagai terbitan DPMPTSP Provinsi Kalimantan Timur.</p>
      <p>Jangan berpegang pada dokumen ini. Bila Anda ragu, tanyakan langsung ke kantor DPMPTSP Provinsi Kalimantan Timur.</p>`,
  );

/**
 * The page behind the QR code, in the order a member of the public asks: is it genuine and in force,
 * who signed it and when, what to compare with the paper. Timestamps' issuers, certificates and the
 * copies' SHA-256 mean nothing to them but are what an auditor checks: folded below, closed.
 */
export function documentPage(result: Found, documentId: string) {
  const state = describePermitStatus(result);
  const head = result.signers.find((s) => s.reason === 'Tanda tangan') ?? result.signers.at(-1);
  return page(
    result.title,
    html`${
      // A revoked permit (or one recommended for revocation) says so first: "asli" alone must not be read as "in force".
      state.tone === 'ok' ? '' : html`<p class="${state.tone}"><strong>Status: ${state.headline}.</strong></p>`
    }<p class="${result.actsOn || state.tone === 'ok' ? 'ok' : 'notice'}"><strong>Dokumen ini asli</strong>: diterbitkan oleh DPMPTSP Provinsi Kalimantan Timur pada ${wita(result.issuedAt)}${
      head ? html`, ditandatangani oleh ${head.name}, ${head.position}${standingInWords(head)}` : ''
    }.${result.actsOn ? html`<br>${permitActSentence(result.actsOn)}` : state.tone === 'ok' ? html`<br>Status: <strong>${state.headline}</strong>.` : ''}</p>
      <dl>
        <dt>Nomor registrasi</dt><dd>${wholeNumber(result.registrationNumber)}</dd>
        <dt>Terbit</dt><dd>${wita(result.issuedAt)}</dd>
        <dt>Atas nama</dt><dd>${result.company}</dd>
        ${result.nib ? html`<dt>NIB</dt><dd>${result.nib}</dd>` : ''}
        ${result.npwp ? html`<dt>NPWP</dt><dd>${result.npwp}</dd>` : ''}
      </dl>
      <p id="cocokkan">Cocokkan nomor registrasi${result.nib ? ', nama dan NIB' : ' dan nama'} di atas dengan yang tercetak pada dokumen di tangan Anda. Bila ada yang berbeda, dokumen cetak itu tidak sesuai dengan yang diterbitkan, walaupun kode QR-nya asli. Tanggal terbit di atas adalah saat nomor registrasi diberikan, yang dapat lebih lambat daripada tanggal yang tercetak pada dokumen.</p>
      <h2>Yang memaraf dan menandatangani</h2>
      <ul>${result.signers.map((s) => html`<li>${s.reason}: ${s.name}, ${s.position}${standingInWords(s)}, ${wita(s.timestamp?.at ?? s.at)}</li>`)}</ul>
      ${
        result.historySheet
          ? html`<p><a href="/verifikasi/${documentId}/lembar-riwayat">Unduh lembar riwayat</a> (PDF bersegel elektronik: siapa mengerjakan apa dan kapan, sampai dokumen ini terbit)</p>`
          : html`<p>Lembar riwayat dokumen ini belum tersedia.</p>`
      }
      <p><a href="/verifikasi">Periksa berkas PDF dokumen ini</a></p>
      <details class="hashes teknis"><summary>Rincian teknis untuk pemeriksa</summary>
        <p>Waktu setiap tanda tangan dan penerbit sertifikat elektroniknya:</p>
        <ul>${result.signers.map(
          (s) =>
            html`<li>${s.reason}, ${s.name}: ditandatangani ${wita(s.at)}${
              s.timestamp ? html`; penanda waktu tepercaya dari ${s.timestamp.tsa}: ${wita(s.timestamp.at)}` : ''
            }${s.certificateIssuer ? html`; sertifikat elektronik dari ${s.certificateIssuer}` : ''}</li>`,
        )}</ul>
        <p>Sidik SHA-256 setiap berkas yang diterbitkan: berkas PDF yang sama persis dengan terbitannya memiliki sidik yang sama.</p>
        <ul>${result.copies.map((copy) => html`<li>${result.copies.length === 1 ? 'Tanpa rangkap' : `Rangkap ${copy.copy}`}: <code>${copy.sha256}</code></li>`)}</ul>
      </details>`,
  );
}
