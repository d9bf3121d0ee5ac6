import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The office's mail server on loopback (smtp-server), plain SMTP with no sign-in required.
 * `refusal` gives, for each recipient's address, the refusal the server answers it with (its SMTP code
 * and text), or nothing to take it; each message taken goes to `taken` with its recipients and text.
 */
export async function startPlainSmtp(
  refusal: (address: string) => [code: number, text: string] | undefined,
  taken: (recipients: string[], message: string) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refused = refusal(address.address);
      if (!refused) return callback();
      const [code, text] = refused;
      callback(Object.assign(new Error(text), { responseCode: code }) as Error);
    },
    async onData(stream, session, callback) {
      let message = '';
      for await (const chunk of stream) message += String(chunk);
      taken(
        session.envelope.rcptTo.map((rcpt) => rcpt.address),
        message,
      );
      callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
