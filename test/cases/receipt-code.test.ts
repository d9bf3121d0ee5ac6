import { describe, expect, it } from 'vitest';
import { newReceiptCode, sameReceiptCode } from '#cases/receipt-code.ts';

describe('a receipt code as a person types it', () => {
  it('is the same code in small letters, with a space or nothing for the hyphen, and with spaces around', () => {
    for (const typed of ['5PLY-TYC5', '5ply-tyc5', ' 5ply tyc5 ', '5PLYTYC5', '5ply - tyc5'])
      expect(sameReceiptCode('5PLY-TYC5', typed), typed).toBe(true);
  });

  it('is the same code with an O for a zero and an I or L for a one, both ways', () => {
    for (const typed of ['K7QF-29XO', 'k7qf-29xo', 'K7QF-29X0'])
      expect(sameReceiptCode('K7QF-29X0', typed), typed).toBe(true);
    for (const typed of ['A1B2-C1D3', 'AIB2-CLD3', 'alb2-cid3'])
      expect(sameReceiptCode('A1B2-C1D3', typed), typed).toBe(true);
    // A code issued before the look-alikes were left out still opens with what is printed on it.
    expect(sameReceiptCode('5PLY-TYC5', '5PLY-TYC5')).toBe(true);
    expect(sameReceiptCode('5PLY-TYC5', '5P1Y-TYC5')).toBe(true);
  });

  it('is not another code, a part of it, or nothing', () => {
    for (const typed of ['5PLY-TYC6', '5PLY', '', ' - ', '5PLY-TYC5X', 'SPLY-TYC5', undefined])
      expect(sameReceiptCode('5PLY-TYC5', typed), String(typed)).toBe(false);
    expect(sameReceiptCode(undefined, '5PLY-TYC5')).toBe(false);
  });
});

describe('a new receipt code', () => {
  it('is four and four characters of Crockford Base32, without I, L, O or U, each drawn evenly', () => {
    const counts = new Map<string, number>();
    const codes = Array.from({ length: 4000 }, newReceiptCode);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      for (const symbol of code.replace('-', '')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect(new Set(codes).size).toBe(codes.length);
    // 32,000 symbols over 32: 1,000 each expected; the old generator gave X four times a digit's share.
    expect(counts.size).toBe(32);
    for (const [symbol, n] of counts) expect(n, symbol).toBeGreaterThan(800);
    for (const [symbol, n] of counts) expect(n, symbol).toBeLessThan(1200);
  });
});
