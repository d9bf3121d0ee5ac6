import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import * as z from 'zod';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * The backup file: one tar.gz (node-tar) whose first entry is `manifest.json`, listing every other
 * entry with its size and SHA-256. A restore reads the whole file and checks every entry against the
 * manifest before it writes anything (`verifyBackup`).
 */
export const MANIFEST = 'manifest.json';
const FORMAT = 'paraf-cadangan';

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  takenAt: z.string(),
  source: z.string(),
  layout: z.object({ table: z.string(), indexes: z.array(z.string()) }),
  counts: z.object({
    items: z.number().int(),
    archiveObjects: z.number().int(),
    executions: z.number().int(),
    executionsRunning: z.number().int(),
    messages: z.number().int(),
    keys: z.number().int(),
  }),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A backup file that cannot be restored: said in Bahasa Indonesia, and nothing was written. */
export const backupDamaged = (file: string, reason: string) =>
  new ParafError(
    'backup-damaged',
    `Berkas cadangan ${file} tidak dapat dipulihkan: ${reason}. Tidak ada yang ditulis. Pakai salinan cadangan yang lain (salinan di penyimpanan jaringan, atau cadangan hari sebelumnya).`,
  );

/** Every file below `root`, by its path from there with `/`, in name order. */
export function filesUnder(root: string, relative = ''): string[] {
  return readdirSync(join(root, relative))
    .sort()
    .flatMap((name) => {
      const path = relative ? `${relative}/${name}` : name;
      return statSync(join(root, path)).isDirectory() ? filesUnder(root, path) : [path];
    });
}

/** A file's SHA-256 in hex, read as a stream: a backup's files and the backup itself can be large. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the manifest into the staging folder, then the archive of the folder to `file`. */
export async function packBackup(
  stagingDir: string,
  file: string,
  about: Omit<Manifest, 'format' | 'version' | 'files'>,
): Promise<Manifest> {
  const paths = filesUnder(stagingDir).filter((path) => path !== MANIFEST);
  const files = [];
  for (const path of paths)
    files.push({ path, bytes: statSync(join(stagingDir, path)).size, sha256: await sha256Of(join(stagingDir, path)) });
  const manifest: Manifest = { format: FORMAT, version: 1, ...about, files };
  writeFileSync(join(stagingDir, MANIFEST), JSON.stringify(manifest, null, 2));
  await tar.c({ gzip: { level: 6 }, file, cwd: stagingDir, portable: true, strict: true }, [MANIFEST, ...paths]);
  return manifest;
}

const safePath = (path: string) =>
  path.length > 0 && !path.startsWith('/') && !path.split('/').some((part) => part === '..' || part === '');

/**
 * Reads the whole archive and checks it against its manifest: a readable gzip and tar (node-tar in
 * strict mode: a bad header checksum, a cut-off file or a broken deflate stream is an error), the
 * manifest first and valid, every entry a plain file at a safe path, listed once, of its size and
 * SHA-256, and every listed file present. Writes nothing.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the checks in the order a restore relies on them (manifest, paths, sizes, hashes), each a few lines
export async function verifyBackup(file: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  const seen = new Map<string, Promise<{ bytes: number; sha256: string }>>();
  const problems: string[] = [];
  let first = true;
  try {
    statSync(file);
  } catch {
    throw backupDamaged(file, 'berkas itu tidak ada');
  }
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        const path = entry.path.replace(/^\.\//, '');
        const isFirst = first;
        first = false;
        if (entry.type === 'Directory') return;
        if (entry.type !== 'File' || !safePath(path)) {
          problems.push(`memuat entri yang tidak diizinkan (${path})`);
          return;
        }
        if (seen.has(path) || (path === MANIFEST && !isFirst)) problems.push(`memuat ${path} lebih dari sekali`);
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        let bytes = 0;
        entry.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.length;
          if (path === MANIFEST) chunks.push(chunk);
        });
        seen.set(
          path,
          new Promise((resolve) =>
            entry.on('end', () => {
              if (path === MANIFEST) {
                const parsed = manifestSchema.safeParse(parseJson(Buffer.concat(chunks).toString('utf8')));
                if (parsed.success) manifest = parsed.data;
                else problems.push('daftar isinya (manifest.json) tidak sah');
              }
              resolve({ bytes, sha256: hash.digest('hex') });
            }),
          ),
        );
        if (isFirst && path !== MANIFEST) problems.push('tidak diawali daftar isi (manifest.json)');
      },
    });
  } catch (error) {
    // The library's message is English ("zlib: incorrect data check"): the officer is told what it means instead.
    throw backupDamaged(file, `berkas rusak, terpotong, atau bukan cadangan Paraf (${unreadableAs(error)})`);
  }
  const read = new Map<string, { bytes: number; sha256: string }>();
  for (const [path, done] of seen) read.set(path, await done);
  if (!manifest && !problems.length) problems.push('tidak memuat daftar isi (manifest.json)');
  if (manifest) {
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const entry of manifest.files) {
      const found = read.get(entry.path);
      if (!found) problems.push(`${entry.path} tercatat di daftar isi tetapi tidak ada di dalamnya`);
      else if (found.sha256 !== entry.sha256 || found.bytes !== entry.bytes)
        problems.push(`isi ${entry.path} tidak sama dengan yang tercatat (SHA-256 berbeda)`);
      if (!safePath(entry.path)) problems.push(`daftar isi memuat jalur yang tidak diizinkan (${entry.path})`);
    }
    for (const path of read.keys())
      if (path !== MANIFEST && !listed.has(path)) problems.push(`memuat ${path} yang tidak tercatat di daftar isi`);
  }
  if (problems.length || !manifest)
    throw backupDamaged(
      file,
      problems.length > 3
        ? `${problems.slice(0, 3).join('; ')}; dan ${problems.length - 3} masalah lain`
        : problems.join('; '),
    );
  return manifest;
}

/** What node-tar or zlib failed on, in words: the compressed stream, or the tar inside it. */
function unreadableAs(error: unknown): string {
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && code.startsWith('Z_')) return 'pemadatan gzip-nya tidak dapat dibuka';
  if (typeof code === 'string' && code.startsWith('TAR_')) return 'susunan berkas tar di dalamnya tidak utuh';
  return 'tidak dapat dibaca sebagai arsip tar.gz';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Unpacks a verified archive into `dir` (the manifest stays out). */
export async function unpackBackup(file: string, dir: string): Promise<void> {
  await tar.x({
    file,
    cwd: dir,
    strict: true,
    filter: (path, entry) => 'type' in entry && entry.type === 'File' && path.replace(/^\.\//, '') !== MANIFEST,
  });
}
