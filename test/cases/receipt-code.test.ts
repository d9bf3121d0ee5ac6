import { describe, expect, it } from 'vitest';
import { sameReceiptCode } from '#cases/receipt-code.ts';

describe('a receipt code as a person types it', () => {
  it('is the same code in small letters, with a space or nothing for the hyphen, and with spaces around', () => {
    for (const typed of ['5PLY-TYC5', '5ply-tyc5', ' 5ply tyc5 ', '5PLYTYC5', '5ply - tyc5'])
      expect(sameReceiptCode('5PLY-TYC5', typed), typed).toBe(true);
  });

  it('is not another code, a part of it, or nothing', () => {
    for (const typed of ['5PLY-TYC6', '5PLY', '', ' - ', '5PLY-TYC5X', undefined])
      expect(sameReceiptCode('5PLY-TYC5', typed), String(typed)).toBe(false);
    expect(sameReceiptCode(undefined, '5PLY-TYC5')).toBe(false);
  });
});
