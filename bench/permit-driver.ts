import { type FSWatcher, mkdirSync, readdirSync, watch } from 'node:fs';
import type { LocalParaf } from '#local/start-local.ts';
import type { Sop } from '#sop/schema.ts';
import { type Clerk, completeApplication } from '../scripts/clerk.ts';

/** An API-U permit's links (steps 6 to 13). */
const LINKS_PER_PERMIT = 8;

/** Approvals refused as busy and sent again (see approveAsAPersonWould), for the benchmark to report. */
export const busyRefusals = { count: 0 };

/**
 * Approves as the official would: an approval refused because Paraf is still checking five other
 * codes of the same official (`checks-busy`, 503, nothing changed) is sent again after a moment, as
 * its words ask ("Tunggu sebentar, lalu coba lagi"). Only the benchmark sends one official a hundred
 * approvals at once; each refusal is counted and reported beside the figures it is part of.
 */
async function approveAsAPersonWould(clerk: Clerk, url: string) {
  for (;;) {
    const answer = await clerk.decide(url, { decision: 'approve' });
    if (answer.status !== 503 || answer.body.error !== 'checks-busy') return answer;
    busyRefusals.count += 1;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Submits one permit and clicks through its links as they are e-mailed; resolves when its copies are
 * archived and the case is closed. It waits on the execution's end rather than asking the case's
 * status over and over: each ask is a staff request and a case read the permit itself never makes.
 */
export async function clickThroughPermit(
  paraf: Pick<LocalParaf, 'engine'>,
  clerk: Clerk,
  links: LinkWaiter,
  sop: Sop,
): Promise<void> {
  const submitted = await clerk.submit(completeApplication(sop));
  if (submitted.status !== 201) throw new Error(JSON.stringify(submitted.body));
  const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
  // A case the runtime fails (a step failed after its retries) sends no more links: its execution's end stops the wait.
  const stopped = paraf.engine.whenStopped(`arn:aws:states:local:000000000000:execution:${sop.id}:${id}`);
  for (let clicked = 0; clicked < LINKS_PER_PERMIT; clicked += 1) {
    const url = await Promise.race([links.next(fileNumber), stopped.then(() => undefined)]);
    if (!url) break;
    const answer = await approveAsAPersonWould(clerk, url);
    if (answer.status !== 200) throw new Error(`${fileNumber} link ${clicked + 1}: ${JSON.stringify(answer.body)}`);
  }
  // Done when its execution is (the numbered copies archived, the case closed), then asked once how it ended.
  await stopped;
  const status = (await clerk.json(`/api/cases/${id}`)).body.status;
  if (status !== 'selesai') throw new Error(`${fileNumber} ended ${String(status)}`);
}

/**
 * The outbox read over HTTP when its folder changes (inotify), and every half second in case a
 * change was missed, each link handed to the permit whose file it names. Clerk.nextLink polls the
 * whole outbox every 15 ms for each waiting permit: on this shared machine, with a permit taking
 * tens of seconds, that polling cost more CPU than the permit's own work, and it ran in the
 * runtime's process, so it was counted as the runtime's.
 */
export class LinkWaiter {
  private readonly queued = new Map<string, string[]>();
  private readonly waiting = new Map<string, () => void>();
  private read = 0;
  private readonly watcher: FSWatcher;
  private readonly timer: NodeJS.Timeout;
  private polling: Promise<void> | undefined;
  private again = false;

  private messagesAsked = -1;

  constructor(
    private readonly clerk: Clerk,
    private readonly outboxDir: string,
  ) {
    mkdirSync(outboxDir, { recursive: true });
    this.watcher = watch(outboxDir, () => this.poll());
    this.timer = setInterval(() => this.poll(), 500);
  }

  /** The next link e-mailed about the file. */
  async next(fileNumber: string): Promise<string> {
    for (;;) {
      const found = this.queued.get(fileNumber)?.shift();
      if (found) return found;
      await new Promise<void>((resolve) => {
        this.waiting.set(fileNumber, resolve);
        this.poll();
      });
      this.waiting.delete(fileNumber);
    }
  }

  /** One read at a time; a change during a read asks for one more after it. */
  private poll(): void {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.readNew()
      .catch((error: unknown) => console.error('outbox read failed; read again at the next change', error))
      .finally(() => {
        this.polling = undefined;
        if (this.again) {
          this.again = false;
          this.poll();
        }
      });
  }

  private async readNew(): Promise<void> {
    if (this.waiting.size === 0) return;
    // A message is written as a temporary file and renamed: several changes of the folder for one
    // message, and the timer besides. The clerk asks the outbox page (a staff request, which costs the
    // permit a session read) only when a message was added since it last asked.
    const messages = readdirSync(this.outboxDir).filter((file) => file.endsWith('.json')).length;
    if (messages === this.messagesAsked) return;
    this.messagesAsked = messages;
    const mail = await this.clerk.outbox();
    for (; this.read < mail.length; this.read += 1) {
      const message = mail[this.read]!;
      const fileNumber = /Berkas (\S+):/.exec(message.subject)?.[1];
      const [link] = message.links;
      if (!fileNumber || !link) continue;
      this.queued.set(fileNumber, [...(this.queued.get(fileNumber) ?? []), link.url]);
      this.waiting.get(fileNumber)?.();
    }
  }

  stop(): void {
    this.watcher.close();
    clearInterval(this.timer);
  }
}
