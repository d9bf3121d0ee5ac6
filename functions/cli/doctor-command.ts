import { witaMoment } from '#clock/wita.ts';
import { problemsOf, type HealthReport } from '#runtime/health-report.ts';
import { type Command, givenDataFolder } from './command-line.ts';
import { existingDataFolder, onDataFolder } from './local-paraf.ts';

/**
 * `npx paraf doctor [--data <folder>]` (or `periksa`): the health report (infra/local/health.ts), from
 * the running Paraf through its control port, or on a stopped folder by starting its storage for the
 * check. Exit 0 when every check is good, 1 when one found a problem.
 */
export const doctorCommand: Command = async (args, out, err, env = process.env) => {
  const folder = existingDataFolder('paraf doctor', givenDataFolder(args), env, err);
  if (!folder) return 2;
  const { dataDir } = folder;
  const report = await onDataFolder<HealthReport>(folder, { method: 'GET', path: '/kesehatan' }, async (standIns) => {
    const { checkHealth } = await import('#local/health.ts');
    const { TABLE, BUCKET } = await import('#local/start-local.ts');
    const { loadCatalog } = await import('#sop/load-catalog.ts');
    const { loadStaffDirectory } = await import('#staff/load-staff-directory.ts');
    const { readStaffFile } = await import('#config/read-config.ts');
    const catalog = loadCatalog();
    return checkHealth({
      dataDir,
      aws: standIns.aws,
      table: TABLE,
      bucket: BUCKET,
      catalog,
      staff: loadStaffDirectory(readStaffFile(env), catalog),
      running: false,
    });
  });
  if (!report) return 2;
  out(
    `Kesehatan Paraf, folder data ${dataDir} (${report.running ? 'Paraf berjalan' : 'Paraf berhenti'}), diperiksa ${witaMoment(new Date(report.checkedAt))}\n`,
  );
  // The operator's line keeps the technical side (the folder, the stand-in, the file) beside what the office is told.
  for (const check of report.checks)
    out(
      `  ${check.problem ? '!' : ' '} ${`${check.label}:`.padEnd(42)} ${check.value}${check.detail ? ` [${check.detail}]` : ''}\n`,
    );
  const problems = problemsOf(report);
  if (!problems.length) {
    out('Semua pemeriksaan baik.\n');
    return 0;
  }
  out(`${problems.length} hal perlu perhatian:\n`);
  for (const problem of problems) out(`  - ${problem}\n`);
  return 1;
};
