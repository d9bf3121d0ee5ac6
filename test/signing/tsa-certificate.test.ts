import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startOcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn } from '#local/tsa-stand-in.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { Rfc3161Client } from '#signing/timestamp-client.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';

/**
 * The local TSA's certificate over the years (LocalPki.renewTimestampAuthority, run at every start
 * with PARAF_RENEWAL_MARGIN_DAYS): kept while it ends after the margin, set aside with its key once
 * the margin reaches its end, a new one made under the CA and never past the CA's own end. Tokens of
 * the old and the new key both pass `openssl ts -verify`, and the OCSP stand-in says both are good.
 * Asynchronous openssl: the stand-ins answer from this process.
 */
const dataDir = tempDataDir('paraf-tsa-');
afterAll(() => removeDir(dataDir));
const pkiDir = join(dataDir, 'pki');
const DAY = 86_400_000;

const openssl = (args: string[]) =>
  new Promise<string>((done) =>
    execFile('openssl', args, { encoding: 'utf8' }, (_error, stdout, stderr) => done(stdout + stderr)),
  );
const certificate = (name: string) => new X509Certificate(readFileSync(join(pkiDir, name)));

/** A token of the TSA the data folder holds now, over `data`, from the stand-in as the runtime starts it. */
async function tokenNow(data: string): Promise<{ token: string; data: string }> {
  const standIn = await startTsaStandIn(dataDir);
  try {
    const token = await new Rfc3161Client(standIn.url).timestamp(Buffer.from(data));
    const paths = { token: join(dataDir, `${data}.tst`), data: join(dataDir, `${data}.txt`) };
    writeFileSync(paths.token, token);
    writeFileSync(paths.data, data);
    return paths;
  } finally {
    await standIn.close();
  }
}

describe("the local TSA's certificate", () => {
  it("is replaced once the renewal margin reaches its end, the old pair kept; both keys' tokens verify and both certificates are good", async () => {
    const pki = new LocalPki(dataDir);
    await pki.timestampAuthority(365);
    const first = certificate('tsa.cert.pem');
    const oldToken = await tokenNow('sebelum');

    // Five years ahead, the margin of a year does not reach it: nothing changes.
    expect(await pki.renewTimestampAuthority(365)).toBeUndefined();
    expect(certificate('tsa.cert.pem').serialNumber).toBe(first.serialNumber);

    // A margin reaching its end (what a start four years on sees with 365 days): set aside, a new one made.
    const renewed = await pki.renewTimestampAuthority(1900);
    const serial = first.serialNumber.toLowerCase();
    expect(renewed?.retired.toLowerCase().replace(/^0+/, '')).toBe(serial.replace(/^0+/, ''));
    expect(renewed?.until.toISOString()).toBe(new Date(first.validTo).toISOString());
    const retiredCert = join(pkiDir, `tsa.diganti-${renewed?.retired}.cert.pem`);
    expect(new X509Certificate(readFileSync(retiredCert)).raw.equals(first.raw)).toBe(true);
    expect(existsSync(join(pkiDir, `tsa.diganti-${renewed?.retired}.key.pem`))).toBe(true);
    const second = certificate('tsa.cert.pem');
    expect(second.serialNumber).not.toBe(first.serialNumber);
    // It outlasts the margin by a year, so the next start keeps it.
    expect(Date.parse(second.validTo)).toBeGreaterThan(Date.now() + (1900 + 364) * DAY);
    expect(second.checkIssued(certificate('ca.cert.pem'))).toBe(true);
    expect(second.toLegacyObject().ext_key_usage).toEqual(['1.3.6.1.5.5.7.3.8']);
    expect(await pki.renewTimestampAuthority(1900)).toBeUndefined();
    const newToken = await tokenNow('sesudah');

    // The CA's ten years bound it: a margin past them gives a TSA ending with the CA, then no more.
    expect(await pki.renewTimestampAuthority(3650)).toBeDefined();
    expect(Date.parse(certificate('tsa.cert.pem').validTo)).toBe(Date.parse(certificate('ca.cert.pem').validTo));
    const third = certificate('tsa.cert.pem').serialNumber;
    expect(await pki.renewTimestampAuthority(3650)).toBeUndefined();
    expect(certificate('tsa.cert.pem').serialNumber).toBe(third);

    const caFile = join(pkiDir, 'ca.cert.pem');
    for (const { token, data } of [oldToken, newToken])
      expect(await openssl(['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', caFile])).toContain(
        'Verification: OK',
      );
    const ocsp = await startOcspStandIn(dataDir);
    try {
      for (const cert of [retiredCert, join(pkiDir, 'tsa.cert.pem')]) {
        const answer = await openssl(['ocsp', '-issuer', caFile, '-cert', cert, '-url', ocsp.url, '-CAfile', caFile]);
        expect(answer).toContain(`${cert}: good`);
      }
    } finally {
      await ocsp.close();
    }
  }, 60_000);
});
