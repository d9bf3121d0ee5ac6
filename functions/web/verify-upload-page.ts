import { html } from 'hono/html';
import { megabytes, type UploadMatch, type UploadVerification } from '#cases/verify-upload.ts';
import type { SignatureReport, TimestampReport } from '#signing/verify-pdf.ts';
import { angka, page, tanggalWita, wholeNumber, wita } from './page.ts';
import { describePermitStatus, permitActSentence } from './permit-status.ts';

export const UPLOAD_TITLE = 'Verifikasi dokumen';

/** What was typed into the lookup by number, and why it found nothing, to show it again. */
export interface NumberLookup {
  number: string;
  holder: string;
  refusal: string;
}

/**
 * The lookup by what the paper prints, for a document whose QR code will not scan: a GET form (it
 * changes nothing), which opens the document's verification page.
 */
function numberForm(lookup: NumberLookup | undefined) {
  return html`<form class="card" method="get" action="/verifikasi/nomor" id="cari-nomor">
      <h2>Tanpa berkas PDF? Cari dengan nomor registrasi</h2>
      <p>Untuk dokumen cetak yang kode QR-nya tidak dapat dipindai. Tulis keduanya seperti tercetak pada dokumen.</p>
      ${lookup ? html`<p class="error" role="alert" id="cari-nomor-salah">${lookup.refusal}</p>` : ''}
      <label for="nomor">Nomor registrasi</label>
      <input type="text" id="nomor" name="nomor" required minlength="3" maxlength="120" autocomplete="off" value="${lookup?.number ?? ''}"${lookup ? html` aria-describedby="cari-nomor-salah" autofocus` : ''}>
      <label for="nama">Nama pemegang (perusahaan atau penerima dokumen)</label>
      <input type="text" id="nama" name="nama" required minlength="3" maxlength="200" autocomplete="off" value="${lookup?.holder ?? ''}">
      <button type="submit">Cari dokumen</button>
    </form>`;
}

/** The form: one PDF, sent as multipart without any script; a refusal of the last one above it. */
export function uploadForm(maxBytes: number, refusal?: string, lookup?: NumberLookup) {
  return page(
    UPLOAD_TITLE,
    html`${refusal ? html`<p class="error" role="alert" id="berkas-salah">${refusal}</p>` : ''}
      <p>Pilih berkas PDF dokumen yang Anda terima. Halaman ini memeriksa apakah dokumen itu diterbitkan oleh DPMPTSP Provinsi Kalimantan Timur, apakah isinya masih sama dengan salinan yang diarsipkan, siapa yang memaraf dan menandatanganinya, dan apakah izinnya masih berlaku.</p>
      <form class="card" method="post" action="/verifikasi" enctype="multipart/form-data">
        <p><label for="berkas">Berkas PDF (paling besar ${megabytes(maxBytes)} MB)</label></p>
        <p><input type="file" id="berkas" name="berkas" accept="application/pdf,.pdf" required${refusal ? html` aria-invalid="true" aria-describedby="berkas-salah" autofocus` : ''}></p>
        <button type="submit">Periksa dokumen</button>
      </form>
      <p>Berkas hanya diperiksa saat itu juga: tidak disimpan dan tidak dicatat.</p>
      ${numberForm(lookup)}`,
  );
}

/**
 * The answer, in the order a reader asks: is it genuine and unchanged, which document, who signed, is
 * it in force. Revision counts, byte counts and the file's SHA-256 are for an auditor: folded below, closed.
 */
