import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_SETTINGS, unknownSettings } from '#config/known-settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every PARAF_* name the code of Paraf itself (functions/, infra/, bin/) writes, outside the list of them. */
function settingsInCode(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      // The list itself, and its comment's typo, aside.
      else if (/\.(ts|mjs)$/.test(entry.name) && entry.name !== 'known-settings.ts')
        for (const [name] of readFileSync(path, 'utf8').matchAll(/\bPARAF_[A-Z0-9_]*[A-Z0-9]\b/g)) names.add(name);
    }
  };
  for (const dir of ['functions', 'infra', 'bin']) walk(join(root, dir));
  return names;
}

describe('the PARAF_* settings', () => {
  it('Paraf knows are every one its code reads, and no more', () => {
    expect([...settingsInCode()].sort()).toEqual([...KNOWN_SETTINGS].sort());
  });

  it('a start warns of, each with the setting it is closest to, never saying its value', () => {
    const warnings = unknownSettings({
      PARAF_MAILL: 'smtp',
      PARAF_SMTP_PASWORD: 'rahasia-kantor',
      PARAF_SESUATU_YANG_LAIN: '1',
      PARAF_MAIL: 'outbox',
      PARAF_SCREENSHOTS: '/tmp/x',
      PATH: '/usr/bin',
    });
    expect(warnings).toEqual([
      'PARAF_MAILL tidak dikenal Paraf dan diabaikan: maksudnya PARAF_MAIL?',
      'PARAF_SESUATU_YANG_LAIN tidak dikenal Paraf dan diabaikan.',
      'PARAF_SMTP_PASWORD tidak dikenal Paraf dan diabaikan: maksudnya PARAF_SMTP_PASSWORD?',
    ]);
    expect(warnings.join('\n')).not.toContain('rahasia-kantor');
    expect(unknownSettings({ PARAF_MAIL: 'smtp', PARAF_DATA: '/srv/paraf' })).toEqual([]);
  });
});
