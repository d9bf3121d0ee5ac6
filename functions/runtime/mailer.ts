import { mailProvider, type MailProvider } from '#mail/mail-provider.ts';
import type { Runtime } from './runtime.ts';

const mailers = new WeakMap<Runtime, MailProvider>();

/**
 * The mail provider of PARAF_MAIL, built once per runtime. Kept out of runtime.ts so that only the
 * functions that send mail carry the SES client in their bundles.
 */
export function mailer(rt: Runtime): MailProvider {
  let built = mailers.get(rt);
  if (!built) {
    built = mailProvider(rt.config);
    mailers.set(rt, built);
  }
  return built;
}
