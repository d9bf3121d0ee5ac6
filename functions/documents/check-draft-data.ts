import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { draftSchemaOf, printsSignatureBlock } from './kinds/index.ts';

/**
 * What is wrong with a drafter's data for one document kind, in Bahasa Indonesia; undefined when
 * it is valid. The signature block is never the drafter's: Paraf prints the signer from the staff
 * directory, so a draft naming one is refused by name rather than quietly overwritten.
 */
export function draftDataProblem(kind: string, value: unknown): string | undefined {
  const schema = draftSchemaOf(kind);
  if (!schema) return `Jenis dokumen "${kind}" tidak dikenal.`;
  if (printsSignatureBlock(kind) && value && typeof value === 'object' && 'penandatangan' in value)
    return `Data ${kind}: isian "penandatangan" tidak diisi pada draf; nama, NIP, pangkat dan jabatan penandatangan diambil dari direktori staf saat dokumen dicetak.`;
  const check = schema.safeParse(value, { error: indonesianErrors });
  return check.success ? undefined : `Data ${kind} tidak valid: ${zodMessage(check.error.issues)}`;
}
