import { named, type Pool } from '@omni/db';

/** How long delivery receipts are expected for a sent message. */
const RECEIPT_HORIZON_DAYS = 30;

/** Where the token → message mapping lives (PostgreSQL; tests may keep it in memory). */
export interface OutboundTokenStore {
  remember(account: string, token: string, messageId: string, ticketId: string): Promise<void>;
  find(account: string, token: string): Promise<{ messageId: string; ticketId: string } | undefined>;
  prune(): Promise<number>;
}

/**
 * Viber's receipts (delivered / seen / failed) name only the `message_token` that
 * send_message returned; this table maps it back to our outbound message and ticket.
 */
export class OutboundTokenRepository implements OutboundTokenStore {
  constructor(private readonly pool: Pool) {}

  async remember(account: string, token: string, messageId: string, ticketId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO viber_outbound_tokens (account, message_token, message_id, ticket_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (account, message_token) DO NOTHING`,
      [account, token, messageId, ticketId],
    );
  }

  async find(account: string, token: string): Promise<{ messageId: string; ticketId: string } | undefined> {
    const { rows } = await this.pool.query<{ message_id: string; ticket_id: string }>(
      named(
        'SELECT message_id, ticket_id FROM viber_outbound_tokens WHERE account = $1 AND message_token = $2',
        [account, token],
      ),
    );
    const row = rows[0];
    return row ? { messageId: row.message_id, ticketId: row.ticket_id } : undefined;
  }

  /** Receipts do not come weeks later: old rows only take space. */
  async prune(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM viber_outbound_tokens WHERE created_at < now() - make_interval(days => $1)`,
      [RECEIPT_HORIZON_DAYS],
    );
    return rowCount ?? 0;
  }
}
