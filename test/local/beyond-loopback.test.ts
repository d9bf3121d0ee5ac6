import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocal } from '#local/start-local.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('npm start beyond loopback (PARAF_HOST)', () => {
  it('refuses a data folder without accounts, looking for them among the officials of the staff file PARAF_STAFF names', async () => {
    const dataDir = tempDataDir('paraf-host-');
    dirs.push(dataDir);
    await expect(startLocal({ dataDir, port: 0, host: '0.0.0.0' })).rejects.toThrow(
      'PARAF_HOST membuat Paraf dapat dibuka dari jaringan, tetapi belum ada akun pejabat.',
    );
    const elsewhere = join(dataDir, 'staf-lain.json');
    await expect(startLocal({ dataDir, port: 0, host: '0.0.0.0', env: { PARAF_STAFF: elsewhere } })).rejects.toThrow(
      elsewhere,
    );
  });
});
