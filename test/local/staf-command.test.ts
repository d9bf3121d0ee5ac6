import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { cliInProcess } from '../support/cli-in-process.ts';

/**
 * `npx paraf staf buat --semua` run a second time reset every account without a word (found by a
 * walk of the running app): on a folder with accounts it now names how many it would reset and
 * changes nothing unless `--ulang` says so.
 */
const dataDir = tempDataDir('paraf-staf-command-');
afterAll(() => removeDir(dataDir));
const staf = (...args: string[]) => cliInProcess(['staf', ...args, '--data', dataDir]);

describe('npx paraf staf buat --semua', () => {
  it('asks for --ulang on a folder that has accounts, naming how many, and resets them only with it', async () => {
    const one = await staf('buat', 'kepala');
    expect(one.code).toBe(0);
    const listed = (await staf('daftar')).out;
    expect(listed.match(/akun sejak/g)).toHaveLength(1);

    const refused = await staf('buat', '--semua');
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('paraf staf buat --semua: 1 dari 13 pejabat sudah punya akun (kepala).');
    expect(refused.err).toContain('Perintah ini akan mengatur ulang 1 akun itu');
    expect(refused.err).toContain('Tidak ada yang diubah. Bila memang itu maksudnya, jalankan lagi dengan --ulang');
    // Nothing written: the Kepala's account is the one made before, and nobody else has one.
    expect((await staf('daftar')).out).toBe(listed);

    const all = await staf('buat', '--semua', '--ulang');
    expect(all.code).toBe(0);
    expect(all.out.match(/kata sandi: /g)).toHaveLength(13);
    const after = (await staf('daftar')).out;
    expect(after.match(/akun sejak/g)).toHaveLength(13);
    const kepalaSince = (text: string) => /^kepala .*akun sejak (\S+)$/m.exec(text)?.[1];
    expect(kepalaSince(after)).not.toBe(kepalaSince(listed));

    const again = await staf('buat', '--semua');
    expect(again.code).toBe(1);
    expect(again.err).toContain('13 dari 13 pejabat sudah punya akun');
    expect((await staf('daftar')).out).toBe(after);
  }, 120_000);
});
