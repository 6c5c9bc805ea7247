import type { Pool } from '@omni/db';

/**
 * Customers who stopped the bot (`bot_stopped`) and have not started it again
 * (`bot_started`), per account (table `max_stopped_dialogs`). MAX refuses messages to them
 * with a 403; knowing why lets a reply fail with the reason an agent can act on.
 */
export class StoppedDialogs {
  constructor(private readonly pool: Pool) {}

  async stopped(account: string, userId: number, at: Date): Promise<void> {
    // A late redelivery of an old bot_stopped must not undo a newer bot_started: the newest event wins.
    await this.pool.query(
      `INSERT INTO max_stopped_dialogs (account, user_id, stopped_at) VALUES ($1, $2, $3)
       ON CONFLICT (account, user_id) DO UPDATE SET stopped_at = GREATEST(max_stopped_dialogs.stopped_at, EXCLUDED.stopped_at)`,
      [account, userId, at],
    );
  }

  async started(account: string, userId: number, at: Date): Promise<void> {
    await this.pool.query(
      'DELETE FROM max_stopped_dialogs WHERE account = $1 AND user_id = $2 AND stopped_at <= $3',
      [account, userId, at],
    );
  }

  /** When the customer stopped the bot, if they did and have not started it since. */
  async stoppedAt(account: string, userId: number): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ stopped_at: Date }>(
      'SELECT stopped_at FROM max_stopped_dialogs WHERE account = $1 AND user_id = $2',
      [account, userId],
    );
    return rows[0]?.stopped_at;
  }
}
