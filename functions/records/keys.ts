/**
 * Every key format of the one table (single-table design), in one place: the modules of records/
 * and registry/ build their keys here, so a format is changed once and a reader finds all of them.
 *
 * | pk / sk                                                    | item |
 * |---|---|
 * | CASE#<case> / META                                        | the application: SOP, applicant, status, file number; GSI4 CASES#<sop> / <created> |
 * | CASE#<case> / EVENT#<at>#<action>                         | one entry of the audit trail (map pengendali proses) |
 * | CASE#<case> / DOC#<kind>                                  | where a case's document stands (revision, copies, number, signers) |
 * | CASE#<case> / LONGTERM#<kind>                             | its copies' PAdES level, TSAs and DSS contents; GSI4 LONGTERM / <last timestamp's TSA expiry>#<case>#<kind> |
 * | CASE#<case> / NUMBER#<register>#<kind>                    | the number a case's document got, or a voided one; GSI1 REGISTER#<register>#<year> / SEQ#<000042> |
 * | CASE#<case> / NUMBER#<register>#<kind>#<seq>              | a second number overlapping attempts of one claim took, void (registry/assign-number.ts); GSI1 as above |
 * | CASE#<case> / OPENLINK#<step>#<purpose>#<official>        | which link an official's e-mail for a step carries |
 * | CASE#<case> / ASKED#<created>#<link>                      | every link a case was asked through (the dashboard) |
 * | CASE#<case> / CLAIM#<step>#<purpose>#<token hash>         | which link decides a step's asking: one of two officials at once |
 * | REGISTER#<register>#<year> / COUNTER                      | the register's last number, and numbers in flight |
 * | LINK#<link> / META                                        | an approval link; while it waits, GSI6 (TASKS) OFFICIAL#<official> / <created>#<link> |
 * | INTAKE#PENDING / <at>#<case>                              | an intake in progress; settled if it outlives its intake |
 * | DECISION#PENDING / <at>#<link>                            | a decision being taken; delivered by the sweep if it outlives its request |
 * | MAIL#RETRY / <message>                                    | an e-mail the mail service did not take, sent again by the sweep with backoff |
 * | PERMIT#<document> / META                                  | an issued document; GSI1 PERMITS#<status>, GSI2 REGNO#<number>, GSI3 NIB#<nib>, GSI4 SOP#<sop>, GSI5 NPWP#<digits>, each / <issued> |
 * | PERMITNAME#<first 3 letters> / <name tail>#<issued>#<document> | the name index: one per word of the company's name |
 * | SHA256#<hash> / META                                      | an issued copy, or an earlier revision of it, by the SHA-256 of its bytes (verification by upload) |
 * | SIGNATURE#<hash> / META                                   | an issued copy by the SHA-256 of one of its signatures' /Contents (an altered copy still carries them) |
 * | SURVEY#<sop> / <at>#<case>                                | an applicant's survey answers (IKM) |
 * | ABSENCE / <absence>                                       | an official's absence and who stands in (Plh./Plt./a.n.), while it is not over |
 * | ABSENCE#<year it ended> / <last day>#<absence>            | an absence over, moved out of ABSENCE so that reading those in force stays small |
 * | ACCOUNT#<official> / META                                 | an official's sign-in account: password hash (local), TOTP secret |
 * | SESSION#<SHA-256 of the cookie> / META                    | a signed-in session (never the cookie itself) |
 * | THROTTLE#<act>#<official>[#<client>] / <window start>     | failed sign-ins (per client, per official) or codes in a 15-minute window |
 * | CERTIFICATE / <official or seal>                          | on AWS: a KMS signing key's id and the certificate chain issued for it (`paraf aws certify`) |
 * | UPLOAD#CLAIM / <upload key>                               | an upload a request has taken for its intake (one request at a time); removed with the upload |
 *
 * Steps are two digits (`07`), sequence numbers six (`000042`), so the sort keys sort as numbers do.
 */

export interface ItemKey {
  pk: string;
  sk: string;
}

const META = 'META';
const step2 = (step: number) => String(step).padStart(2, '0');

/** The partition of everything a case holds. */
export const casePartition = (caseId: string): string => `CASE#${caseId}`;
export const caseKey = (caseId: string): ItemKey => ({ pk: casePartition(caseId), sk: META });
/** GSI4 keys of a case record: the SOP's cases by receipt time (the dashboard). */
export const caseSopIndexKeys = (sop: string, createdAt: string) => ({
  gsi4pk: casesOfSop(sop),
  gsi4sk: createdAt,
});
export const casesOfSop = (sop: string): string => `CASES#${sop}`;

export const EVENT_PREFIX = 'EVENT#';
/**
 * An event's key is its action's, not its time's: a retried step records the same action at a later
 * instant, and one conditional write on this key refuses it, with no read before. The trail is put
 * in order of time when read (listEvents). Events written before 2026-12-06 are keyed
 * `EVENT#<at>#<actionId>`: read alike, under the same prefix.
 */
export const eventKey = (caseId: string, actionId: string): ItemKey => ({
  pk: casePartition(caseId),
  sk: `${EVENT_PREFIX}id#${actionId}`,
});

