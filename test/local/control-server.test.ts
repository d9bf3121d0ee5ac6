import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParafError } from '#errors/paraf-error.ts';
import { readControlFile, startControlServer } from '#local/control-server.ts';

/**
 * The control port's refusals, over real HTTP: the web's JSON shape `{error, message}`, each status
 * from the one map (web/errors.ts). What the CLI prints is the message; the status says refused or failed.
 */
describe('the control port', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paraf-kendali-'));
  let stop: () => Promise<void>;
  let url: string;
  let token: string;
  const busy = new Error('Cadangan lain sedang dibuat pada folder data ini; tunggu sampai selesai, lalu ulangi.');
  busy.name = 'Paraf.BackupBusy';
  const asked: unknown[] = [];

  beforeAll(async () => {
    stop = await startControlServer(dataDir, {
      backup: async (file) => {
        if (file === 'sibuk') throw busy;
        if (file === 'rusak') throw new Error('disk full');
        return { file };
      },
      health: async () => ({ problems: [] }),
      renew: async () => {
        throw new ParafError('invalid-query', 'Tanggal tidak valid.');
      },
      index: async () => ({ indexed: 0 }),
      accounts: async () => ({ akun: [] }),
      makeAccounts: async (ask) => {
        asked.push(ask);
        return { dibuat: [] };
      },
    });
    ({ url, token } = readControlFile(dataDir)!);
  });
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = async (method: string, path: string, body?: unknown, bearer = token) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers each refusal with its code, its message and the status of the one map', async () => {
    expect(await ask('GET', '/kesehatan', undefined, 'x'.repeat(token.length))).toEqual({
      status: 401,
      body: { error: 'unauthenticated', message: 'Token kendali salah.' },
    });
    expect(await ask('POST', '/cadangan', {})).toEqual({
      status: 400,
      body: { error: 'invalid-request', message: 'Nama berkas cadangan tidak ada.' },
    });
    expect(await ask('POST', '/tidak-ada', {})).toEqual({
      status: 404,
      body: { error: 'not-found', message: 'Tidak ada perintah itu.' },
    });
    expect(await ask('POST', '/pembaruan-stempel-waktu', { before: '2026-13-01' })).toEqual({
      status: 400,
      body: { error: 'invalid-query', message: 'Tanggal tidak valid.' },
    });
    // A local operation's own refusal (named Paraf.*) is refused, not failed; anything else is Paraf's fault.
    expect(await ask('POST', '/cadangan', { file: 'sibuk' })).toEqual({
      status: 422,
      body: { error: 'invalid', message: busy.message },
    });
    expect(await ask('POST', '/cadangan', { file: 'rusak' })).toEqual({
      status: 500,
      body: { error: 'internal', message: 'Gagal: disk full' },
    });
    expect(await ask('POST', '/cadangan', { file: 'cadangan.tar.gz' })).toEqual({
      status: 200,
      body: { file: 'cadangan.tar.gz' },
    });
  });

  it('reads a command as the web reads JSON: not JSON, a name given twice, an unknown field or too much is refused in words, and nothing is asked', async () => {
    const raw = async (path: string, body: string) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const askedBefore = asked.length;
    expect(await raw('/cadangan', '{"file": ')).toEqual({
      status: 400,
      body: { error: 'invalid-json', message: 'Isi permintaan bukan JSON yang sah.' },
    });
    expect(await raw('/cadangan', '{"file": "a.tar.gz", "file": "b.tar.gz"}')).toEqual({
      status: 400,
      body: { error: 'invalid-json', message: 'Isian "file" diberikan dua kali; kirim setiap isian sekali saja.' },
    });
    expect(await raw('/akun', '{"pejabat": "kepala", "pejabat": "kasi"}')).toMatchObject({ status: 400 });
    expect(await ask('POST', '/cadangan', { file: 'cadangan.tar.gz', tujuan: '/etc' })).toEqual({
      status: 400,
      body: { error: 'invalid-request', message: 'Isian tidak dikenal: tujuan.' },
    });
    expect(await ask('POST', '/pembaruan-stempel-waktu', [1])).toEqual({
      status: 400,
      body: { error: 'invalid-request', message: 'Isi permintaan harus berupa objek JSON.' },
    });
    expect(await raw('/cadangan', JSON.stringify({ file: 'x'.repeat(70_000) }))).toEqual({
      status: 413,
      body: { error: 'too-large', message: 'Isi permintaan terlalu besar.' },
    });
    expect(asked).toHaveLength(askedBefore);
  });

  it('reads an account request strictly: an unknown field, a missing or mistyped one is refused by name before the accounts are asked', async () => {
    expect(await ask('POST', '/akun', { pejabat: 'kepala', kunci: 'ABC', kata_sandi: 'x' })).toEqual({
      status: 400,
      body: { error: 'invalid-request', message: 'Isian tidak dikenal: kunci, kata_sandi.' },
    });
    // Unknown names come first, even beside a mistyped known one: the option the person mistyped is named.
    expect((await ask('POST', '/akun', { semua: 'ya', ulangi: true })).body).toEqual({
      error: 'invalid-request',
      message: 'Isian tidak dikenal: ulangi.',
    });
    const notAnObject = 'Isian akun harus berupa objek JSON.';
    const notRight =
      'Isian akun belum benar: kirim "pejabat" (id pejabat) saja, atau "semua": true dengan "ulang" (true/false) bila perlu.';
    for (const [body, message] of [
      [[1], notAnObject],
      ['kepala', notAnObject],
      [null, notAnObject],
      [{}, notRight],
      [{ pejabat: '' }, notRight],
      [{ pejabat: 7 }, notRight],
      [{ semua: 'ya' }, notRight],
      [{ semua: false }, notRight],
      [{ semua: true, ulang: 'ya' }, notRight],
      [{ ulang: true }, notRight],
      [{ pejabat: 'kepala', ulang: true }, notRight],
      [{ pejabat: 'kepala', semua: true }, notRight],
    ] as const)
      expect(await ask('POST', '/akun', body), JSON.stringify(body)).toEqual({
        status: 400,
        body: { error: 'invalid-request', message },
      });
    expect(asked).toEqual([]);
    expect(await ask('POST', '/akun', { semua: true })).toEqual({ status: 200, body: { dibuat: [] } });
    expect(await ask('POST', '/akun', { pejabat: 'kepala' }, 'y'.repeat(token.length))).toMatchObject({ status: 401 });
    expect(await ask('POST', '/akun', { semua: true, ulang: true })).toEqual({ status: 200, body: { dibuat: [] } });
    expect(await ask('POST', '/akun', { pejabat: 'kepala' })).toEqual({ status: 200, body: { dibuat: [] } });
    expect(asked).toEqual([{ semua: true, ulang: false }, { semua: true, ulang: true }, { pejabat: 'kepala' }]);
  });
});
