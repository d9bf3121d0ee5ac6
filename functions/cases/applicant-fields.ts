/**
 * The applicant's fields, one table for the places that name them: the counter's form (its field
 * names and inputs), the counter's refusals (by the API's key), and the checking steps' page that
 * shows what the counter recorded. Which of them an SOP's counter requires is applicant-in-drafts.ts's.
 */
export const APPLICANT_FIELDS = [
  { key: 'name', field: 'nama', label: 'Nama pemohon / perusahaan', input: 'type="text" maxlength="200"' },
  {
    key: 'nib',
    field: 'nib',
    label: 'NIB',
    hint: '13 angka',
    // The title completes the browser's message for a wrong form (/validasi.js: "Bentuk isian belum sesuai: 13 angka").
    input: 'type="text" inputmode="numeric" pattern="\\d{13}" title="13 angka"',
  },
  {
    key: 'npwp',
    field: 'npwp',
    label: 'NPWP',
    hint: '15 atau 16 angka',
    // Digits with the dots, hyphens and spaces people write them with (the browser's v-flag needs \- in a class).
    input: 'type="text" inputmode="numeric" pattern="[\\d.\\- ]*" title="15 atau 16 angka"',
  },
  { key: 'address', field: 'alamat', label: 'Alamat', input: 'type="text" maxlength="300"' },
  { key: 'email', field: 'email', label: 'E-mail', input: 'type="email"' },
  { key: 'phone', field: 'telepon', label: 'Telepon', input: 'type="tel"' },
] as const;

export type ApplicantKey = (typeof APPLICANT_FIELDS)[number]['key'];

/** A field's label as a refusal names it, by the API's key (`nib`); the applicant as a whole otherwise. */
export const applicantLabel = (key: string): string =>
  APPLICANT_FIELDS.find((field) => field.key === key)?.label ?? 'Pemohon';
