/**
 * The health report (`/kesehatan`, `npx paraf doctor`, the start's warnings): a list of checks, each
 * in Bahasa Indonesia, and the problems among them. The local runtime builds it
 * (infra/local/health.ts); the pages only show it.
 */
export interface HealthCheck {
  /** A stable name, for scripts and tests: data-size, disk, table, archive, executions, overdue, mail, certificates, backup. */
  id: string;
  label: string;
  /** What was found, said plainly ("12,3 MB", "3 berjalan, 2 menunggu pejabat"). */
  value: string;
  /** Set when the check found a problem: what it is and what to do. */
  problem?: string;
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
