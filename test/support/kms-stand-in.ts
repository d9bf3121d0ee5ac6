import { constants, generateKeyPairSync, privateEncrypt, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for KMS's Sign action (JSON 1.1 protocol, TrentService.Sign) over one RSA key,
 * signing a SHA-256 digest as KMS does for RSASSA_PKCS1_V1_5_SHA_256 with MessageType DIGEST:
 * the DigestInfo of the digest, PKCS#1 v1.5 padded, under the private key. Like dynalite for
 * DynamoDB, it lets the real SDK client run here without AWS.
 */
export async function startKmsStandIn(
  keyId: string,
): Promise<{ endpoint: string; publicKeySpki: Uint8Array; requests: unknown[]; close(): Promise<void> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const requests: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request = JSON.parse(body) as {
        KeyId: string;
        Message: string;
        MessageType: string;
        SigningAlgorithm: string;
      };
      requests.push({ target: req.headers['x-amz-target'], ...request });
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers['x-amz-target'] !== 'TrentService.Sign')
        return reply(400, { __type: 'UnsupportedOperationException', message: 'only Sign' });
      if (request.KeyId !== keyId)
        return reply(400, { __type: 'NotFoundException', message: `no key ${request.KeyId}` });
      if (request.MessageType !== 'DIGEST' || request.SigningAlgorithm !== 'RSASSA_PKCS1_V1_5_SHA_256')
        return reply(400, { __type: 'ValidationException', message: 'expected an RSA SHA-256 digest' });
      const digest = Buffer.from(request.Message, 'base64');
      if (digest.length !== 32)
        return reply(400, { __type: 'ValidationException', message: 'a SHA-256 digest is 32 bytes' });
      const signature = sign(privateKey, digest);
      reply(200, { KeyId: keyId, Signature: signature.toString('base64'), SigningAlgorithm: request.SigningAlgorithm });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publicKeySpki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
function sign(key: KeyObject, digest: Buffer): Buffer {
  return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
}
