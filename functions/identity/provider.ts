import type { Runtime } from '#runtime/runtime.ts';
import { cognitoIdentity } from '#web/staff-sign-in.ts';
import type { IdentityProvider } from './identity.ts';
import { localIdentity } from './local-sign-in.ts';

/** The provider the configuration names (PARAF_AUTH); nothing else in Paraf asks which it is. */
export function identityProvider(rt: Runtime, options: { demoSignIn?: boolean } = {}): IdentityProvider {
  const auth = rt.config.auth;
  return auth.kind === 'cognito' ? cognitoIdentity(rt, auth) : localIdentity(rt, options.demoSignIn ?? false);
}
