import { setUpAccount } from '#identity/accounts.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { Clerk } from '../scripts/clerk.ts';

/**
 * A clerk whose officials sign in with real accounts (password and authenticator code), as in an
 * office that has made them (`npx paraf staf buat`) and whose officials have since chosen their own
 * password and authenticator key at first sign-in, which the benchmarks do not time. The demo sign-in reads every official's account
 * at each staff request while it is open, a cost no office with accounts pays, so the benchmarks
 * do not measure through it.
 */
export async function officeClerk(paraf: Pick<LocalParaf, 'runtime' | 'url'>): Promise<Clerk> {
  const store = { dynamo: paraf.runtime.dynamo, table: paraf.runtime.config.table };
  const credentials = Object.fromEntries(
    await Promise.all(
      paraf.runtime.staff.officials.map(async (official) => {
        const { password, totpSecret } = await setUpAccount(store, official.id, {
          withPassword: true,
          mustChangePassword: false,
          mustEnrolAuthenticator: false,
        });
        return [official.id, { password: password ?? '', totpSecret }] as const;
      }),
    ),
  );
  return new Clerk(paraf.url, credentials);
}
