/**
 * The two names Paraf uses from SES's SDK, for the import() that loads them with the first message:
 * an import() of the package itself would bring every SES command into the bundle.
 */
export { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
