import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#sop/load-catalog.ts';
import { endSentence } from '#staff/end-sentence.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';

const CONFIG = new URL('../../config/staff.json', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'paraf-staff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the staff directory', () => {
  it('staffs every lane inside the office, and knows who stands in for whom', () => {
    const directory = loadStaffDirectory(CONFIG, loadCatalog());
    expect(directory.forLane('kepala-dinas').map((o) => o.id)).toEqual(['kepala']);
    expect(directory.forLane('verifikasi').map((o) => o.id)).toEqual(['pemrosesan']);
    expect(directory.deputiesOf('kepala')).toEqual([{ official: directory.byId('sekretaris'), as: 'plh' }]);
    expect(directory.byId('tata-usaha')?.nip).toBe('199002022015032003');
    expect(directory.head.id).toBe('kepala');
  });

  it('refuses an unknown lane, an unknown deputy, a repeated NIP and an unstaffed lane, naming them', () => {
    const broken = {
      headOfOffice: 'nobody-heads',
      staff: [
        {
          id: 'a',
          name: 'Aaa',
          nip: '111111111111111111',
          rank: 'III/a',
          position: 'Staf',
          lanes: ['kasi-layanann'],
          email: 'a@dpmptsp.test',
          deputises: [{ for: 'nobody', as: 'plh' }],
        },
        {
          id: 'b',
          name: 'Bbb',
          nip: '111111111111111111',
          rank: 'III/a',
          position: 'Staf',
          lanes: [],
          email: 'b@dpmptsp.test',
        },
      ],
    };
    const path = join(work, 'staff.json');
    writeFileSync(path, JSON.stringify(broken));
    const message = (() => {
      try {
        loadStaffDirectory(path, loadCatalog());
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('a: lajur "kasi-layanann" tidak ada di SOP mana pun');
    expect(message).toContain('a: menggantikan pejabat yang tidak dikenal "nobody"');
    expect(message).toContain('b: NIP 111111111111111111 dipakai dua kali');
    expect(message).toContain('lajur "kepala-dinas" tidak punya pejabat');
    expect(message).toContain('headOfOffice: pejabat tidak dikenal "nobody-heads"');
  });

  it('ends a sentence after a name once, whether or not its degree ends in a period', () => {
    const directory = loadStaffDirectory(CONFIG, loadCatalog());
    const names = directory
      .forLane('verifikasi')
      .concat(directory.forLane('kepala-dinas'))
      .map((o) => o.name);
    expect(names.some((name) => name.endsWith('.'))).toBe(true);
    for (const name of names) expect(endSentence(name)).toMatch(/[^.]\.$/);
    expect(endSentence('Agus Salim')).toBe('Agus Salim.');
  });
});
