import { named, type Pool, withTransaction } from '@omni/db';

export interface MailboxCursor {
  uidValidity: bigint;
  lastUid: number;
}

export interface IngestedRecord {
  externalId: string;
  messageId: string;
}

/** `email_cursors`, `email_ingested`, `email_set_aside` (migration 4_email.sql). */
export class CursorRepository {
  constructor(private readonly pool: Pool) {}

  async get(account: string, mailbox: string): Promise<MailboxCursor | undefined> {
    const { rows } = await this.pool.query<{ uidvalidity: string; last_uid: string }>(
      'SELECT uidvalidity, last_uid FROM email_cursors WHERE account = $1 AND mailbox = $2',
      [account, mailbox],
    );
    const row = rows[0];
    return row ? { uidValidity: BigInt(row.uidvalidity), lastUid: Number(row.last_uid) } : undefined;
  }

  /** Starts over under a new UIDVALIDITY: UID 0, so the whole mailbox is re-scanned. */
  async reset(account: string, mailbox: string, uidValidity: bigint): Promise<void> {
    await this.pool.query(
      `INSERT INTO email_cursors (account, mailbox, uidvalidity, last_uid) VALUES ($1, $2, $3, 0)
       ON CONFLICT (account, mailbox) DO UPDATE SET uidvalidity = EXCLUDED.uidvalidity, last_uid = 0, updated_at = now()`,
      [account, mailbox, uidValidity.toString()],
    );
  }

  /** Which of these idempotency keys were already handed to the bus. */
  async alreadyIngested(account: string, externalIds: string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ external_id: string }>(
      'SELECT external_id FROM email_ingested WHERE account = $1 AND external_id = ANY($2::text[])',
      [account, externalIds],
    );
    return new Set(rows.map((r) => r.external_id));
  }

  /** Records a batch the bus accepted; called only after the publish succeeded. */
  async recordIngested(account: string, records: IngestedRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.pool.query(
      named(
        `INSERT INTO email_ingested (account, external_id, message_id)
       SELECT $1, e, m::uuid FROM unnest($2::text[], $3::text[]) AS t(e, m)
       ON CONFLICT DO NOTHING`,
        [account, records.map((r) => r.externalId), records.map((r) => r.messageId)],
      ),
    );
  }

  /**
   * After the bus accepted a batch: the ingested keys, the messages set aside, and the
   * cursor moved to `lastUid` — one transaction, so a crash leaves either all or none.
   * The cursor only moves forward under the same UIDVALIDITY.
   */
  async commit(
    account: string,
    mailbox: string,
    uidValidity: bigint,
    lastUid: number,
    ingested: IngestedRecord[],
    setAside: Array<{ uid: number; reason: string }>,
  ): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      if (ingested.length > 0) {
        await client.query(
          named(
            `INSERT INTO email_ingested (account, external_id, message_id)
           SELECT $1, e, m::uuid FROM unnest($2::text[], $3::text[]) AS t(e, m)
           ON CONFLICT DO NOTHING`,
            [account, ingested.map((r) => r.externalId), ingested.map((r) => r.messageId)],
          ),
        );
      }
      for (const s of setAside) {
        await client.query(
          `INSERT INTO email_set_aside (account, mailbox, uidvalidity, uid, reason) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [account, mailbox, uidValidity.toString(), s.uid, s.reason.slice(0, 2000)],
        );
      }
      await client.query(
        `UPDATE email_cursors SET last_uid = GREATEST(last_uid, $4), updated_at = now()
         WHERE account = $1 AND mailbox = $2 AND uidvalidity = $3`,
        [account, mailbox, uidValidity.toString(), lastUid],
      );
    });
  }
}
