import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Official } from '#staff/load-staff-directory.ts';

/** Who a request comes from, as every page and the approval flow see it, whichever provider signed them in. */
export interface SignedIn {
  official: Official;
  /** Signed in through the demo sign-in (a loopback-only start without accounts). */
  demo: boolean;
  /**
   * The password is still the one `npx paraf staf buat` printed: only the change-password page opens
   * (change-password.ts). Said only by the local sign-in (false or true); where Paraf holds no password (Cognito), absent.
   */
  mustChangePassword?: boolean;
  /**
   * The authenticator key is still the one `npx paraf staf buat` printed: after the password, only
   * the enrolment page opens (enrol-authenticator.ts). Said only by the local sign-in, as above.
   */
  mustEnrolAuthenticator?: boolean;
  /**
   * The authenticator key the account holds, with the account's createdAt, as the session check read
   * them for this request (local sign-in only): the enrolment page derives the key it offers from it
   * and saves only while the account still holds it, without reading the account again. Kept on the
   * server for this request; never shown or sent.
   */
  currentKey?: { totpSecret: string; createdAt: string };
}

/**
 * The identity port. Two providers, chosen by PARAF_AUTH: `local` (accounts in the table, password
 * and authenticator code; local-sign-in.ts) and `cognito` (the user pool on AWS; web/staff-sign-in.ts).
 * Both end in the same server-side session (sessions.ts), and a signature asks both for the same
 * Paraf-held authenticator code (signing-factor.ts), so the pages and the approval flow never ask
 * which provider they run with.
 */
export interface IdentityProvider {
  readonly kind: 'local' | 'cognito';
  /** The official this request is signed in as, or undefined. */
  identify(c: Context): Promise<SignedIn | undefined>;
  /** /masuk (sign in) and /keluar (sign out), in the provider's way. */
  routes(): Hono;
  /** Whether a demo account's code may sign now (local only, while the demo sign-in is open). */
  demoOpen(): Promise<boolean>;
}

/**
 * Hono's documented way to type what middleware sets on a request (ContextVariableMap): every
 * route reads these without a cast, whichever Hono app it is mounted on.
 */
declare module 'hono' {
  interface ContextVariableMap {
    'paraf.signedIn': SignedIn | undefined;
    /** Why a presented sign-in token named nobody (web/staff-sign-in.ts). */
    'paraf.identityProblem': 'invalid' | 'not-staff';
    /**
     * The staff areas the signed-in official may open (identity/staff-areas.ts), for the header's menu:
     * worked out only when a page is drawn (JSON answers, files and redirects need none).
     */
    'paraf.areas': () => ReadonlySet<string>;
    /** The local runtime's outbox is there to read (the header links the Kotak keluar). */
    'paraf.outbox': boolean;
  }
}

/** Reads who the request is from once, for every route after it. */
export function identifyRequests(provider: IdentityProvider): MiddlewareHandler {
  return async (c, next) => {
    c.set('paraf.signedIn', await provider.identify(c));
    await next();
  };
}

export function signedIn(c: Context): SignedIn | undefined {
  return c.get('paraf.signedIn');
}

/** The official a page was opened by; undefined when signed out. */
export function signedInOfficial(c: Context): Official | undefined {
  return signedIn(c)?.official;
}

/** Loopback addresses: the only hosts a demo sign-in is offered to. */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}
