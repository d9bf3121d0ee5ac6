import type { SlotPosition } from '#documents/pdf/render-pdf.ts';
import { witaMoment } from '#clock/wita.ts';
import { BASE_SIZE } from '#documents/parse-markup.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import type { BsreClient } from './bsre-client.ts';
import { signWithBsre } from './sign-with-bsre.ts';
import { signPdf, type SignatureRequest } from './sign-pdf.ts';
import type { SignerPort } from './signer-port.ts';
import type { TimestampAuthority } from './timestamp-client.ts';

/**
 * How the signature is made: Paraf's own CMS over a key the signer port holds (local, KMS), with its
 * TSA's timestamp; or BSrE, which signs the whole copy with the official's certificate (by NIK) on the
 * passphrase the official typed at this moment.
 */
export type SigningMeans =
  | { kind: 'port'; signer: SignerPort; tsa?: TimestampAuthority }
  | { kind: 'bsre'; client: BsreClient; nik: string; passphrase: string; tsa?: TimestampAuthority };

/** What an official's step puts on a copy: a paraf in their cell, the Kepala's signature, or the register stamp. */
export type StepSignature =
  | { kind: 'paraf'; step: number }
  | { kind: 'signature' }
  | { kind: 'registration'; number: string };

export interface ApplyStepSignatureInput {
  pdf: Uint8Array;
  /** The reserved areas the render reported for this copy. */
  slots: SlotPosition[];
  action: StepSignature;
  official: Official;
  /** A deputy's stamp says as what they signed ("Plh."), beside the name. */
  capacity?: string | undefined;
  /** The decision that approved the step: a retry of the same decision signs nothing more. */
  decisionId: string;
  at: Date;
  means: SigningMeans;
}

/** The smallest a paraf or signature stamp is set: legible on the printed copy. */
const LEGIBLE_SIZE = 7;

const SLOT: Record<StepSignature['kind'], (action: StepSignature) => string> = {
  paraf: (action) => `paraf-${(action as { step: number }).step}`,
  signature: () => 'tanda-tangan',
  registration: () => 'nomor-registrasi',
};

/**
 * Signs one copy for one step, with the appearance where the document reserved room for it.
 * The wording is what the office reads on paper: who, and when, in WITA.
 */
export async function applyStepSignature(input: ApplyStepSignatureInput): Promise<Uint8Array> {
  const slotName = SLOT[input.action.kind](input.action);
  const slot = input.slots.find((s) => s.name === slotName);
  if (!slot) throw new Error(`the copy reserves no "${slotName}" area for this ${input.action.kind}`);
  const when = witaMoment(input.at);
  const signer = input.capacity ? `${input.official.name} (${input.capacity})` : input.official.name;
  const content = {
    paraf: { reason: 'Paraf', lines: ['Paraf elektronik', signer, when] },
    signature: {
      reason: 'Tanda tangan',
      lines: ['Ditandatangani secara elektronik oleh', signer, `pada ${when}`],
    },
    // Only the number, as typed on the Nomor line; who registered it and when are the signature's
    // own (its signer and time), which pdfsig and the verification page show.
    registration: { reason: 'Registrasi', lines: [(input.action as { number?: string }).number ?? ''] },
  }[input.action.kind];
  const style: SignatureRequest['style'] =
    input.action.kind === 'registration'
      ? { kind: 'typed', size: slot.textSize ?? BASE_SIZE }
      : { kind: 'stamp', minSize: LEGIBLE_SIZE };
  const fieldName = `${slotName}-${input.decisionId}`;
  const appearance = {
    page: slot.page,
    rect: { x: slot.x, y: slot.y, width: slot.width, height: slot.height },
    lines: content.lines,
    style,
  };
  const { means } = input;
  if (means.kind === 'bsre')
    return signWithBsre(
      means.client,
      input.pdf,
      { ...appearance, fieldName, nik: means.nik, passphrase: means.passphrase },
      means.tsa,
    );
  return signPdf(
    input.pdf,
    {
      ...appearance,
      officialId: input.official.id,
      fieldName,
      reason: content.reason,
      signerName: input.official.name,
      location: 'Samarinda',
      signingTime: input.at,
    },
    means.signer,
    means.tsa,
  );
}
