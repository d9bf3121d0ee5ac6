import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readDataDir } from '#config/read-config.ts';
import { problemsOf, type HealthReport } from '#runtime/health-report.ts';
import { askRunningParaf, runningParaf, withStoppedFolder } from './backup-command.ts';

type Out = (text: string) => void;

/**
 * `npx paraf doctor [--data <folder>]` (or `periksa`): the health report (infra/local/health.ts), from
 * the running Paraf through its control port, or on a stopped folder by starting its storage for the
 * check. Exit 0 when every check is good, 1 when one found a problem.
 */
export async function doctorCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const given = args[args.indexOf('--data') + 1];
  const dataDir = resolve(args.includes('--data') && given ? given : readDataDir(env));
  if (!existsSync(dataDir)) {
    err(`paraf doctor: folder data ${dataDir} tidak ada.\n`);
    return 2;
  }
  let report: HealthReport;
  try {
    const control = await runningParaf(dataDir);
    if (control) {
      const answer = await askRunningParaf(control, 'GET', '/kesehatan');
      if (answer.status !== 200) {
        err(`paraf doctor: ${String(answer.body.message ?? answer.status)}\n`);
        return 2;
      }
      report = answer.body as unknown as HealthReport;
    } else {
      const { checkHealth } = await import('#local/health.ts');
      const { TABLE, BUCKET } = await import('#local/start-local.ts');
      const { loadCatalog } = await import('#sop/load-catalog.ts');
      report = await withStoppedFolder(dataDir, (standIns) =>
        checkHealth({
          dataDir,
          aws: standIns.aws,
          table: TABLE,
          bucket: BUCKET,
          catalog: loadCatalog(),
          running: false,
        }),
      );
    }
  } catch (error) {
    if (!(error as Error).name?.startsWith('Paraf.')) throw error;
    err(`paraf doctor: ${(error as Error).message}\n`);
    return 2;
  }
  out(
    `Kesehatan Paraf, folder data ${dataDir} (${report.running ? 'Paraf berjalan' : 'Paraf berhenti'}), diperiksa ${report.checkedAt}\n`,
  );
  for (const check of report.checks)
    out(`  ${check.problem ? '!' : ' '} ${`${check.label}:`.padEnd(42)} ${check.value}\n`);
  const problems = problemsOf(report);
  if (!problems.length) {
    out('Semua pemeriksaan baik.\n');
    return 0;
  }
  out(`${problems.length} hal perlu perhatian:\n`);
  for (const problem of problems) out(`  - ${problem}\n`);
  return 1;
}
