import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '#config/read-config.ts';
import { startLocal } from '#local/start-local.ts';

/**
 * Settings a start reads that an operator types by hand (the operations walk): a wrong one stops the
 * start with the setting named in Bahasa Indonesia, before the data folder is made or touched,
 * instead of a stack trace in English after it.
 */
const work = mkdtempSync(join(tmpdir(), 'paraf-start-settings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base = { PARAF_TABLE: 't', PARAF_BUCKET: 'b', PARAF_DATA: work };
const publicUrlRefusal = 'harus alamat lengkap tempat warga dan pejabat membuka Paraf, diawali http:// atau https://';

describe('PARAF_PUBLIC_URL', () => {
  it('is a whole http(s) address, kept without its trailing slash', () => {
    expect(readConfig({ ...base, PARAF_PUBLIC_URL: 'https://paraf.dpmptsp.test/' }).publicUrl).toBe(
      'https://paraf.dpmptsp.test',
    );
    expect(readConfig({ ...base, PARAF_PUBLIC_URL: 'http://192.168.1.20:3000' }).publicUrl).toBe(
      'http://192.168.1.20:3000',
    );
    // As the URL standard writes it: what a link and a QR code carry is the address a browser opens.
    for (const written of ['https:paraf.dpmptsp.test', ' https://Paraf.DPMPTSP.test/ ', 'https://paraf.dpmptsp.test//'])
      expect(readConfig({ ...base, PARAF_PUBLIC_URL: written }).publicUrl, written).toBe('https://paraf.dpmptsp.test');
    expect(readConfig({ ...base, PARAF_PUBLIC_URL: 'https://kantor.test/paraf/' }).publicUrl).toBe(
      'https://kantor.test/paraf',
    );
  });

  it('is refused, named, when it is no address a link or a QR code could carry', () => {
    for (const value of [
      'foo',
      'paraf.dpmptsp.test',
      'ftp://paraf.dpmptsp.test',
      'https://paraf.test/?a=1',
      'https://paraf.test/#x',
    ])
      expect(() => readConfig({ ...base, PARAF_PUBLIC_URL: value }), value).toThrow(
        `PARAF_PUBLIC_URL bernilai "${value.replace('rahasia', '…')}": ${publicUrlRefusal}`,
      );
  });

  it('stops npm start before the data folder is made', async () => {
    const dataDir = join(work, 'belum-ada');
    await expect(startLocal({ dataDir, port: 0, env: { PARAF_PUBLIC_URL: 'foo' } })).rejects.toThrow(publicUrlRefusal);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('PARAF_DATA naming a file', () => {
  it('stops npm start with the file named, and leaves the file as it was', async () => {
    const file = join(work, 'berkas-biasa');
    writeFileSync(file, 'bukan folder');
    await expect(startLocal({ dataDir: file, port: 0 })).rejects.toThrow(
      `Folder data ${file} (PARAF_DATA) adalah sebuah berkas, bukan folder`,
    );
    expect(readFileSync(file, 'utf8')).toBe('bukan folder');
  });
});
