import type { Sop } from './schema.ts';

/**
 * What stands under a list of a case's requirements wherever it is shown (the receipt, the counter's
 * and the checking steps' pages): the numbers are the SOP's, so where the facts of the application
 * make some requirements not apply, the numbers skip them, and the reader is told why.
 */
const REQUIREMENT_NUMBERS =
  'Nomor mengikuti daftar persyaratan pada SOP; persyaratan yang tidak berlaku untuk permohonan ini tidak dicantumkan.';

/** The note under a case's requirements, only where the facts left some of the SOP's out. */
export const requirementNumbersNote = (listed: readonly unknown[], sop: Pick<Sop, 'requirements'>) =>
  listed.length < sop.requirements.length ? REQUIREMENT_NUMBERS : undefined;
