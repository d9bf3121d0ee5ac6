import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { readConfig } from '#config/read-config.ts';

/**
 * The parts of a Cognito user pool Paraf talks to, on 127.0.0.1: the hosted sign-in (which signs
 * in whoever the test names, instead of asking for a password), the token endpoint with PKCE, the
 * pool's JWKS, and sign-out. Tokens are RS256 ID tokens with Cognito's claims.
 */
export async function startCognitoStandIn(clientId: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stand-in-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { user: string; challenge: string; redirectUri: string }>();
  const state = { nextUser: '', tokenRequests: 0 };
  let issuer = '';

  /** `as`: another issuer or audience, signed with this pool's own key (a token of another pool or app client). */
  const idToken = (
    user: string,
    overrides: Record<string, unknown> = {},
    expiresIn: string | number = '1h',
    as: { issuer?: string; audience?: string } = {},
  ) =>
    new SignJWT({ token_use: 'id', 'cognito:username': user, email: `${user}@dpmptsp.test`, ...overrides })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(as.issuer ?? issuer)
      .setAudience(as.audience ?? clientId)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/pool/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else if (url.pathname === '/oauth2/authorize') {
      const code = randomBytes(12).toString('hex');
      codes.set(code, {
        user: state.nextUser,
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: back.toString() }).end();
    } else if (url.pathname === '/oauth2/token' && request.method === 'POST') {
      state.tokenRequests += 1;
      let body = '';
      for await (const chunk of request) body += chunk;
      const form = new URLSearchParams(body);
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const ok =
        pending &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('client_id') === clientId &&
        form.get('redirect_uri') === pending.redirectUri &&
        createHash('sha256').update(verifier).digest('base64url') === pending.challenge;
      if (!ok) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id_token: await idToken(pending.user),
          access_token: 'unused',
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      );
    } else if (url.pathname === '/logout') {
      response.writeHead(302, { location: url.searchParams.get('logout_uri') ?? '/' }).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${domain}/pool`;
  return {
    domain,
    issuer,
    /** Who the next visit to the sign-in page signs in as. */
    signInAs(user: string) {
      state.nextUser = user;
    },
    idToken,
    get tokenRequests() {
      return state.tokenRequests;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * The web function's configuration read from its environment as api-stack.ts sets it (SES, KMS,
 * Cognito at `pool`), with the state machines given as PARAF_STATE_MACHINES.
 */
export function webFunctionConfig(
  pool: { issuer: string; domain: string },
  clientId: string,
  stateMachines: Record<string, string>,
) {
  return readConfig({
    PARAF_TABLE: 'paraf-records',
    PARAF_BUCKET: 'paraf-archive',
    PARAF_PUBLIC_URL: 'https://paraf.example.test',
    PARAF_MAIL: 'ses',
    PARAF_SIGNER: 'kms',
    PARAF_KMS_KEYS: 'config/kms-keys.json',
    PARAF_AUTH: 'cognito',
    PARAF_AUTH_ISSUER: pool.issuer,
    PARAF_AUTH_CLIENT_ID: clientId,
    PARAF_AUTH_DOMAIN: pool.domain,
    PARAF_STATE_MACHINES: JSON.stringify(stateMachines),
  });
}
