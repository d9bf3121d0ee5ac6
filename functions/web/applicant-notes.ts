import { html } from 'hono/html';
import { complaintChannels, handoverRightsAndDuties } from '#sop/applicant-information.ts';
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

/**
 * Under a list of the application's requirements: the numbers are the SOP's, so where the facts of
 * the application make some requirements not apply, the numbers skip them.
 */
const REQUIREMENT_NUMBERS =
  'Nomor mengikuti daftar persyaratan pada SOP; persyaratan yang tidak berlaku untuk permohonan ini tidak dicantumkan.';

/** The note under a case's requirements, only where the facts left some of the SOP's out. */
export const requirementNumbersNote = (listed: readonly unknown[], sop: Sop) =>
  listed.length < sop.requirements.length ? html`<p class="bantuan">${REQUIREMENT_NUMBERS}</p>` : '';

/** On the counter's form, where some requirements depend on the facts ticked above them. */
export const CONDITIONAL_REQUIREMENTS =
  'Nomor mengikuti daftar persyaratan pada SOP. Sebagian persyaratan hanya tampil bila berlaku menurut keadaan permohonan di atas.';
