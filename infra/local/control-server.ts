import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isParafError, ParafError } from '#errors/paraf-error.ts';
import { type AccountsAsk, readAccountsAsk } from '#identity/account-commands.ts';
import { printableName } from '#validation/printable-name.ts';
import { parseStrictJson, repeatedKeyMessage } from '#validation/repeated-json-key.ts';
import { errorBody, httpStatus } from '#web/errors.ts';
import { CONTROL_FILE } from './backup/take-snapshot.ts';

/**
 * The running Paraf's control port, for `npx paraf backup`, `doctor`, `archive` and `staf` on the
 * same machine: a second HTTP server on 127.0.0.1 only, never the public app (a proxy in front of the app
 * connects from loopback too), answering only requests that carry the token it wrote into the data
 * folder (`kendali.json`, 0600 in a 0700 folder): whoever may read the data folder may back it up.
 */
export interface ControlHandlers {
  backup(file: string): Promise<unknown>;
  health(): Promise<unknown>;
  /** `npx paraf archive renew --before <day>` (cases/renew-timestamps.ts). */
  renew(before: string): Promise<unknown>;
  /** `npx paraf archive index` (cases/index-archive.ts). */
  index(): Promise<unknown>;
  /** `npx paraf staf daftar` (identity/account-commands.ts): the accounts, no secret among them. */
  accounts(): Promise<unknown>;
  /** `npx paraf staf buat`: the new secrets, answered to the token's holder only, never logged. */
  makeAccounts(ask: AccountsAsk): Promise<unknown>;
}

export interface ControlFile {
  pid: number;
  url: string;
  token: string;
}

export async function startControlServer(dataDir: string, handlers: ControlHandlers): Promise<() => Promise<void>> {
  const token = randomBytes(32).toString('hex');
  const server = createServer((request, response) => {
    void answer(request, response, token, handlers);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const file: ControlFile = {
    pid: process.pid,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
  };
  const path = join(dataDir, CONTROL_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(file), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return async () => {
    if (readControlFile(dataDir)?.token === token) rmSync(path, { force: true });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
}

export function readControlFile(dataDir: string): ControlFile | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, CONTROL_FILE), 'utf8')) as ControlFile;
  } catch {
    return undefined;
  }
}

/**
 * One command of the CLI. A refusal is a ParafError and its status comes from the web's one map
 * (web/errors.ts), in the web's JSON shape `{error, message}` (a backup's, `backup-refused` or
 * `backup-damaged`, among them); a refusal still named `Paraf.*` (a locked key, an outdated table) is
 * `invalid` there, anything else `internal`.
 */
async function answer(request: IncomingMessage, response: ServerResponse, token: string, handlers: ControlHandlers) {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  const refuse = (error: ParafError) => send(httpStatus(error), errorBody(error));
  const given = Buffer.from(String(request.headers.authorization ?? '').replace(/^Bearer /, ''));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return refuse(new ParafError('unauthenticated', 'Token kendali salah.'));
  try {
    if (request.method === 'GET' && request.url === '/kesehatan') return send(200, await handlers.health());
    if (request.method === 'POST' && request.url === '/cadangan') {
      const { file } = await jsonBody(request, ['file']);
      if (typeof file !== 'string' || !file)
        return refuse(new ParafError('invalid-request', 'Nama berkas cadangan tidak ada.'));
      return send(200, await handlers.backup(file));
    }
    if (request.method === 'POST' && request.url === '/pembaruan-stempel-waktu') {
      const { before } = await jsonBody(request, ['before']);
      if (typeof before !== 'string' || !before)
        return refuse(new ParafError('invalid-request', 'Tanggal --before tidak ada.'));
      return send(200, await handlers.renew(before));
    }
    if (request.method === 'POST' && request.url === '/indeks-arsip') return send(200, await handlers.index());
    if (request.method === 'GET' && request.url === '/akun') return send(200, await handlers.accounts());
    if (request.method === 'POST' && request.url === '/akun')
      return send(200, await handlers.makeAccounts(readAccountsAsk(await jsonBody(request))));
    return refuse(new ParafError('not-found', 'Tidak ada perintah itu.'));
  } catch (error) {
    return refuse(asRefusal(error as Error));
  }
}

function asRefusal(error: Error): ParafError {
  if (isParafError(error)) return error;
  // Modules outside the local runtime still name some refusals `Paraf.*` (key-files.ts, records/table.ts).
  if (error.name?.startsWith('Paraf.')) return new ParafError('invalid', error.message, { cause: error });
  return new ParafError('internal', `Gagal: ${error.message}`, { cause: error });
}

/** Longer than any command's body (an official's id, a file name, a day). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A command's JSON body, read as the web reads one: not JSON, a name given twice, or a body that is not
 * an object is refused in words; with `names`, a field the command does not take is refused by name
 * (the account command's own reader names them itself).
 */
async function jsonBody(request: IncomingMessage, names?: readonly string[]): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ParafError('too-large', 'Isi permintaan terlalu besar.');
    chunks.push(chunk as Buffer);
  }
  const parsed = parseStrictJson(Buffer.concat(chunks).toString('utf8') || '{}');
  if (!parsed) throw new ParafError('invalid-json', 'Isi permintaan bukan JSON yang sah.');
  if (parsed.repeated) throw new ParafError('invalid-json', repeatedKeyMessage(parsed.repeated));
  if (!names) return parsed.value as Record<string, unknown>;
  const { value } = parsed;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ParafError('invalid-request', 'Isi permintaan harus berupa objek JSON.');
  const unknown = Object.keys(value).filter((name) => !names.includes(name));
  if (unknown.length)
    throw new ParafError('invalid-request', `Isian tidak dikenal: ${unknown.map(printableName).join(', ')}.`);
  return value as Record<string, unknown>;
}
