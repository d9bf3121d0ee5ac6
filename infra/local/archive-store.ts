import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createRequire } from 'node:module';

/**
 * The local archive's durability under kill -9. s3rver's filesystem store writes an object, its
 * MD5 and its metadata in place, one after another (and resolves before the object file is
 * flushed): a kill leaves an object without metadata, an empty metadata file, or a torn object,
 * and s3rver then fails every listing of that folder with a 500. No maintained S3 stand-in that
 * keeps its data on disk does better, so Paraf replaces the store's two writers with ones that
 * write beside and rename into place, the object last: an object is there whole, with its
 * metadata, or not at all. A write that was cut off was never acknowledged, so its writer retries.
 */

const TEMPORARY = '.paraf-partial';
const require = createRequire(import.meta.url);
const { ALLOWED_METADATA } = require('s3rver/lib/models/object.js') as { ALLOWED_METADATA: string[] };

interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObject(object: {
    bucket: string;
    key: string;
    content: Buffer | Readable;
    metadata: Record<string, string>;
  }): Promise<{ size: number; md5: string }>;
  putSubresource(
    bucket: string,
    key: string | undefined,
    resource: { constructor: { resourceName: string }; toXML(space?: number): string },
  ): Promise<void>;
}

async function writeInPlace(path: string, content: string | Buffer): Promise<() => Promise<void>> {
  const partial = `${path}.${randomBytes(6).toString('hex')}${TEMPORARY}`;
  await writeFile(partial, content);
  return () => rename(partial, path);
}

/** Makes the store's writes atomic (see above). */
export function makeArchiveWritesAtomic(store: FilesystemStore): void {
  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const content = Buffer.isBuffer(object.content) ? object.content : await buffer(object.content);
    const md5 = createHash('md5').update(content).digest('hex');
    const metadata = Object.fromEntries(
      Object.entries(object.metadata).filter(
        ([name]) => ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-'),
      ),
    );
    const placeObject = await writeInPlace(objectPath, content);
    const placeMd5 = await writeInPlace(store.getResourcePath(object.bucket, object.key, 'object.md5'), md5);
    const placeMetadata = await writeInPlace(
      store.getResourcePath(object.bucket, object.key, 'metadata.json'),
      JSON.stringify(metadata, null, 2),
    );
    await placeMd5();
    await placeMetadata();
    await placeObject();
    return { size: content.length, md5 };
  };
  store.putSubresource = async (bucket, key, resource) => {
    const path = store.getResourcePath(bucket, key, `${resource.constructor.resourceName}.xml`);
    await mkdir(dirname(path), { recursive: true });
    await (await writeInPlace(path, resource.toXML(2)))();
  };
}

/**
 * After an unclean stop: removes what cut-off writes left in the archive folder (partial files,
 * metadata without its object, and objects of the old in-place writer without readable metadata),
 * so that every listing works again. Returns the paths removed.
 */
export function repairArchiveFolder(root: string): string[] {
  const removed: string[] = [];
  const remove = (path: string) => {
    if (existsSync(path)) {
      rmSync(path, { force: true });
      removed.push(path);
    }
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(TEMPORARY)) remove(path);
    }
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.endsWith('._S3rver_metadata.json')) {
        const base = path.slice(0, -'metadata.json'.length);
        if (!existsSync(`${base}object`)) for (const file of [path, `${base}object.md5`]) remove(file);
      } else if (name.endsWith('._S3rver_object')) {
        if (!readableJson(`${path.slice(0, -'object'.length)}metadata.json`))
          for (const file of [path, `${path}.md5`, `${path.slice(0, -'object'.length)}metadata.json`]) remove(file);
        else if (existsSync(`${path}.md5`) && !/^[0-9a-f]{32}$/.test(readFileSync(`${path}.md5`, 'utf8')))
          remove(`${path}.md5`); // recomputed on the next read
      }
    }
  };
  if (existsSync(root)) walk(root);
  return removed;
}

function readableJson(path: string): boolean {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}
