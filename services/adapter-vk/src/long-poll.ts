import type { Logger } from 'pino';
import { z } from 'zod';
import type { VkClient } from './vk-api';

const Server = z.object({
  key: z.string(),
  server: z.string(),
  ts: z.union([z.string(), z.number()]).transform(String),
});
const Check = z.object({
  ts: z.union([z.string(), z.number()]).transform(String).optional(),
  updates: z.array(z.unknown()).optional(),
  failed: z.number().optional(),
});

export interface LongPollOptions {
  client: VkClient;
  groupId: number;
  log: Logger;
  /** Handles one batch of updates; resolve only when they are accepted (published). */
  onUpdates: (updates: unknown[]) => Promise<void>;
  waitSeconds?: number;
  retryDelayMs?: number;
}

/**
 * Bots Long Poll (dev.vk.com, "Bots Long Poll API"): groups.getLongPollServer, then
 * `{server}?act=a_check&key&ts&wait` in a loop. `ts` advances only after a batch was
 * accepted, so a bus failure re-reads the same updates (VK keeps them for a while);
 * `failed: 1` moves `ts`, `failed: 2|3` fetch a new key (and `ts`).
 */
export class VkLongPoll {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: LongPollOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { client, log, waitSeconds = 25, retryDelayMs = 1000 } = this.opts;
    let server: z.infer<typeof Server> | undefined;
    while (!this.abort.signal.aborted) {
      try {
        if (!server)
          server = Server.parse(
            await client.call('groups.getLongPollServer', { group_id: this.opts.groupId }),
          );
        const url = `${server.server}?act=a_check&key=${encodeURIComponent(server.key)}&ts=${encodeURIComponent(server.ts)}&wait=${waitSeconds}`;
        const answer = Check.parse(await client.getJson(url, (waitSeconds + 10) * 1000, this.abort.signal));
        if (answer.failed === 1 && answer.ts) server.ts = answer.ts;
        else if (answer.failed === 2)
          server = {
            ...server,
            key: Server.parse(await client.call('groups.getLongPollServer', { group_id: this.opts.groupId }))
              .key,
          };
        else if (answer.failed !== undefined) server = undefined;
        else {
          if (answer.updates && answer.updates.length > 0) await this.opts.onUpdates(answer.updates);
          if (answer.ts) server.ts = answer.ts;
        }
      } catch (err) {
        if (this.abort.signal.aborted) break;
        log.warn({ err }, 'long poll failed; retrying');
        await sleep(retryDelayMs, this.abort.signal);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