export function uploadAnswer(result: UploadVerification) {
  const { match, signatures } = result;
  return page(
    'Hasil verifikasi dokumen',
    html`${headline(match, signatures, result.endedOtherwise)}
      ${result.renewed ? html`<p>Tanda tangan di bawah diperiksa pada salinan arsip kantor, yang memuat berkas ini utuh beserta penanda waktu yang ditambahkan kantor sesudahnya.</p>` : ''}
      ${result.endedOtherwise ? html`<p>Bedanya dengan berkas yang diarsipkan kantor hanya spasi atau baris kosong di akhir berkas, yang tidak mengubah isinya. Tanda tangan di bawah diperiksa pada berkas yang diarsipkan itu.</p>` : ''}
      ${'document' in match ? documentPart(match, signatures?.ok !== false) : ''}
      <h2>Tanda tangan dalam berkas ini</h2>
      ${signaturePart(signatures)}
      <p><a href="/verifikasi">Periksa dokumen lain</a></p>
      <details class="hashes teknis"><summary>Rincian teknis untuk pemeriksa</summary>
        <ul>
          ${'revision' in match ? html`<li>Berkas ini sama dengan revisi ke-${match.revision.revision} dari ${match.revision.revisions} salinan yang diarsipkan (setiap pembaruan sesudah PDF dibuat, misalnya paraf, tanda tangan, nomor registrasi atau penanda waktu, menambah satu revisi).</li>` : ''}
          ${match.standing === 'appended' ? html`<li>Sesudah revisi itu ada ${angka(match.appendedBytes, 0)} bita yang diubah atau ditambahkan di luar kantor ini.</li>` : ''}
          ${signatures && signatures.unsignedTailBytes > 0 ? html`<li>Sesudah tanda tangan terakhir ada tambahan ${angka(signatures.unsignedTailBytes, 0)} bita yang tidak ditandatangani.</li>` : ''}
          ${signatures?.documentTimestamps.map(
            (stamp) =>
              html`<li>Penanda waktu dokumen: ${stamp.valid ? html`${wita(stamp.time)} dari ${stamp.tsa}, ${trust(stamp)}` : html`<strong>tidak sah</strong>`}.</li>`,
          )}
          <li>Sidik SHA-256 berkas ini: <code>${result.sha256}</code></li>
        </ul>
      </details>`,
  );
}

function headline(match: UploadMatch, report: UploadVerification['signatures'], endedOtherwise: boolean) {
  const broken = report?.signatures.some((s) => !s.valid);
  const same = endedOtherwise ? 'sama isinya dengan' : 'sama persis dengan';
  switch (match.standing) {
    case 'issued':
      // The archive's hash alone does not make it sound: a signature that does not hold (a revoked
      // certificate, a timestamp whose TSA's certificate has ended) is said first, not below a green line.
      if (report && !report.ok)
        return html`<p class="error"><strong>Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur, tetapi tanda tangan elektroniknya tidak dapat dinyatakan sah saat ini.</strong> Berkas ini ${same} dokumen yang diterbitkan, tetapi ${unsoundBecause(report)} Lihat rincian tanda tangan di bawah, dan tanyakan ke DPMPTSP Provinsi Kalimantan Timur dengan menyebut nomor registrasinya sebelum berpegang pada berkas ini.</p>`;
      return match.revision.revision < match.revision.revisions
        ? html`<p class="ok"><strong>Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.</strong> Berkas ini ${same} dokumen yang diterbitkan. Sesudahnya kantor menambahkan penanda waktu baru pada salinan arsipnya agar tetap dapat diperiksa bertahun-tahun; berkas ini tetap sah.</p>`
        : html`<p class="ok"><strong>Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.</strong> Berkas ini ${same} dokumen yang diterbitkan dan diarsipkan kantor.</p>`;
    case 'earlier':
      return html`<p class="notice"><strong>Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur, tetapi bukan versi akhirnya.</strong> Berkas ini diambil sebelum dokumen selesai: sesudahnya dokumen masih diperbarui (paraf, tanda tangan, nomor registrasi, atau penanda waktu ditambahkan), dan yang ditambahkan itu tidak ada di sini. Mintalah berkas akhir kepada pemegang izin.</p>`;
    case 'appended':
      return html`<p class="error"><strong>Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur yang telah diubah.</strong> Berkas ini memuat dokumen terbitan kantor ini, tetapi sesudah itu ada yang mengubah atau menambahkan isinya di luar kantor ini. Jangan berpegang pada berkas ini.</p>`;
    case 'altered':
      return html`<p class="error"><strong>Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur yang telah diubah.</strong> Berkas ini memuat tanda tangan dokumen terbitan kantor ini, tetapi isinya telah diubah sesudah ditandatangani. Jangan berpegang pada berkas ini.</p>`;
    case 'not-paraf':
      return html`<p class="error"><strong>Bukan dokumen terbitan DPMPTSP Provinsi Kalimantan Timur.</strong> Berkas ini tidak cocok dengan dokumen mana pun yang diarsipkan kantor ini${
        broken ? html`, dan tanda tangannya tidak cocok dengan isinya: berkas telah diubah sesudah ditandatangani` : ''
      }.</p>
        <p>Bila dokumen ini disebut sebagai izin dari kantor ini, pindai kode QR pada dokumen aslinya dan pastikan halaman yang terbuka berada di alamat yang sama dengan halaman ini, atau tanyakan langsung ke DPMPTSP Provinsi Kalimantan Timur dengan menyebut nomor registrasinya.</p>`;
  }
}

