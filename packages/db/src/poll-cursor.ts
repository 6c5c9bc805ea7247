import type { Pool } from './pool';

/**
 * Where a long poll resumes, per channel and account (table `poll_cursors`), for platforms
 * that do not keep the position themselves. `save` only after the bus accepted everything
 * before the cursor: a crash in between re-reads a batch (ids are deterministic, so nothing
 * is stored twice) and never skips one.
 */
export class PollCursorStore {
  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
  ) {}

  async load(account: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ cursor: string }>(
      'SELECT cursor FROM poll_cursors WHERE channel = $1 AND account = $2',
      [this.channel, account],
    );
    return rows[0]?.cursor;
  }

  async save(account: string, cursor: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO poll_cursors (channel, account, cursor) VALUES ($1, $2, $3)
       ON CONFLICT (channel, account) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
      [this.channel, account, cursor],
    );
  }
}
