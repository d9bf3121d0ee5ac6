import { existsSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Why the runtime did not start: shown to whoever ran `npm start`, in Bahasa Indonesia. */
export class DataFolderInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Folder data ${dataDir} sedang dipakai oleh proses Paraf lain (PID ${pid}). Hentikan proses itu dahulu, atau jalankan dengan PARAF_DATA berisi folder lain.`);
    this.name = 'Paraf.DataFolderInUse';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process. dynalite crashes the process when a second one opens the
 * same LevelDB (design.md), so the second runtime must stop before it gets that far. A lock left by
 * a killed process (kill -9, power cut) names a dead PID and is taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'paraf.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        // Gone already (the folder was removed while running): there is nothing left to release.
        if (existsSync(path) && readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataFolderInUse(dataDir, pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