/** Why an issued copy's own signatures do not hold, in a reader's words: the first reason that applies. */
function unsoundBecause(report: NonNullable<UploadVerification['signatures']>): string {
  // An ended TSA certificate first: without a proven time, a revocation since can read as before the signature.
  const stamps = [...report.documentTimestamps, ...report.signatures.flatMap((s) => s.timestamp ?? [])];
  if (stamps.some((stamp) => !stamp.valid && stamp.tsaCertificateEnds))
    return 'sertifikat penerbit penanda waktunya sudah berakhir, sehingga waktu penandatanganan tidak lagi terbukti oleh berkas ini sendiri.';
  if (report.signatures.some((s) => s.signingTime && s.revokedAt && !s.certificateValidAtSigning))
    return 'sertifikat salah satu penanda tangannya sudah dicabut sebelum ia menandatangani.';
  return 'ada tanda tangan atau penanda waktu di dalamnya yang tidak sah.';
}

function documentPart(match: Extract<UploadMatch, { document: unknown }>, sound: boolean) {
  const { document } = match;
  const { documentId, copy } = 'revision' in match ? match.revision : match;
  const state = describePermitStatus(document);
  // The permit's standing is the register's: beside a file that is not the issued copy it must not read as the file's.
  const notThisFile = match.standing !== 'issued';
  // A revoked permit (or one recommended for revocation) is said beside the answer, not only in the list below.
  return html`${state.tone === 'ok' ? '' : html`<p class="${state.tone}"><strong>Status: ${state.headline}</strong></p>`}
    <h2>Dokumen</h2>
    <dl>
      <dt>Judul</dt><dd>${document.title}</dd>
      <dt>Nomor registrasi</dt><dd>${wholeNumber(document.registrationNumber)}</dd>
      <dt>Atas nama</dt><dd>${document.company}</dd>
      <dt>Rangkap</dt><dd>${document.copies.length > 1 ? `${copy} dari ${document.copies.length}` : 'tanpa rangkap (satu lembar)'}</dd>
      <dt>Terbit</dt><dd>${wita(document.issuedAt)}</dd>
      ${
        document.actsOn
          ? html`<dt>Isi</dt><dd>${permitActSentence(document.actsOn)}</dd>`
          : html`<dt>Status</dt><dd>${state.headline}${notThisFile || !sound ? ', menurut arsip kantor' : ''}</dd>`
      }
    </dl>
    ${
      notThisFile
        ? html`<p>Status itu milik izin yang tercatat di arsip kantor, bukan bukti bahwa berkas ini sah: yang sah hanya salinan terbitnya.</p>`
        : ''
    }
    <p><a href="/verifikasi/${documentId}">Halaman verifikasi dokumen ini</a></p>`;
}

