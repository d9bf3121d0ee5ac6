import { html } from 'hono/html';
import { tryGetContext } from 'hono/context-storage';
import type { HtmlEscapedString } from 'hono/utils/html';
import { witaDateTime, witaMoment } from '#clock/wita.ts';
import { formatTanggal } from '#documents/format-dates.ts';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The stylesheet of every page, served as /stil.css: pages carry no inline style or script (the CSP forbids both). */
export const STYLE = `
*{box-sizing:border-box}
a.lewati{position:absolute;left:-999rem;top:.25rem;z-index:10;background:#fff;color:#0b4f6c;padding:.5rem 1rem;border:2px solid #0b4f6c;border-radius:.3rem}
a.lewati:focus{left:.5rem}
main:focus{outline:none}
.tersembunyi{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;margin:0;line-height:1.5;color:#1b1b1b;background:#f6f7f9}
header{background:#0b4f6c;color:#fff;padding:.5rem 1rem}
header a{color:#fff}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
li.akun{margin-left:auto}
form.akun{display:flex;flex-wrap:wrap;align-items:center;justify-content:flex-end;gap:.25rem .75rem;margin:.35rem 0 0;overflow-wrap:anywhere}
button.keluar{margin:0;padding:.15rem .75rem;background:#fff;color:#0b4f6c;border-color:#fff}
header p{margin:.25rem 0}
main{max-width:60rem;margin:0 auto;padding:1rem;background:#fff;min-height:80vh}
h1{font-size:1.4rem;margin-top:.25rem}
h2{font-size:1.15rem;margin-top:1.5rem}
dl{display:grid;grid-template-columns:fit-content(40%) 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid #ccd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}
.table-wrap{overflow-x:auto}
form.card,section.card{border:1px solid #ccd;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}
label.inline{display:inline;font-weight:normal}
input.berkas-asli{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}
label.tombol-berkas{display:inline-block;margin:.3rem .75rem .3rem 0;padding:.45rem 1rem;border:1px solid #0b4f6c;border-radius:.3rem;background:#eef5f8;color:#0b4f6c;cursor:pointer}
input.berkas-asli:focus-visible+label.tombol-berkas{outline:3px solid #0b4f6c;outline-offset:2px}
span.tanggal-terbaca{display:block;font-size:.9rem;color:#334;min-height:1.2em}
span.nama-berkas{display:inline-block;margin:.3rem 0;overflow-wrap:anywhere;color:#334}
input[type=text],input[type=password],input[type=email],input[type=tel],input[type=search],input[type=date],input[type=number],select,textarea{width:100%;max-width:36rem;padding:.4rem;font:inherit;border:1px solid #99a;border-radius:.25rem}
button{font:inherit;padding:.5rem 1rem;margin-top:.5rem;border-radius:.3rem;border:1px solid #0b4f6c;background:#0b4f6c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f6c}
button.danger{background:#a4262c;border-color:#a4262c}
.notice{background:#fff7d6;border:1px solid #e0c36a;padding:.5rem .75rem;border-radius:.3rem}
.error{background:#fde7e9;border:1px solid #a4262c;padding:.5rem .75rem;border-radius:.3rem}
.ok{background:#e6f4ea;border:1px solid #2e7d32;padding:.5rem .75rem;border-radius:.3rem}
section.notice{margin:1rem 0}
.send-back{border-left:.4rem solid #a4262c}
.send-back h2{margin-top:0}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:.3rem;font-weight:600}
.badge.baik{background:#e6f4ea;border:1px solid #2e7d32}
.badge.perhatian{background:#fde7e9;border:1px solid #a4262c}
iframe{width:100%;height:32rem;border:1px solid #ccd}
fieldset{min-width:0}
fieldset label{overflow-wrap:break-word}
fieldset.skala{margin:.5rem 0;border:1px solid #ccd;border-radius:.3rem}
fieldset.skala label{display:inline-block;white-space:nowrap;margin:.2rem 1rem .2rem 0;font-weight:normal}
fieldset.skala.belum{border:2px solid #a4262c}
.belum-dijawab{color:#a4262c;font-weight:600;margin:0}
code{word-break:break-all}
figure.kode-qr{margin:.5rem 0}
figure.kode-qr svg{display:block;width:15rem;max-width:100%;height:auto;background:#fff}
.kunci{font-family:ui-monospace,monospace;font-size:1.05rem;overflow-wrap:anywhere}
fieldset.isian{border:1px solid #ccd;border-radius:.3rem;margin:.75rem 0;padding:.25rem .75rem .75rem;min-width:0}
fieldset.isian legend{font-weight:600;padding:0 .25rem}
label.pilihan-wakil{display:flex;gap:.5rem;align-items:flex-start;font-weight:normal;overflow-wrap:anywhere}
label.pilihan-wakil input{margin-top:.3rem;flex:none}
.baris{border-left:3px solid #ccd;padding-left:.5rem;margin:.5rem 0}
.bantuan{margin:0 0 .2rem;font-size:.9rem;color:#4a4a55}
ul.bantuan{padding-left:1.25rem}
.judul-isian{margin:.5rem 0 .2rem;font-weight:600}
.boleh-kosong{font-weight:400;color:#4a4a55}
.isian-salah{color:#a4262c;font-weight:600;margin:.2rem 0}
input[aria-invalid=true],textarea[aria-invalid=true],select[aria-invalid=true]{border-color:#a4262c;border-width:2px}
ul.lampiran li{overflow-wrap:anywhere;margin:.35rem 0}
.nomor{overflow-wrap:anywhere}
.nomor-utuh{overflow-wrap:normal}.nomor-utuh span{white-space:nowrap}
.berkas{white-space:nowrap}
img.pratinjau{display:block;max-width:100%;max-height:32rem;height:auto;border:1px solid #ccd;margin:.25rem 0}
a.button{display:inline-block;padding:.5rem 1rem;border-radius:.3rem;background:#0b4f6c;color:#fff;text-decoration:none;font-weight:600}
pre.mail-text{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;font-size:.95rem;background:#f6f7f9;border:1px solid #ccd;border-radius:.3rem;padding:.5rem .75rem;margin:.5rem 0}
details.hashes{margin:.75rem 0}
details.tanpa-kode{margin-top:1.25rem}
details.hashes summary{cursor:pointer;color:#0b4f6c}
details.hashes ul{padding-left:1.25rem}
@media (max-width:40rem){
iframe.pdf-preview{display:none}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack caption{display:block;text-align:left;margin-bottom:.5rem}
table.stack tr{border:1px solid #ccd;border-radius:.4rem;margin:0 0 .75rem;padding:.35rem .6rem}
table.stack td{border:none;padding:.15rem 0}
table.stack td[data-label]::before{content:attr(data-label);display:block;font-size:.85rem;font-weight:600;color:#445}
}
@media print{header,nav,.no-print{display:none}main{max-width:none}}
`;

