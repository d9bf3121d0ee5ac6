import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '#identity/local-sign-in.ts';

describe('where "lanjut" may send an official after signing in', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeReturnPath('/tugas')).toBe('/tugas');
    expect(safeReturnPath('/arsip?nama=Budi%20Santoso#hasil')).toBe('/arsip?nama=Budi%20Santoso#hasil');
    expect(safeReturnPath('/a/%09x')).toBe('/a/%09x');
  });

  it('sends anything that could leave the site, or break the Location header, to the home page', () => {
    for (const away of [
      undefined,
      '',
      'https://contoh.example/curi',
      '//contoh.example/curi',
      '/\\contoh.example/curi',
      '/\t/contoh.example/curi',
      '/\n/contoh.example',
      '/\r/x',
      '/ /contoh.example',
      '/tugas\u2028',
      'tugas',
    ])
      expect(safeReturnPath(away), JSON.stringify(away)).toBe('/');
  });
});
