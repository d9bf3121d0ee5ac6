import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#sop/load-catalog.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The real bin, as `npx paraf` runs it; failures resolve with their exit code instead of throwing. */
async function paraf(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'paraf', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npx paraf', () => {
  it('sops lists the 17 SOPs with their number of steps and time limit', async () => {
    const { code, stdout } = await paraf('sops');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^SOP\s+Langkah\s+Batas waktu\s+Judul$/);
    const rows = stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(17);
    expect(rows[0]).toMatch(
      /^SOP-LP2N-PPK-01\s+13\s+5 hari kerja\s+Layanan Penerbitan Angka Pengenal Importir Umum \(API-U\)$/,
    );
    expect(rows[16]).toMatch(/^SOP-DALAK-067-014\s+5\s+-\s+Rekomendasi Pencabutan Perizinan$/);
  });

  it('sop prints the steps table and a Mermaid flowchart of the machine', async () => {
    const { code, stdout } = await paraf('sop', 'api-u');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No\s+Pelaksana\s+Jenis\s+Tahap\s+Mutu baku waktu\s+Dikembalikan ke\s+Uraian$/m);
    expect(stdout).toMatch(/^10\s+kepala-dinas\s+tanda tangan\s+berkas\s+Hari ke H- H\+3, 5 - 10 menit\s+9; 8\s+/m);
    expect(stdout).toContain('SOP-LP2N-PPK-01 revisi 02:');
    expect(stdout).toContain('```mermaid\nflowchart TD\n');
    expect(stdout).toContain('Step10 -->|kembali| Step09');
    expect(stdout).toContain('Step09 -->|kembali| Correction06');
  });

  it('sop --json prints the validated catalog entry', async () => {
    const { code, stdout } = await paraf('sop', 'SOP-DALAK-067-013', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(loadCatalog().find((sop) => sop.id === 'SOP-DALAK-067-013'));
  });

  it('names the known SOPs when the id is wrong, and exits non-zero', async () => {
    const { code, stdout, stderr } = await paraf('sop', 'api-x');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('tidak ada SOP "api-x"');
    expect(stderr).toContain('SOP-LP2N-PPK-01');
  });

  it('answers --help of any command with the usage, running nothing', async () => {
    for (const args of [
      ['doctor', '--help'],
      ['verify', '--help'],
      ['render', '--help'],
      ['staf', 'buat', '-h'],
      ['help'],
    ]) {
      const { code, stdout, stderr } = await paraf(...args);
      expect(code, args.join(' ')).toBe(0);
      expect(stdout, args.join(' ')).toContain('Pemakaian:');
      expect(stderr, args.join(' ')).toBe('');
    }
    const noId = await paraf('sop');
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('paraf sop: SOP mana? Sebutkan id atau aliasnya, mis. paraf sop api-u.');
  });

  it('ends quietly when its reader stops early (a pipe to head)', async () => {
    const { stdout, stderr } = await run(
      'bash',
      ['-o', 'pipefail', '-c', 'npx --no-install paraf sop api-u | head -1'],
      {
        cwd: root,
      },
    );
    expect(stdout).toMatch(/^SOP-LP2N-PPK-01 revisi 02: /);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });

  it('explains its usage on an unknown command', async () => {
    const { code, stderr } = await paraf('sign');
    expect(code).toBe(2);
    expect(stderr).toContain('paraf: perintah "sign" tidak dikenal');
    expect(stderr).toContain('Pemakaian:');
  });

  it('says a wrong option in Bahasa Indonesia: unknown, missing its value, or given one it does not take', async () => {
    const unknown = await paraf('arsip', 'perbarui', '--tidak-ada');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('pilihan --tidak-ada tidak dikenal');
    const missing = await paraf('arsip', 'perbarui', '--before');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('pilihan --before memerlukan nilai');
    for (const { stderr } of [unknown, missing]) expect(stderr).not.toMatch(/Unknown|argument|Option/);
  });
});
