import type { Pool, PoolClient } from './pool';

/**
 * LISTENs for `channel` on `client`, calling `onNotify` for each notification. Only `[a-z_]`
 * channel names (LISTEN takes no parameter). The one place work woken by PostgreSQL
 * notifications starts listening: on a lease's connection ({@link AdvisoryLease.listen}) or
 * on one of its own ({@link ChannelListener}).
 */
export async function listenOn(client: PoolClient, channel: string, onNotify: () => void): Promise<void> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  client.on('notification', (n) => {
    if (n.channel === channel) onNotify();
  });
  await client.query(`LISTEN ${channel}`);
}

/**
 * A connection of its own that LISTENs on one channel, for work every replica runs (so no
 * lease whose connection could listen). `ensure()` opens it, and opens it again after it
 * failed; a failure also calls `onNotify`, so the waiting work runs its next round (which
 * ensures the listener again) at once instead of at its fallback poll.
 */
export class ChannelListener {
  private client: PoolClient | undefined;

  constructor(
    private readonly pool: Pool,
    readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Listening when it resolves; throws when the database cannot be reached. */
  async ensure(): Promise<void> {
    if (this.client) return;
    const client = await this.pool.connect();
    try {
      await listenOn(client, this.channel, this.onNotify);
    } catch (err) {
      client.release(true);
      throw err;
    }
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.release(true);
      this.onNotify();
    };
    client.on('error', lost);
    client.on('end', lost);
    this.client = client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Discarded rather than pooled: a pooled connection would go on listening for its next user.
    client?.release(true);
  }
}
