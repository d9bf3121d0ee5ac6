import { html } from 'hono/html';
import { complaintChannels, handoverRightsAndDuties } from '#sop/applicant-information.ts';
import { requirementNumbersNote } from '#sop/requirement-numbers.ts';
import type { Sop } from '#sop/schema.ts';

/** Where the applicant can complain, on every page of theirs: the SOP's channels, or the office's. */
export function complaintSection(sop: Sop) {
  const { items } = complaintChannels(sop);
  return html`<section class="card" aria-labelledby="pengaduan-judul">
    <h2 id="pengaduan-judul">Pengaduan, saran dan masukan</h2>
    <ul>${items.map((item) => html`<li>${item}</li>`)}</ul>
  </section>`;
}

/** The rights and duties the handover gives the applicant (the seed's list, or the office's where it only names them). */
export function rightsSection(sop: Sop) {
  if (!sop.steps.some((step) => step.kind === 'handover')) return '';
  const { items } = handoverRightsAndDuties(sop);
  return html`<section class="card" aria-labelledby="hak-judul">
    <h2 id="hak-judul">Informasi hak dan kewajiban pemohon</h2>
    <ul>${items.map((item) => html`<li>${item}</li>`)}</ul>
  </section>`;
}

/** The note under a case's requirements (sop/requirement-numbers.ts), only where the facts left some of the SOP's out. */
export function requirementNumbersSection(listed: readonly unknown[], sop: Sop) {
  const note = requirementNumbersNote(listed, sop);
  return note ? html`<p class="bantuan">${note}</p>` : '';
}

/** On the counter's form, where some requirements depend on the facts ticked above them. */
export const CONDITIONAL_REQUIREMENTS =
  'Nomor mengikuti daftar persyaratan pada SOP. Sebagian persyaratan hanya tampil bila berlaku menurut keadaan permohonan di atas.';
