/** The DER inside a PEM block (a certificate or a PKCS#8 key): the base64 between the armour lines. */
export const pemToDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/** Every certificate of a PEM file, in its order (text around and between the blocks is ignored). */
export const pemCertificates = (text: string): string[] =>
  text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
