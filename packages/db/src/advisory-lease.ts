import { listenOn } from './listen';
import type { Pool, PoolClient } from './pool';

/**
 * Work that must happen once across replicas — relaying the outbox, the SLA clock, long
 * polling a bot, reading a mailbox — is guarded by a PostgreSQL session advisory lock held
 * on a dedicated connection. When the holder dies its connection drops, the lock is freed,
 * and another replica takes the lease on its next try.
 */
export class AdvisoryLease {
  private client: PoolClient | undefined;

  constructor(
    private readonly pool: Pool,
    /** The lease's name; its 64-bit hash is the lock key. */
    readonly name: string,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  /** Takes the lease when it is free; true while this replica holds it. Throws when the database cannot be reached. */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
        [this.name],
      );
      if (!rows[0]?.ok) {
        client.release();
        return false;
      }
    } catch (err) {
      client.release(true);
      throw err;
    }
    // The lock dies with its connection: held no longer, taken again on the next try (an
    // earlier connection's late events must not release the lease taken since).
    const lost = () => {
      if (this.client === client) void this.release();
    };
    client.on('error', lost);
    client.on('end', lost);
    this.client = client;
    return true;
  }

  /**
   * LISTENs on the lease's own connection: work guarded by the lease is woken by
   * notifications without a second connection, and stops hearing them when the lease (and
   * so the connection) is gone. Losing the connection calls `onNotify` too: the work's next
   * round takes the lease and listens again at once, not at its fallback poll (which grows
   * long while idle, and heard nothing meanwhile).
   */
  async listen(channel: string, onNotify: () => void): Promise<void> {
    const client = this.client;
    if (!client) throw new Error(`lease ${this.name} is not held`);
    client.on('error', onNotify);
    client.on('end', onNotify);
    await listenOn(client, channel, onNotify);
  }

  /** Whether the lease's connection still answers; if it does not, the lease is gone (and released here). */
  async alive(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    const ok = await client.query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (!ok) await this.release();
    return ok;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client
      .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.name])
      .catch(() => undefined);
    // The connection is discarded rather than pooled: a lock it might still hold dies with it.
    client.release(true);
  }
}
