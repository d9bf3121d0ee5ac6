/**
 * Where a case's files live in the archive bucket. Every stored version has its own key, ending
 * in its SHA-256: nothing is ever overwritten, so a retried step writes the same key with the same
 * bytes, and any later change would show as a new key in the audit trail.
 *
 * cases/<case>/application.json                                   form data, applicant, checklist
 * cases/<case>/attachments/<sha256>-<name>                        what the applicant handed in
 * cases/<case>/attachment-lists/<count>-<sha256>.json             the attachments after each correction
 * cases/<case>/documents/<kind>/draft/<revision>-<sha256>.docx     the editable draft
 * cases/<case>/documents/<kind>/copy-<n>/<revision>-<sha256>.pdf   each copy after each signature
 * cases/<case>/audit-trail/<count>-<sha256>.json                  the map pengendali proses
 * cases/<case>/history-sheets/<kind>/<view>-<sha256>.pdf           the issued document's lembar riwayat, sealed
 */
export const archiveKeys = {
  application: (caseId: string) => `cases/${caseId}/application.json`,
  attachment: (caseId: string, sha256: string, name: string) =>
    `cases/${caseId}/attachments/${sha256}-${safeName(name)}`,
  attachmentList: (caseId: string, count: number, sha256: string) =>
    `cases/${caseId}/attachment-lists/${pad(count)}-${sha256}.json`,
  attachmentLists: (caseId: string) => `cases/${caseId}/attachment-lists/`,
  draft: (caseId: string, kind: string, revision: number, sha256: string) =>
    `cases/${caseId}/documents/${kind}/draft/${pad(revision)}-${sha256}.docx`,
  copy: (caseId: string, kind: string, copy: number, revision: number, sha256: string) =>
    `cases/${caseId}/documents/${kind}/copy-${copy}/${pad(revision)}-${sha256}.pdf`,
  auditTrail: (caseId: string, events: number, sha256: string) =>
    `cases/${caseId}/audit-trail/${pad(events)}-${sha256}.json`,
  historySheet: (caseId: string, kind: string, view: string, sha256: string) =>
    `${archiveKeys.historySheets(caseId, kind)}${view}-${sha256}.pdf`,
  historySheets: (caseId: string, kind: string) => `cases/${caseId}/history-sheets/${kind}/`,
};

const pad = (n: number) => String(n).padStart(3, '0');

/** Keeps what a person named a file readable, and nothing that could escape its folder. */
function safeName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '');
  return cleaned.slice(-120) || 'berkas';
}
