import type { SignerPort } from './signer-port.ts';
import { signPdf } from './sign-pdf.ts';
import type { TimestampAuthority } from './timestamp-client.ts';

/**
 * The office's system seal: the key that signs what Paraf itself attests (the history sheet), not
 * what an official decided. It goes through the same signer port as the officials' keys under an
 * id no official has: locally LocalPki makes `pki/segel-kantor.key.pem` under the office CA
 * (encrypted like theirs); on AWS it is the signing stack's KMS key `segel-kantor`, whose chain
 * `npx paraf aws certify` stores beside each official's.
 */
export const OFFICE_SEAL = {
  id: 'segel-kantor',
  name: 'Segel Elektronik Paraf DPMPTSP Provinsi Kalimantan Timur',
} as const;

/** Seals a PDF the office issues about a document: one signature by the seal, time-stamped, in the reserved box. */
export async function sealPdf(
  pdf: Uint8Array,
  box: { page: number; x: number; y: number; width: number; height: number },
  at: Date,
  signer: SignerPort,
  tsa?: TimestampAuthority,
): Promise<Uint8Array> {
  return signPdf(
    pdf,
    {
      officialId: OFFICE_SEAL.id,
      fieldName: 'segel-kantor',
      reason: 'Segel elektronik',
      signerName: OFFICE_SEAL.name,
      location: 'Samarinda',
      signingTime: at,
      page: box.page,
      rect: { x: box.x, y: box.y, width: box.width, height: box.height },
      lines: ['Disegel secara elektronik oleh', OFFICE_SEAL.name],
      style: { kind: 'stamp', minSize: 7 },
    },
    signer,
    tsa,
  );
}
