import { type Acting, CAPACITY_TITLE } from './acting-official.ts';
import type { Official } from './load-staff-directory.ts';

/** The signature block a document prints (the `penandatangan` of its data), and whose key must sign it. */
export interface SignatureBlock {
  penandatangan: {
    nama: string;
    nip: string;
    pangkat: string;
    jabatan: string;
    sebagai: 'definitif' | 'an' | 'plh' | 'plt';
  };
  /** `nama`: the name printed, so that a successor under the same id (a new head) is not taken for the one printed. */
  signatory: { officialId: string; nama: string; sebagai: 'definitif' | 'an' | 'plh' | 'plt'; standsInFor?: string };
}

/**
 * The block as Indonesian official correspondence writes it (Permendagri 1/2023 on tata naskah
 * dinas), from the directory alone, so that no draft can print a name other than the signer's:
 *  - the head of office signs as himself (definitif);
 *  - a deputy in the head's stead signs as Plh. or Plt. of the head;
 *  - anyone else signs a.n. (on behalf of) the head, under their own position, or under
 *    "Plh./Plt. <position>" of the official they stand in for.
 */
export function signatureBlock(acting: Acting, head: Official): SignatureBlock {
  const { official, standsInFor } = acting;
  const person = { nama: official.name, nip: official.nip, pangkat: official.rank };
  const sebagai =
    official.id === head.id && !standsInFor
      ? ('definitif' as const)
      : standsInFor && standsInFor.official.id === head.id && standsInFor.as !== 'an'
        ? standsInFor.as
        : ('an' as const);
  const jabatan =
    standsInFor && standsInFor.official.id !== head.id && standsInFor.as !== 'an'
      ? `${CAPACITY_TITLE[standsInFor.as]} ${standsInFor.official.position}`
      : official.position;
  return {
    penandatangan: { ...person, jabatan, sebagai },
    signatory: {
      officialId: official.id,
      nama: official.name,
      sebagai,
      ...(standsInFor ? { standsInFor: standsInFor.official.id } : {}),
    },
  };
}

/**
 * Whether a document's printed block names someone else than the signer: another official, or, under
 * the same id, another name (a successor; a block printed before names were kept is taken by its id).
 */
export function printedForAnother(
  printed: { officialId: string; nama?: string | undefined },
  signer: { id: string; name: string | undefined },
): boolean {
  return printed.officialId !== signer.id || (printed.nama !== undefined && printed.nama !== signer.name);
}
