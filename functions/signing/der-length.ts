/** The /Contents hole is padded with zeros after the DER; the DER header says where it ends. */
export function withoutPadding(der: Uint8Array): Uint8Array {
  const first = der[1] ?? 0;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (der[2 + i] ?? 0);
    header = 2 + count;
  }
  return der.subarray(0, header + length);
}