export const documentStateKey = (caseId: string, kind: string): ItemKey => ({
  pk: casePartition(caseId),
  sk: `DOC#${kind}`,
});

/** A document's long-term validation facts (records/long-term-records.ts). */
export const longTermKey = (caseId: string, kind: string): ItemKey => ({
  pk: casePartition(caseId),
  sk: `LONGTERM#${kind}`,
});
/** GSI4 keys of a long-term record: every document by when its last timestamp's TSA certificate expires. */
export const LONG_TERM_PARTITION = 'LONGTERM';
export const longTermIndexKeys = (expiresAt: string, caseId: string, kind: string) => ({
  gsi4pk: LONG_TERM_PARTITION,
  gsi4sk: `${expiresAt}#${caseId}#${kind}`,
});

/** A case's claim on a register's number for one of its documents. */
export const numberClaimKey = (caseId: string, register: string, kind: string): ItemKey => ({
  pk: casePartition(caseId),
  sk: `NUMBER#${register}#${kind}`,
});
/** A second number overlapping attempts of one claim took, recorded void beside the claim (registry/assign-number.ts). */
export const duplicateNumberKey = (caseId: string, register: string, kind: string, seq: number): ItemKey => {
  const claim = numberClaimKey(caseId, register, kind);
  return { pk: claim.pk, sk: `${claim.sk}#${seq}` };
};
/** A register's year: the counter's partition, and the GSI1 partition its numbers are listed under. */
export const registerPartition = (register: string, year: number | string): string => `REGISTER#${register}#${year}`;
export const registerCounterKey = (register: string, year: number | string): ItemKey => ({
  pk: registerPartition(register, year),
  sk: 'COUNTER',
});
/** GSI1 sort key: a number's place in its register's order. */
export const registerSequence = (seq: number | string): string => `SEQ#${String(seq).padStart(6, '0')}`;
/** GSI1 keys of a claim: the register-year's list in number order. */
export const registerIndexKeys = (register: string, year: number, seq: number) => ({
  gsi1pk: registerPartition(register, year),
  gsi1sk: registerSequence(seq),
});
/** The counter's `pending` entry of a claim. */
export const pendingClaim = (caseId: string, kind: string): string => `${caseId}#${kind}`;

/** An official's link for a step; without an official, the prefix of every official's link of that step. */
export const openLinkKey = (caseId: string, step: number, purpose: string, officialId = ''): ItemKey => ({
  pk: casePartition(caseId),
  sk: `OPENLINK#${step2(step)}#${purpose}#${officialId}`,
});
export const ASKED_PREFIX = 'ASKED#';
export const askedKey = (caseId: string, createdAt: string, linkId: string): ItemKey => ({
  pk: casePartition(caseId),
  sk: `${ASKED_PREFIX}${createdAt}#${linkId}`,
});
export const askingClaimKey = (caseId: string, step: number, purpose: string, asking: string): ItemKey => ({
  pk: casePartition(caseId),
  sk: `CLAIM#${step2(step)}#${purpose}#${asking}`,
});

export const linkKey = (linkId: string): ItemKey => ({ pk: `LINK#${linkId}`, sk: META });
/** TASKS (GSI6) partition: an official's queue of waiting links. */
export const officialTasks = (officialId: string): string => `OFFICIAL#${officialId}`;
export const taskSort = (createdAt: string, linkId: string): string => `${createdAt}#${linkId}`;

export const INTAKE_PENDING = 'INTAKE#PENDING';
export const intakeMarkerKey = (at: string, caseId: string): ItemKey => ({ pk: INTAKE_PENDING, sk: `${at}#${caseId}` });
/** The loket form's one-time intake id, taken by the first intake that sent it. */
export const intakeFormKey = (form: string): ItemKey => ({ pk: `INTAKE#FORM#${form}`, sk: META });
/** Decision markers of Paraf before 2026-12-06, one per decision being taken; the sweep still reads them. */
export const DECISION_PENDING = 'DECISION#PENDING';
/** The task index's partition of decided links the workflow has not taken yet (records/links.ts): the sweep's. */
export const UNDELIVERED_DECISIONS = 'DECISION#UNDELIVERED';
export const decisionMarkerKey = (at: string, linkId: string): ItemKey => ({
  pk: DECISION_PENDING,
  sk: `${at}#${linkId}`,
});

export const MAIL_RETRY = 'MAIL#RETRY';
export const mailRetryKey = (id: string): ItemKey => ({ pk: MAIL_RETRY, sk: id });