function signaturePart(report: UploadVerification['signatures']) {
  if (!report) return html`<p class="error">Tanda tangan berkas ini tidak dapat dibaca.</p>`;
  if (report.signatures.length === 0) return html`<p>Berkas ini tidak memuat tanda tangan elektronik.</p>`;
  return html`<ol>
      ${report.signatures.map(
        (s) =>
          html`<li><strong>${s.reason || 'Tanda tangan'}</strong>: ${s.signer || 'penanda tangan tidak dapat dipastikan'}${
            s.position ? `, ${s.position}` : ''
          }<br>${when(s)}${verdict(s)}</li>`,
      )}
    </ol>
    ${
      report.unsignedTailBytes > 0
        ? html`<p class="error">Sesudah tanda tangan terakhir ada tambahan isi yang tidak ditandatangani.</p>`
        : ''
    }`;
}

/**
 * The time a trusted timestamp proves; a time from a TSA the office's CA did not certify (anyone can
 * run one), or without a timestamp the signer's own claim, said as such.
 */
function when(s: SignatureReport) {
  if (!s.signedAt && !s.timestamp) return '';
  if (s.signingTime) return html`Waktu: ${wita(s.signingTime)} (penanda waktu tepercaya dari ${s.timestamp?.tsa})<br>`;
  if (s.timestamp?.valid)
    return html`Waktu menurut penanda waktu dari ${s.timestamp.tsa}: ${wita(s.timestamp.time)}, tetapi penerbit penanda waktu itu tidak dikenal kantor ini, sehingga waktu itu tidak terbukti<br>`;
  return html`Waktu menurut penanda tangan: ${wita(s.signedAt)} (tanpa penanda waktu tepercaya yang sah)<br>`;
}

function verdict(s: SignatureReport) {
  if (!s.valid) return html`<strong>Tidak sah</strong>: tanda tangan tidak cocok dengan isi berkas.`;
  // Its timestamp once proved the time; its TSA's certificate has ended since, with no later timestamp over it.
  if (s.trusted === true && s.timestamp && !s.timestamp.valid && s.timestamp.tsaCertificateEnds)
    return html`<strong>Tidak dapat dipastikan lagi</strong>: sertifikat penerbit penanda waktunya berakhir ${tanggalWita(s.timestamp.tsaCertificateEnds)}, sehingga waktu penandatanganan tidak lagi terbukti oleh berkas ini, dan sertifikat penanda tangan ${s.certificateValidAtSigning ? 'masih berlaku' : 'sudah tidak berlaku'} saat ini.`;
  // The certificate was judged now, not at a proven time: valid now proves nothing of then.
  if (s.trusted === true && s.timestamp?.valid && !s.signingTime)
    return s.certificateValidAtSigning
      ? html`<strong>Tidak dapat dipastikan</strong>: sertifikat diterbitkan oleh penerbit sertifikat yang diakui kantor ini, tetapi waktu penandatanganan tidak terbukti, sehingga tidak dapat dipastikan sertifikat itu berlaku saat penandatanganan.`
      : html`<strong>Tidak sah</strong>: waktu penandatanganan tidak terbukti, dan sertifikatnya ${
          s.revokedAt ? html`sudah dicabut sejak ${wita(s.revokedAt)}` : 'sudah tidak berlaku'
        }.`;
  if (s.trusted === true && s.certificateValidAtSigning)
    return html`<strong>Sah</strong>: sertifikat diterbitkan oleh penerbit sertifikat yang diakui kantor ini dan berlaku saat penandatanganan.`;
  if (s.trusted === true && s.revokedAt)
    return html`<strong>Tidak sah</strong>: sertifikat sudah dicabut sejak ${wita(s.revokedAt)}, sebelum penandatanganan.`;
  if (s.trusted === true) return html`<strong>Tidak sah</strong>: sertifikat tidak berlaku saat penandatanganan.`;
  return html`<strong>Tidak dikenal</strong>: tanda tangan utuh, tetapi sertifikatnya tidak diterbitkan oleh penerbit sertifikat yang diakui kantor ini.`;
}

const trust = (stamp: TimestampReport) =>
  stamp.trusted === true ? 'penerbitnya dikenal' : 'penerbitnya tidak dikenal kantor ini';
