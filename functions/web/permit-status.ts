import { html } from 'hono/html';
import type { PermitAct } from '#cases/verify-document.ts';
import { wholeNumber } from './page.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';

interface StatusFields {
  status: 'aktif' | 'dicabut';
  revocation: { number: string; date: string } | null;
  revocationRecommendations?: { number: string; date: string; addressedTo: string | null }[];
}

/**
 * How a permit's standing reads to people, one sentence for every page that shows it: revoked by a
 * decree, or in force, and then whether a recommendation to revoke it was issued (the latest; a
 * recommendation does not revoke, so it never reads as "dicabut").
 */
export function describePermitStatus(permit: StatusFields): {
  tone: 'ok' | 'notice' | 'error';
  headline: string;
  detail: string;
} {
  if (permit.status === 'dicabut') {
    const by = permit.revocation
      ? ` dengan Keputusan Nomor ${permit.revocation.number} tanggal ${formatTanggal(permit.revocation.date)}`
      : '';
    return { tone: 'error', headline: `DICABUT${by}`, detail: `dicabut${by}` };
  }
  const recommendation = permit.revocationRecommendations?.at(-1);
  if (!recommendation) return { tone: 'ok', headline: 'SAH dan berlaku', detail: 'aktif' };
  const which = `Rekomendasi Nomor ${recommendation.number} tanggal ${formatTanggal(recommendation.date)}${recommendation.addressedTo ? ` kepada ${recommendation.addressedTo}` : ''}`;
  return {
    tone: 'notice',
    headline: `SAH dan berlaku, direkomendasikan untuk dicabut dengan ${which}; izin tetap berlaku sampai pencabutannya ditetapkan`,
    detail: `aktif, direkomendasikan untuk dicabut dengan ${which}`,
  };
}

/** A deputy's signature as the pages list it: ", Plh. Kepala Bidang ..." after the signer's own position. */
export function standingInWords(signer: { standsInFor?: { as: 'an' | 'plh' | 'plt'; position: string } | undefined }) {
  return signer.standsInFor ? `, ${CAPACITY_TITLE[signer.standsInFor.as]} ${signer.standsInFor.position}` : '';
}

/**
 * A revocation's decree or a recommendation to revoke is not itself a permit in force: it says what it
 * does to which permit, linked to that permit's own standing.
 */
export function permitActSentence(act: PermitAct) {
  const permit = html`<a href="/verifikasi/${act.permit.documentId}">${act.permit.title} Nomor ${wholeNumber(act.permit.registrationNumber)}</a>`;
  return act.effect === 'revokes'
    ? html`Keputusan ini <strong>mencabut</strong> ${permit}.`
    : html`Rekomendasi ini <strong>meminta pencabutan</strong> ${permit} kepada instansi yang berwenang; izin itu tetap berlaku sampai pencabutannya ditetapkan.`;
}
