import { html } from 'hono/html';
import type { FactorChecker } from '#cases/decide.ts';
import type { ParafError } from '#errors/paraf-error.ts';
import type { IdentityProvider } from '#identity/identity.ts';
import { checkSigningFactor } from '#identity/signing-factor.ts';
import type { Runtime } from '#runtime/runtime.ts';

/**
 * The field a signing approval asks for: the official's authenticator code, or, where BSrE signs
 * (PARAF_SIGNER=bsre), their BSrE passphrase, which goes to BSrE with this request and is kept
 * nowhere (never echoed back into a page either). `doing` ends the label: "untuk menandatangani".
 */
export function signingFactorField(
  factor: 'code' | 'passphrase' | undefined,
  doing: string,
  demo: { code?: string | undefined; passphrase?: string | undefined } = {},
  /** Why the last code or passphrase was refused: said at the field, which takes the focus. */
  refused?: string,
) {
  const id = factor === 'passphrase' ? 'passphrase-bsre' : 'kode-ttd';
  const problem = refused ? html`<p class="isian-salah" id="${id}-salah">${refused}</p>` : '';
  const marked = refused ? html` aria-invalid="true" aria-describedby="${id}-salah" autofocus` : '';
  if (factor === 'passphrase')
    return html`<label for="passphrase-bsre">Passphrase sertifikat elektronik BSrE ${doing}</label>
      ${problem}<input type="password" id="passphrase-bsre" name="passphrase" required maxlength="200" autocomplete="off"${marked}>
      <p class="bantuan">Passphrase dikirim langsung ke BSrE untuk tanda tangan ini dan tidak disimpan oleh Paraf.</p>
      ${demo.passphrase ? html`<p class="notice">Mode uji: tanda tangan dibuat oleh tiruan layanan BSrE (bukan BSrE), yang menerima passphrase <strong id="passphrase-uji">${demo.passphrase}</strong>.</p>` : ''}`;
  if (factor === 'code')
    return html`<label for="kode-ttd">Kode autentikator (6 angka) ${doing}</label>
      ${problem}<input type="text" id="kode-ttd" name="kode" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code"${marked}>
      ${demo.code ? html`<p class="notice">Mode demo: kode autentikator Anda saat ini <strong id="kode-demo">${demo.code}</strong> (berganti tiap 30 detik).</p>` : ''}`;
  return '';
}

/** The factor a signing form sent, as the decision takes it; the passphrase only where one was asked. */
export function factorFromForm(form: Record<string, unknown> | undefined): {
  factorCode?: string;
  passphrase?: string;
} {
  return {
    ...(typeof form?.kode === 'string' ? { factorCode: form.kode } : {}),
    ...(typeof form?.passphrase === 'string' ? { passphrase: form.passphrase } : {}),
  };
}

/**
 * The signed-in official's own authenticator code, as a signature, the numbering, a handover without
 * the receipt's code and an absence ask it: one checker and one throttle for all of them.
 */
export const officialsCode =
  (rt: Runtime, identity: IdentityProvider): FactorChecker =>
  async (officialId, code) =>
    checkSigningFactor({ dynamo: rt.dynamo, table: rt.config.table }, officialId, code, await identity.demoOpen());

/**
 * A refusal of the code itself (wrong, missing, locked) or of its check for now (checks of the same
 * account's codes held every try, throttle.ts): the form again with what was typed, to try once more.
 */
export const isCodeRefusal = (error: ParafError) =>
  error.code === 'factor' || error.code === 'throttled' || error.code === 'checks-busy';
