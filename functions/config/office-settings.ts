import { readOfficeFile } from './read-office-file.ts';
import * as z from 'zod/mini';
import { officeFiles } from './office-files.ts';
import { resourcePath } from './resource-path.ts';

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const OfficeSettingsFile = z.lazy(() =>
  z.strictObject({
    note: z.optional(z.string()),
    /** Working days a file may stay with the applicant before the front office is reminded. */
    applicantCorrectionWorkingDays: z.number().check(z.int(), z.gte(1), z.lte(60)),
    /**
     * Whether the front office may close a case while the file is back with the applicant (the
     * applicant withdraws, or files a new application instead): at every such wait, or only where the
     * seed says so for that send-back (`newApplication` in the catalog). The seeds of API-U, IMTA and
     * DALAK 006 give no such ending, so with 'where-seed-says' their corrections can only come back.
     */
    applicantCorrectionCanClose: z._default(z.enum(['every-return', 'where-seed-says']), 'every-return'),
    /**
     * The complaint channels the applicant's pages and receipts name where the SOP's seed names none
     * (the DALAK seeds have no "pengaduan" section); where the seed names them, the seed's are shown.
     */
    complaintChannels: z.array(z.string().check(z.trim(), z.minLength(1))).check(z.minLength(1)),
    /**
     * The rights and duties the handover receipt lists where the seed only names them without a list
     * (PAR-05's step 16: "Menginformasikan hak & kewajiban pemohon ..."); where the seed lists them
     * (API-U, IMTA), the seed's list is printed.
     */
    handoverRightsAndDuties: z.array(z.string().check(z.trim(), z.minLength(1))).check(z.minLength(1)),
    /**
     * Who issued the officials' signing certificates, as every issued document's statement names it
     * beside its QR code: the development CA on one machine, BSrE (BSSN) in an office that uses it.
     */
    certificateIssuer: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  }),
);

export type OfficeSettings = z.infer<typeof OfficeSettingsFile>;

/** Reads config/office.json, or another file: behaviour the seeds leave to the office. */
export function loadOfficeSettings(file: string = resourcePath('config', 'office.json')): OfficeSettings {
  return readOfficeFile(file, OfficeSettingsFile);
}

let cached: { file: string; settings: OfficeSettings } | undefined;

/** The office's settings from the configured file (PARAF_OFFICE, office-files.ts), read and checked once. */
export function officeSettings(): OfficeSettings {
  const file = officeFiles().officeFile;
  if (cached?.file !== file) cached = { file, settings: loadOfficeSettings(file) };
  return cached.settings;
}
