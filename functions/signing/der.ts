/**
 * DER assembled from parts already encoded (X.690): a tag, its length and its contents. Paraf's CMS
 * (build-cms.ts) is made of pieces it holds as bytes (certificates, signed attributes, a TSA's token);
 * @peculiar/asn1-schema, which encodes the rest, re-parses every such piece to encode it again, which
 * made a signature's CMS some 6 ms of CPU. Here they are only copied.
 */
export function der(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, part) => sum + part.byteLength, 0);
  const header = [tag, ...lengthOctets(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let at = header.length;
  for (const part of contents) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
  /** [0] and [1], constructed: EXPLICIT tags, and IMPLICIT ones over a SET or SEQUENCE. */
  context0: 0xa0,
  context1: 0xa1,
} as const;

/** An OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const octets: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128 = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      base128.unshift((value & 0x7f) | 0x80);
    octets.push(...base128);
  }
  return der(TAG.oid, new Uint8Array(octets));
}

/** An INTEGER whose content octets are already in two's complement (a certificate's serial as X.509 holds it). */
export const derInteger = (contentOctets: Uint8Array): Uint8Array => der(TAG.integer, contentOctets);

/** The same DER with another tag: a SET OF sent as [0] IMPLICIT, as CMS sends signed attributes. */
export function retagged(encoded: Uint8Array, tag: number): Uint8Array {
  const copy = new Uint8Array(encoded);
  copy[0] = tag;
  return copy;
}

/**
 * The elements inside a constructed DER value (its contents split into whole TLVs), each a view of
 * `encoded`; undefined when the lengths do not add up, so a truncated or padded answer is refused.
 */
export function derElements(encoded: Uint8Array): Uint8Array[] | undefined {
  const outer = tlvAt(encoded, 0);
  if (!outer || outer.end !== encoded.byteLength) return undefined;
  const elements: Uint8Array[] = [];
  for (let at = outer.contentStart; at < outer.end; ) {
    const element = tlvAt(encoded, at);
    if (!element || element.end > outer.end) return undefined;
    elements.push(encoded.subarray(at, element.end));
    at = element.end;
  }
  return elements;
}

function tlvAt(bytes: Uint8Array, at: number): { contentStart: number; end: number } | undefined {
  if (at + 2 > bytes.byteLength || ((bytes[at] ?? 0) & 0x1f) === 0x1f) return undefined;
  const first = bytes[at + 1] ?? 0;
  let length = first;
  let contentStart = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > bytes.byteLength) return undefined;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[contentStart + i] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  return end <= bytes.byteLength ? { contentStart, end } : undefined;
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let value = length; value > 0; value = Math.floor(value / 256)) octets.unshift(value & 0xff);
  return [0x80 | octets.length, ...octets];
}
