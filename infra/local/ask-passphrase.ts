import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Asks for the signing keys' passphrase on the terminal without echoing it (the question is shown,
 * the typing is not), as `sudo` or `ssh-keygen` do; node's readline has no hidden mode of its own.
 */
export function askPassphrase(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stdout.write(chunk, encoding);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    prompt.question(question, (answer) => {
      prompt.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
