import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StandingIn } from './standing-in.ts';
import { getPermit, signerFacts } from './permit-index.ts';

export type Verification =
  | { found: false }
  | {
      found: true;
      title: string;
      registrationNumber: string;
      issuedAt: string;
      company: string;
      /** The holder's NIB and NPWP as the document prints them, where it prints them: a reader compares them with the paper. */
      nib: string | null;
      npwp: string | null;
      status: 'aktif' | 'dicabut';
      revocation: { number: string; date: string } | null;
      /** Recommendations to revoke: the permit is still in force until a revocation is recorded. */
      revocationRecommendations: { number: string; date: string; addressedTo: string | null }[];
      /** SHA-256 of each copy as archived: whoever holds a copy can compare. */
      copies: { copy: number; sha256: string }[];
      signers: {
        name: string;
        position: string;
        reason: string;
        at: string;
        timestamp?: { at: string; tsa: string };
        certificateIssuer?: string;
        /** A deputy's signature: as what, in whose position (the paper's signature block says the same). */
        standsInFor?: StandingIn;
      }[];
    };

/**
 * What the public verification page (the QR code's target) shows for a document id: only what
 * the paper itself says, its hashes and its signers; nothing else of the case.
 */
export async function getVerification(
  client: DynamoDBDocumentClient,
  table: string,
  documentId: string,
): Promise<Verification> {
  const permit = await getPermit(client, table, documentId);
  if (!permit) return { found: false };
  return {
    found: true,
    title: permit.title,
    registrationNumber: permit.registrationNumber,
    issuedAt: permit.issuedAt,
    company: permit.company,
    nib: permit.nib,
    npwp: permit.npwp,
    status: permit.status,
    revocation: permit.revocation ? { number: permit.revocation.number, date: permit.revocation.date } : null,
    revocationRecommendations: (permit.revocationRecommendations ?? []).map(({ number, date, addressedTo }) => ({
      number,
      date,
      addressedTo,
    })),
    copies: permit.copies.map(({ copy, sha256 }) => ({ copy, sha256 })),
    signers: permit.signers.map(signerFacts),
  };
}
