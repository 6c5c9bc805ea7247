import { CUSTOMER_TYPING_CHANNEL, CustomerTypingSignal, errorMessage } from '@omni/contracts';
import type { Pool, PoolClient } from '@omni/db';
import type { Logger } from '@omni/service-kit';

type Subscriber = (signal: CustomerTypingSignal) => void;

/**
 * Customers' typing, heard on PostgreSQL (`CUSTOMER_TYPING_CHANNEL`, sent by whichever
 * adapter replica holds the customer's socket) and handed to the `GET /v1/typing` polls
 * waiting in this replica. One listening connection, opened with the first poll and closed
 * with the last; a signal sent while nobody listens is gone, as typing should be.
 */
export class TypingFeed {
  private readonly subscribers = new Set<Subscriber>();
  private listener: Promise<PoolClient> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {}

  /** Starts hearing signals for `fn`; resolves once listening. Returns the unsubscribe. */
  async subscribe(fn: Subscriber): Promise<() => void> {
    this.subscribers.add(fn);
    try {
      await this.listen();
    } catch (err) {
      this.subscribers.delete(fn);
      throw err;
    }
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size === 0) void this.unlisten();
    };
  }

  private listen(): Promise<PoolClient> {
    if (this.listener) return this.listener;
    const current: Promise<PoolClient> = (async () => {
      const client = await this.pool.connect();
      client.on('notification', (n) => {
        try {
          const signal = CustomerTypingSignal.parse(JSON.parse(n.payload ?? ''));
          for (const fn of this.subscribers) fn(signal);
        } catch (err) {
          this.log.debug({ err: errorMessage(err) }, 'unreadable typing signal ignored');
        }
      });
      client.on('error', (err) => {
        // The streams stay open; the next subscriber listens again.
        this.log.warn({ err: errorMessage(err) }, 'the typing feed lost its PostgreSQL listener');
        if (this.listener === current) this.listener = undefined;
        release(client, err);
      });
      await client.query(`LISTEN ${CUSTOMER_TYPING_CHANNEL}`);
      return client;
    })().catch((err: unknown) => {
      if (this.listener === current) this.listener = undefined;
      throw err;
    });
    this.listener = current;
    return current;
  }

  /** Stops listening (the service stops; its streams were ended before). */
  async stop(): Promise<void> {
    this.subscribers.clear();
    await this.unlisten();
  }

  private async unlisten(): Promise<void> {
    const pending = this.listener;
    this.listener = undefined;
    const client = await pending?.catch(() => undefined);
    if (!client) return;
    if (this.subscribers.size > 0) {
      // A stream opened meanwhile: keep listening on this connection.
      this.listener = Promise.resolve(client);
      return;
    }
    client.removeAllListeners('notification');
    await client.query(`UNLISTEN ${CUSTOMER_TYPING_CHANNEL}`).catch(() => undefined);
    release(client);
  }
}

const released = new WeakSet<PoolClient>();
/** Once only: a connection that failed after it was given back must not be given back twice. */
function release(client: PoolClient, err?: Error): void {
  if (released.has(client)) return;
  released.add(client);
  client.release(err);
}
