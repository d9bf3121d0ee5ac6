/**
 * The health report (`/kesehatan`, `npx paraf doctor`, the start's warnings): a list of checks, each
 * in Bahasa Indonesia, and the problems among them, each said twice: for the operator (the CLI and the
 * console may name commands, stand-ins, files and staff ids) and for the office (the page does not).
 * The local runtime builds it (infra/local/health.ts); the pages only show it.
 */
export type HealthCheck = {
  /** A stable name, for scripts and tests: data-size, disk, table, archive, executions, overdue, mail, certificates, backup. */
  id: string;
  /** What is checked, in the office's words ("Penyimpanan catatan berkas"). */
  label: string;
  /** What was found, said plainly ("12,3 MB", "3 berjalan, 2 menunggu pejabat"). */
  value: string;
  /** The technical side of what was found, for the operator only (`npx paraf doctor`): the folder, the stand-in, a file. */
  detail?: string;
} & (
  | { problem?: undefined; notice?: undefined }
  | {
      /** What the check found wrong and what to do, for the operator (doctor, the start's warnings). */
      problem: string;
      /** The same problem for the office (/kesehatan): a problem is never said to the operator alone. */
      notice: OfficeNotice;
    }
);

/**
 * A problem as the office's head of administration reads it: what is wrong, what it means for the
 * office's work, and who does what, in plain Indonesian; a command the IT officer must run is kept
 * apart, to be handed over as it is.
 */
export interface OfficeNotice {
  what: string;
  meaning: string;
  /** Who does what ("Minta petugas TI ..."). */
  action: string;
  command?: string;
}

export interface HealthReport {
  checkedAt: string;
  /** Whether Paraf was running when checked (doctor on a stopped folder starts its storage briefly). */
  running: boolean;
  checks: HealthCheck[];
}

export const problemsOf = (report: HealthReport): string[] =>
  report.checks.flatMap((check) => (check.problem ? [check.problem] : []));

/** A size as the office reads it: "12,3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [unit, scale] = bytes < 1024 ** 2 ? ['KB', 1024] : bytes < 1024 ** 3 ? ['MB', 1024 ** 2] : ['GB', 1024 ** 3];
  return `${(bytes / (scale as number)).toFixed(1).replace('.', ',')} ${unit}`;
}
