import type { ParafConfig } from '#config/read-config.ts';
import { startLocal, type LocalParaf } from '#local/start-local.ts';

/**
 * Local runtimes a test starts and stops on data folders of its own, in this process: `stop` as a
 * restart would find it (executions and records left as they are), `closeAll` for afterAll.
 */
export function localRuntimes() {
  const running: LocalParaf[] = [];
  return {
    async start(
      dataDir: string,
      timeScale?: number,
      config?: Partial<ParafConfig>,
      onUpgradeStep?: (line: string) => void,
    ): Promise<LocalParaf> {
      const paraf = await startLocal({
        dataDir,
        port: 0,
        ...(timeScale ? { timeScale } : {}),
        ...(config ? { config } : {}),
        ...(onUpgradeStep ? { onUpgradeStep } : {}),
      });
      running.push(paraf);
      return paraf;
    },
    async stop(paraf: LocalParaf): Promise<void> {
      await paraf.close();
      running.splice(running.indexOf(paraf), 1);
    },
    async closeAll(): Promise<void> {
      for (const paraf of running.splice(0)) await paraf.close();
    },
  };
}
