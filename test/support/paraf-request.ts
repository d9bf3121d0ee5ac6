import type { SignatureRequest } from '#signing/sign-pdf.ts';

/** An official as the signing tests sign for them: enough for the signature block and the PKI. */
export interface TestOfficial {
  id: string;
  name: string;
  nip: string;
  position: string;
}

/** A paraf of `official` on page 1 in a 200 x 40 box at height `y`, as a reviewer's stamp is drawn. */
export const parafRequest = (official: TestOfficial, fieldName: string, y: number): SignatureRequest => ({
  officialId: official.id,
  fieldName,
  reason: 'Paraf',
  signerName: official.name,
  location: 'Samarinda',
  signingTime: new Date(),
  page: 1,
  rect: { x: 300, y, width: 200, height: 40 },
  lines: [official.position, official.name, 'diparaf secara elektronik'],
});
