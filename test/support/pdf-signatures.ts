import { spawnSync } from 'node:child_process';
import * as pkijs from 'pkijs';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { signPdf } from '#signing/sign-pdf.ts';
import type { Official } from '#staff/load-staff-directory.ts';

export function tool(command: string, args: string[], debianPackage: string, input?: Uint8Array) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...(input ? { input } : {}) });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(`${command} is missing: apt-get install ${debianPackage} (npm run test:setup)`);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** One signature dictionary's CMS as the file holds it (the hex between the byte ranges, its padding cut off). */
export interface ExtractedSignature {
  subFilter: string;
  cms: Uint8Array;
  /** The SignerInfo's signature value: what a B-T timestamp time-stamps. */
  signatureValue: Uint8Array;
  /** The id-aa-timeStampToken unsigned attribute, as DER, when there is one. */
  timestampToken?: Uint8Array;
}

/**
 * Every signature's CMS, found by its /ByteRange in the file's bytes (not through the code under
 * test), in file order. The CMS is read with pkijs only to cut out the token and the signature
 * value that openssl then checks.
 */
export function extractSignatures(pdf: Uint8Array): ExtractedSignature[] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((match) => {
    const [first, second] = [Number(match[1]), Number(match[2])];
    const hole = text.slice(first, second);
    const der = Buffer.from(hole.slice(1, -1), 'hex');
    const info = pkijs.ContentInfo.fromBER(der);
    const raw = new Uint8Array(info.toSchema().toBER());
    const signedData = new pkijs.SignedData({ schema: info.content });
    const signerInfo = signedData.signerInfos[0]!;
    const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14');
    // The dictionary that holds this /ByteRange: the nearest /SubFilter before or after it.
    const around = text.slice(Math.max(0, match.index - 400), match.index + 400);
    return {
      subFilter: /\/SubFilter\s*\/([\w.]+)/.exec(around)?.[1] ?? '',
      cms: raw,
      signatureValue: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
      ...(token ? { timestampToken: new Uint8Array(token.values[0]!.valueBeforeDecodeView) } : {}),
    };
  });
}

/**
 * `pdf` signed "as the Kepala" by another installation: the same official's name and position, but a
 * key and certificate from a CA of its own in `dir` (`dir`/pki/ca.cert.pem), not the office's.
 */
export async function signedElsewhereAsKepala(
  pdf: Uint8Array,
  officials: readonly Official[],
  dir: string,
  fieldName: string,
): Promise<{ signed: Uint8Array; kepala: Official }> {
  const kepala = officials.find((official) => official.position.startsWith('Kepala Dinas'))!;
  await new LocalPki(dir).ensureOfficials([kepala]);
  const signed = await signPdf(
    pdf,
    {
      officialId: kepala.id,
      fieldName,
      reason: 'Tanda tangan',
      signerName: kepala.name,
      location: 'Samarinda',
      signingTime: new Date(),
      page: 1,
      rect: { x: 40, y: 40, width: 120, height: 36 },
      lines: [kepala.name],
    },
    new LocalSigner(dir),
  );
  return { signed, kepala };
}
