import { spawnSync } from 'node:child_process';
import { constants, generateKeyPairSync, privateEncrypt, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  const served = await serveKms((target, request, reply) => {
    requests.push({ target, ...request });
    if (target !== 'TrentService.Sign')
      return reply(400, { __type: 'UnsupportedOperationException', message: 'only Sign' });
    if (request.KeyId !== keyId) return reply(400, { __type: 'NotFoundException', message: `no key ${request.KeyId}` });
    if (request.MessageType !== 'DIGEST' || request.SigningAlgorithm !== 'RSASSA_PKCS1_V1_5_SHA_256')
      return reply(400, { __type: 'ValidationException', message: 'expected an RSA SHA-256 digest' });
    const digest = Buffer.from(request.Message ?? '', 'base64');
    if (digest.length !== 32)
      return reply(400, { __type: 'ValidationException', message: 'a SHA-256 digest is 32 bytes' });
    const signature = sign(privateKey, digest);
    reply(200, { KeyId: keyId, Signature: signature.toString('base64'), SigningAlgorithm: request.SigningAlgorithm });
  });
  return {
    ...served,
    publicKeySpki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    requests,
  };
}

type KmsRequest = { KeyId: string; Message?: string; MessageType?: string; SigningAlgorithm?: string };
type KmsReply = (status: number, payload: object) => void;
/**
 * An HTTP server on a free local port that speaks KMS's JSON 1.1 protocol: each request's target
 * (X-Amz-Target) and parsed body go to `answer`, which replies through `reply`.
 */
async function serveKms(
  answer: (target: string | undefined, request: KmsRequest, reply: KmsReply) => void,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply: KmsReply = (status, payload) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      const target = req.headers['x-amz-target'];
      answer(Array.isArray(target) ? target.join(',') : target, JSON.parse(body) as KmsRequest, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
function sign(key: KeyObject, digest: Buffer): Buffer {
  return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
}

/**
 * A local stand-in for KMS over several ECC_NIST_P256 keys, one per alias, as the signing stack makes
 * them: GetPublicKey (the key's ARN, its SubjectPublicKeyInfo, its spec) and Sign of a SHA-256 digest
 * with ECDSA_SHA_256 (DER, as KMS answers), the digest signed as it is by `openssl pkeyutl` (Node's
 * crypto hashes what it signs). Every request is recorded with its target.
 */
export async function startKmsKeysStandIn(
  aliases: readonly string[],
  /** The account the keys' ARNs name (a role's policy names its own account's keys). */
  account = '111122223333',
): Promise<{
  endpoint: string;
  /** Each alias's key: its ARN and SubjectPublicKeyInfo (DER). */
  keys: Map<string, { arn: string; spki: Uint8Array }>;
  requests: { target: string; KeyId: string; [field: string]: unknown }[];
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'paraf-kms-keys-'));
  const keys = new Map<string, { arn: string; spki: Uint8Array; keyFile: string }>();
  aliases.forEach((alias, index) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = join(dir, `${index}.pem`);
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    keys.set(alias, {
      arn: `arn:aws:kms:ap-southeast-3:${account}:key/${randomUUID()}`,
      spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      keyFile,
    });
  });
  const find = (keyId: string) => [...keys.values()].find((key) => key.arn === keyId) ?? keys.get(keyId);
  const requests: { target: string; KeyId: string; [field: string]: unknown }[] = [];
  const served = await serveKms((header, request, reply) => {
    const target = String(header);
    requests.push({ target, ...request });
    const key = find(request.KeyId);
    if (!key) return reply(400, { __type: 'NotFoundException', message: `Alias ${request.KeyId} is not found.` });
    if (target === 'TrentService.GetPublicKey')
      return reply(200, {
        KeyId: key.arn,
        PublicKey: Buffer.from(key.spki).toString('base64'),
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: ['ECDSA_SHA_256'],
      });
    if (target !== 'TrentService.Sign')
      return reply(400, { __type: 'UnsupportedOperationException', message: 'only GetPublicKey and Sign' });
    const digest = Buffer.from(request.Message ?? '', 'base64');
    if (request.MessageType !== 'DIGEST' || request.SigningAlgorithm !== 'ECDSA_SHA_256' || digest.length !== 32)
      return reply(400, { __type: 'ValidationException', message: 'expected an ECDSA SHA-256 digest of 32 bytes' });
    const signed = spawnSync('openssl', ['pkeyutl', '-sign', '-inkey', key.keyFile], { input: digest });
    if (signed.status !== 0) return reply(500, { __type: 'KMSInternalException', message: String(signed.stderr) });
    reply(200, { KeyId: key.arn, Signature: signed.stdout.toString('base64'), SigningAlgorithm: 'ECDSA_SHA_256' });
  });
  return {
    endpoint: served.endpoint,
    keys: new Map([...keys].map(([alias, { arn, spki }]) => [alias, { arn, spki }])),
    requests,
    close: async () => {
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
