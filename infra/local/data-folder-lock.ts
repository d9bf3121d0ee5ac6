import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * Why the runtime (or a CLI command on a stopped folder) did not start: shown to whoever ran it, in
 * Bahasa Indonesia. Never "use another folder": the office's data is in this one, and another folder
 * would start an empty office (or make accounts nobody's Paraf reads).
 */
export const dataFolderInUse = (dataDir: string, pid: number) =>
  new ParafError(
    'folder-in-use',
    `Folder data ${dataDir} sedang dipakai oleh proses Paraf lain (PID ${pid}). Bila itu Paraf yang sedang berjalan, pakai Paraf itu, atau hentikan dahulu (Ctrl+C di jendelanya) lalu ulangi; bila itu perintah paraf lain (misalnya cadangan), tunggu sampai selesai lalu ulangi. Jangan beralih ke folder data lain: data kantor ada di folder ini.`,
  );

/**
 * Who holds the lock, told apart from whatever process gets the same PID later: a PID alone is
 * reused after a reboot (or after enough processes), so the lock also names the boot and the
 * process's start time, both read from /proc where there is one.
 */
interface LockHolder {
  pid: number;
  bootId: string | null;
  startTicks: string | null;
}

const readOrNull = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function procStat(pid: number): { state: string; startTicks: string } | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [state, startTicks] = [fields[0], fields[19]];
  return state && startTicks ? { state, startTicks } : null;
}

function describe(pid: number): LockHolder {
  return {
    pid,
    bootId: readOrNull('/proc/sys/kernel/random/boot_id')?.trim() ?? null,
    startTicks: procStat(pid)?.startTicks ?? null,
  };
}

/**
 * Whether the process that wrote the lock still runs. A process killed with -9 stays a zombie until
 * its parent reaps it (for a whole `npm start` group killed at once, until init does): a zombie
 * holds nothing, so it counts as gone.
 */
function holderRuns(holder: LockHolder): boolean {
  if (!existsSync('/proc/self/stat')) return signalReaches(holder.pid);
  const now = describe(holder.pid);
  if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return false;
  const stat = procStat(holder.pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return holder.startTicks === null || holder.startTicks === stat.startTicks;
}

function signalReaches(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | undefined {
  const text = readOrNull(path)?.trim();
  if (!text) return undefined;
  // Lock files of earlier releases hold the bare PID.
  if (/^\d+$/.test(text)) return { pid: Number(text), bootId: null, startTicks: null };
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** The PID of the process that holds the data folder now, if one does (`npx paraf backup` asks it). */
export function folderHolder(dataDir: string): number | undefined {
  const holder = readHolder(join(dataDir, 'paraf.pid'));
  return holder && holderRuns(holder) ? holder.pid : undefined;
}

/**
 * Takes the data folder for this process. dynalite crashes the process when a second one opens the
 * same LevelDB, so the second runtime must stop before it gets that far. A lock whose
 * holder is gone (kill -9, power cut, a reboot that gave its PID to another program) is taken over;
 * so is an unreadable one.
 */
export function lockDataFolder(dataDir: string): () => void {
  if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === false)
    throw new ParafError(
      'bad-setting',
      `Folder data ${dataDir} (PARAF_DATA) adalah sebuah berkas, bukan folder: sebutkan folder data Paraf, atau folder baru yang akan dibuat.`,
    );
  // Created for this user alone (0700): the records, the archive, the development keys and the accounts are in it.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'paraf.pid');
  const mine = JSON.stringify(describe(process.pid));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      // Written beside and linked into place: the lock appears with its content, never empty.
      const draft = `${path}.${process.pid}`;
      writeFileSync(draft, mine);
      try {
        linkSync(draft, path);
      } finally {
        rmSync(draft, { force: true });
      }
      return () => {
        // Gone already (the folder was removed while running): there is nothing left to release.
        if (existsSync(path) && readOrNull(path)?.trim() === mine) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.pid !== process.pid && holderRuns(holder)) throw dataFolderInUse(dataDir, holder.pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
