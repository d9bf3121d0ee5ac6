import { LocalPki } from '#signing/local-pki.ts';
import { answerOcspFromPkiFolder } from '#signing/ocsp-responder.ts';
import { startLoopbackService } from './loopback-service.ts';

export interface OcspStandIn {
  /** http://127.0.0.1:<port>/ocsp */
  url: string;
  /** http://127.0.0.1:<port>/ca.crl: the CA's CRL, signed afresh on each request from pki/revoked.json. */
  crlUrl: string;
  /** Certificates asked about, for tests that count what a flow asked for. */
  answered(): number;
  close(): Promise<void>;
}

/**
 * The development CA's OCSP responder (RFC 6960 over HTTP POST) on loopback, for the signing
 * steps' validation data: the same answers as the app's `/pki/ocsp` (signing/ocsp-responder.ts),
 * at an address that does not depend on the public URL.
 */
export async function startOcspStandIn(dataDir: string, port = 0, passphrase?: string): Promise<OcspStandIn> {
  const pki = new LocalPki(dataDir, undefined, passphrase);
  let count = 0;
  const service = await startLoopbackService(port, {
    'POST /ocsp': (body) => {
      const { der, answered } = answerOcspFromPkiFolder(body ?? new Uint8Array(), dataDir, passphrase);
      count += answered;
      return { contentType: 'application/ocsp-response', body: der };
    },
    'GET /ca.crl': async () => ({
      contentType: 'application/pkix-crl',
      body: await pki.currentRevocationList(),
    }),
  });
  return {
    url: `${service.origin}/ocsp`,
    crlUrl: `${service.origin}/ca.crl`,
    answered: () => count,
    close: service.close,
  };
}