/**
 * The header's menu follows who is looking, not the page: an official signed in sees the staff menu,
 * their name and Keluar on every page (a shared counter computer must show whose session is open);
 * anyone else, the applicant's and the public's two pages and the way in for staff. The request is
 * read through Hono's context storage (app.ts), so no route passes its viewer to the frame.
 */
function headerMenu() {
  const context = tryGetContext();
  const official = context?.get('paraf.signedIn')?.official;
  if (!official)
    return html`<nav aria-label="Menu"><ul>
<li><a href="/cek-status">Cek status permohonan</a></li>
<li><a href="/verifikasi">Verifikasi dokumen</a></li>
<li class="akun"><a href="/masuk">Masuk petugas</a></li>
</ul></nav>`;
  // Only where Paraf holds the password (the local sign-in says whether it must change; Cognito leaves it unsaid).
  const ownPassword = context?.get('paraf.signedIn')?.mustChangePassword === false;
  // While the printed key is being replaced the page that replaces it is already open.
  const ownKey = ownPassword && !context?.get('paraf.signedIn')?.mustEnrolAuthenticator;
  const areas = context?.get('paraf.areas')?.();
  const area = (name: string, label: string) =>
    areas?.has(name) ? html`<li><a href="/${name}">${label}</a></li>` : '';
  return html`<nav aria-label="Menu petugas"><ul>
${area('loket', 'Loket')}
<li><a href="/tugas">Tugas saya</a></li>
${area('tata-usaha', 'Tata Usaha')}
${area('arsip', 'Arsip')}
${area('dasbor', 'Dasbor')}
<li><a href="/cek-status">Cek status</a></li>
${context?.get('paraf.outbox') ? html`<li><a href="/kotak-keluar">Kotak keluar</a></li>` : ''}
</ul></nav>
<form class="akun" method="post" action="/keluar"><span>Masuk sebagai <strong>${official.name}</strong></span>${ownPassword ? html` <a href="/kata-sandi">Ganti kata sandi</a>` : ''}${ownKey ? html` <a href="/autentikator">Ganti kunci autentikator</a>` : ''} <button type="submit" class="keluar">Keluar</button></form>`;
}

/**
 * A register number that a reader compares with paper, broken across lines only after a slash: "XI"
 * then "I/2026" on the next line reads as another month. The text is unchanged when copied.
 */
export function wholeNumber(number: string) {
  const parts = number.split(/(?<=\/)/);
  return html`<span class="nomor-utuh">${parts.map((part, i) => html`${i ? html`<wbr>` : ''}<span>${part}</span>`)}</span>`;
}

/** The frame of every page: Bahasa Indonesia, readable on a phone; its one script (form-messages.ts) only words the form checks. */
export function page(title: string, body: Content) {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Paraf DPMPTSP Kaltim</title>
<link rel="stylesheet" href="/stil.css">
<script src="/validasi.js" defer></script>
</head>
<body>
<a class="lewati" href="#isi">Langsung ke isi halaman</a>
<header>
<p><strong>Paraf</strong> · DPMPTSP Provinsi Kalimantan Timur</p>
${headerMenu()}
</header>
<main id="isi" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** A number as the office writes it: a decimal comma and a dot between thousands ("97,22", "1.234,5"). */
export const angka = (value: number, decimals: number) =>
  value.toLocaleString('id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** An instant as the office reads it: "21 November 2026 pukul 14.05 WITA". */
export function wita(iso: string | null | undefined): string {
  return iso ? witaMoment(new Date(iso)) : '-';
}

/** A day as the office writes it, in WITA: "1 Desember 2026". */
export function tanggalWita(iso: string | null | undefined): string {
  return iso ? formatTanggal(witaDateTime(new Date(iso)).date) : '-';
}

/**
 * A label with a line break allowed after each slash: the seeds join alternatives with slashes
 * ("pengesahan/persetujuan/pemberitahuan"), one word to the browser, wider than a phone's form.
 */
export const breakAfterSlashes = (text: string) =>
  html`${text.split('/').map((part, i, parts) => (i < parts.length - 1 ? html`${part}/<wbr>` : html`${part}`))}`;
