/**
 * What an official's own password must be, each rule refused by name (in Bahasa Indonesia): at least
 * 12 characters (NIST SP 800-63B asks for 8 at least and favours length over composition), at most
 * 200 (what the sign-in form reads), a letter and something that is not a letter (a simple rule
 * against a lone dictionary word), not their id or the password it replaces, typed the same twice.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export function newPasswordProblem(
  fields: { current: string; next: string; repeat: string },
  officialId: string,
): string | undefined {
  const { current, next, repeat } = fields;
  // First: retyping the printed password must say so, whatever that password is made of (it has no
  // digit about one time in twelve, and the composition rule would otherwise answer instead).
  if (next === current) return 'Kata sandi baru harus berbeda dari kata sandi yang sekarang.';
  if (next.length < MIN_PASSWORD_LENGTH)
    return `Kata sandi baru terlalu pendek: paling sedikit ${MIN_PASSWORD_LENGTH} karakter (yang diisi ${next.length}).`;
  if (next.length > MAX_PASSWORD_LENGTH)
    return `Kata sandi baru terlalu panjang: paling banyak ${MAX_PASSWORD_LENGTH} karakter.`;
  if (!/\p{L}/u.test(next) || !/[^\p{L}]/u.test(next))
    return 'Kata sandi baru harus memuat huruf dan paling sedikit satu angka atau tanda baca.';
  if (next.toLowerCase().includes(officialId.toLowerCase()))
    // The official picks their name from a list at sign-in and never sees the account's id otherwise.
    return `Kata sandi baru tidak boleh memuat nama akun Anda (${officialId}).`;
  if (next !== repeat) return 'Kata sandi baru dan ulangannya tidak sama. Ketik kata sandi baru yang sama dua kali.';
  return undefined;
}