export const permitKey = (documentId: string): ItemKey => ({ pk: `PERMIT#${documentId}`, sk: META });
/** The partitions of the permit indexes (GSI2 to GSI5). */
export const permitIndexPartition = {
  regNo: (registrationNumber: string) => `REGNO#${registrationNumber}`,
  nib: (nib: string) => `NIB#${nib}`,
  sop: (sop: string) => `SOP#${sop}`,
  /** NPWP by its digits only: written with or without its dots and dash, it is the same number. */
  npwp: (npwp: string) => `NPWP#${npwpDigits(npwp)}`,
  /**
   * Every permit of a status (GSI1, which otherwise lists the registers' numbers): the archive's
   * search by status or by issue date alone. Its keys sit on the permit's own record, so the write
   * that changes the status (markRevoked) moves it in the index too.
   */
  status: (status: string) => `PERMITS#${status}`,
};
export const npwpDigits = (value: string): string => value.replace(/\D/g, '');
/** The name index's partition: the first three letters of the words searched (or indexed). */
export const permitNamePartition = (phrase: string): string => `PERMITNAME#${phrase.slice(0, 3)}`;
export const permitNameKey = (tail: string, issuedAt: string, documentId: string): ItemKey => ({
  pk: permitNamePartition(tail),
  sk: `${tail}#${issuedAt}#${documentId}`,
});

/** A revision of an issued copy by its bytes' SHA-256 (lower-case hex). */
export const revisionHashKey = (sha256: string): ItemKey => ({ pk: `SHA256#${sha256}`, sk: META });
/** An issued copy by the SHA-256 of one of its signatures' /Contents (lower-case hex, as written). */
export const signatureHashKey = (sha256: string): ItemKey => ({ pk: `SIGNATURE#${sha256}`, sk: META });

/**
 * The service ledger of an SOP (service-ledger.ts): one item per month and part of it (days 1-8,
 * 9-16, 17-24, 25-31), so an item stays far below DynamoDB's 400 KB in a busy month.
 */
export const ledgerPartition = (sop: string): string => `LEDGER#${sop}`;
/** The ledger part a day (YYYY-MM-DD) is in: `<YYYY-MM>#<1..4>`, the sort key of the part's entries. */
export const ledgerPartOf = (day: string): string => `${day.slice(0, 7)}#${Math.ceil(Number(day.slice(8, 10)) / 8)}`;
export const ledgerKey = (sop: string, day: string): ItemKey => ({ pk: ledgerPartition(sop), sk: ledgerPartOf(day) });
/** A part's entries by the part's name. */
export const ledgerPartKey = (sop: string, part: string): ItemKey => ({ pk: ledgerPartition(sop), sk: part });
/** A part's digest (ledger-digests.ts): what the dashboard needs of the part's entries, far smaller. */
export const ledgerDigestKey = (sop: string, part: string): ItemKey => ({
  pk: ledgerPartition(sop),
  sk: `DIGEST#${part}`,
});
/** Each part's version, bumped by every write of its entries, and the version its digest was made from. */
export const ledgerVersionsKey = (sop: string): ItemKey => ({ pk: ledgerPartition(sop), sk: 'VERSIONS' });
/** Marks a table whose ledger holds every record written before the ledger was kept. */
export const LEDGER_FILLED: ItemKey = { pk: 'LEDGER', sk: 'FILLED' };
/** Written once every permit of a table has its status index keys (cases/fill-permit-keys.ts). */
export const PERMIT_KEYS_FILLED: ItemKey = { pk: 'PERMITS', sk: 'KEYS-FILLED' };
export const surveyPartition = (sop: string): string => `SURVEY#${sop}`;
export const surveyKey = (sop: string, at: string, caseId: string): ItemKey => ({
  pk: surveyPartition(sop),
  sk: `${at}#${caseId}`,
});

/** Every absence in one partition: an office has a few a month, and every decision reads them. */
export const ABSENCE_PARTITION = 'ABSENCE';
export const absenceKey = (absenceId: string): ItemKey => ({ pk: ABSENCE_PARTITION, sk: absenceId });
/** The partition of the absences over whose last day falls in `year`. */
export const pastAbsencePartition = (year: string) => `${ABSENCE_PARTITION}#${year}`;
export const pastAbsenceKey = (absence: { absenceId: string; to: string }): ItemKey => ({
  pk: pastAbsencePartition(absence.to.slice(0, 4)),
  sk: `${absence.to}#${absence.absenceId}`,
});

/** Identity's items (functions/identity): an account, a session by its cookie's hash, a throttle window. */
export const accountKey = (officialId: string): ItemKey => ({ pk: `ACCOUNT#${officialId}`, sk: META });
export const sessionKey = (cookieHash: string): ItemKey => ({ pk: `SESSION#${cookieHash}`, sk: META });
export const throttleKey = (act: string, officialId: string, windowStart: string): ItemKey => ({
  pk: `THROTTLE#${act}#${officialId}`,
  sk: windowStart,
});

/** Every signing certificate in one partition: a few dozen, all read at once by the readiness check. */
export const CERTIFICATE_PARTITION = 'CERTIFICATE';
export const certificateKey = (signerId: string): ItemKey => ({ pk: CERTIFICATE_PARTITION, sk: signerId });

/** An upload in the uploads bucket taken by one request (cases/claim-uploads.ts): the conditional write that makes it one. */
export const UPLOAD_CLAIM_PARTITION = 'UPLOAD#CLAIM';
export const uploadClaimKey = (uploadKey: string): ItemKey => ({ pk: UPLOAD_CLAIM_PARTITION, sk: uploadKey });
