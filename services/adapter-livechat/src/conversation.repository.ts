import type { AttachmentRef } from '@omni/contracts';
import { livechatTokenKey } from '@omni/customers';
import { type Pool, withTransaction } from '@omni/db';
import type { ConversationEntry } from './livechat.schema';
import type { Visitor, VisitorProfile } from './normalize';

/** The PostgreSQL channel a new entry is announced on, to every replica (payload: `{ a, v }`). */
export const ENTRY_CHANNEL = 'omni_livechat_entry';

/** An entry with its place in the visitor's conversation. */
export interface StoredEntry extends ConversationEntry {
  seq: number;
  ticketId: string | null;
}

export interface NewEntry {
  account: string;
  visitor: string;
  messageId: string;
  direction: 'inbound' | 'outbound';
  ticketId?: string;
  text: string;
  attachments: AttachmentRef[];
  author?: string;
  clientMessageId?: string;
  /** Buttons under a reply (`OutboundMessage.choices`). */
  choices?: Array<{ label: string; payload: string }>;
  /** The email that already carried this reply (the offline email job leaves it alone). */
  emailedIn?: string;
  createdAt: Date;
}

interface EntryRow {
  seq: string;
  message_id: string;
  direction: 'inbound' | 'outbound';
  ticket_id: string | null;
  text: string;
  attachments: AttachmentRef[];
  author: string | null;
  status: ConversationEntry['status'];
  client_message_id: string | null;
  choices: Array<{ label: string; payload: string }> | null;
  chosen: string | null;
  created_at: Date;
}

const STATUS_RANK = { sent: 1, delivered: 2, read: 3 } as const;

/**
 * The live chat's own tables (migration `livechat`): visitors, their conversations, the
 * token key. The conversation is kept here rather than read from `messages` because it
 * must be exactly what this visitor may see (a ticket can hold another visitor's messages
 * when an unverified claim attached them to one customer), numbered in commit order so a
 * client resuming after entry n misses nothing and gets nothing twice.
 */
export class ConversationRepository {
  constructor(private readonly pool: Pool) {}

  /** The configured key, else the one stored for the account (created once, shared by replicas). */
  tokenKey(account: string, configured: string | undefined): Promise<string> {
    return livechatTokenKey(this.pool, account, configured);
  }

  /** Creates the visitor or updates what they said about themselves; returns the token version. */
  async saveVisitor(visitor: Visitor): Promise<number> {
    const { rows } = await this.pool.query<{ token_version: number }>(
      `INSERT INTO livechat_visitors (account, visitor, profile, verified) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account, visitor) DO UPDATE
         SET profile = livechat_visitors.profile || EXCLUDED.profile, verified = EXCLUDED.verified, updated_at = now()
       RETURNING token_version`,
      [visitor.account, visitor.key, JSON.stringify(visitor.profile), visitor.verified],
    );
    return (rows[0] as { token_version: number }).token_version;
  }

  /**
   * The visitor and their current token version. A visitor never saved has version 1: a
   * token signed for them (by a session, or by whoever holds the key) is valid until revoked.
   */
  async visitor(
    account: string,
    key: string,
  ): Promise<{ version: number; verified: boolean; profile: VisitorProfile }> {
    const { rows } = await this.pool.query<{
      token_version: number;
      verified: boolean;
      profile: VisitorProfile;
    }>('SELECT token_version, verified, profile FROM livechat_visitors WHERE account = $1 AND visitor = $2', [
      account,
      key,
    ]);
    const row = rows[0];
    return row
      ? { version: row.token_version, verified: row.verified, profile: row.profile }
      : { version: 1, verified: false, profile: {} };
  }

  /** Every token issued to the visitor so far stops working. */
  async revoke(account: string, key: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO livechat_visitors (account, visitor, token_version) VALUES ($1, $2, 2)
       ON CONFLICT (account, visitor) DO UPDATE SET token_version = livechat_visitors.token_version + 1, updated_at = now()`,
      [account, key],
    );
  }

  /**
   * Appends an entry unless its message is there already; announces it to every replica
   * on commit. The visitor row's lock orders concurrent appends (and makes a duplicate
   * wait for the first, then find it). Returns the sequence number, null for a duplicate.
   */
  async append(entry: NewEntry): Promise<number | null> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ last_seq: string }>(
        `INSERT INTO livechat_visitors (account, visitor, last_seq) VALUES ($1, $2, 1)
         ON CONFLICT (account, visitor) DO UPDATE SET last_seq = livechat_visitors.last_seq + 1
         RETURNING last_seq`,
        [entry.account, entry.visitor],
      );
      const seq = Number((rows[0] as { last_seq: string }).last_seq);
      const inserted = await client.query(
        `INSERT INTO livechat_entries (account, visitor, seq, message_id, direction, ticket_id, text, attachments, author,
                                       client_message_id, status, created_at, choices, emailed_in)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (message_id) DO NOTHING`,
        [
          entry.account,
          entry.visitor,
          seq,
          entry.messageId,
          entry.direction,
          entry.ticketId ?? null,
          entry.text,
          JSON.stringify(entry.attachments),
          entry.author ?? null,
          entry.clientMessageId ?? null,
          entry.direction === 'outbound' ? 'sent' : null,
          entry.createdAt,
          entry.choices ? JSON.stringify(entry.choices) : null,
          entry.emailedIn ?? null,
        ],
      );
      if (inserted.rowCount === 0) {
        // Gives the number back: the duplicate must not leave a gap a reader would wait on.
        await client.query(
          'UPDATE livechat_visitors SET last_seq = last_seq - 1 WHERE account = $1 AND visitor = $2',
          [entry.account, entry.visitor],
        );
        return null;
      }
      await client.query('SELECT pg_notify($1, $2)', [
        ENTRY_CHANNEL,
        JSON.stringify({ a: entry.account, v: entry.visitor }),
      ]);
      return seq;
    });
  }

  /** The visitor's entries after `afterSeq`, oldest first. */
  async entriesAfter(
    account: string,
    visitor: string,
    afterSeq: number,
    limit = 200,
  ): Promise<StoredEntry[]> {
    const { rows } = await this.pool.query<EntryRow>(
      `SELECT seq, message_id, direction, ticket_id, text, attachments, author, status, client_message_id, created_at,
              choices, chosen
         FROM livechat_entries WHERE account = $1 AND visitor = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [account, visitor, afterSeq, limit],
    );
    return rows.map((r) => toEntry(r, account));
  }

  /** A file of one of the visitor's own entries (null when the entry is not theirs or has no such file). */
  async attachment(
    account: string,
    visitor: string,
    messageId: string,
    index: number,
  ): Promise<AttachmentRef | null> {
    const { rows } = await this.pool.query<{ a: AttachmentRef | null }>(
      'SELECT attachments -> $4::int AS a FROM livechat_entries WHERE account = $1 AND visitor = $2 AND message_id = $3',
      [account, visitor, messageId, index],
    );
    return rows[0]?.a ?? null;
  }

  /** Where the visitor's entry with this message id is; null when it is not theirs. */
  async seqOf(account: string, visitor: string, messageId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'SELECT seq FROM livechat_entries WHERE account = $1 AND visitor = $2 AND message_id = $3',
      [account, visitor, messageId],
    );
    return rows[0] ? Number(rows[0].seq) : null;
  }

  /**
   * Moves the visitor's replies forward to `status` (one reply, or every reply up to and
   * including `upToSeq`); returns those that moved, for their delivery reports.
   */
  async advanceStatus(
    account: string,
    visitor: string,
    status: 'delivered' | 'read',
    which: { messageId: string } | { upToSeq: number },
  ): Promise<Array<{ messageId: string; ticketId: string | null }>> {
    const lower = Object.entries(STATUS_RANK)
      .filter(([, rank]) => rank < STATUS_RANK[status])
      .map(([name]) => name);
    const { rows } = await this.pool.query<{ message_id: string; ticket_id: string | null }>(
      `UPDATE livechat_entries SET status = $3
        WHERE account = $1 AND visitor = $2 AND direction = 'outbound' AND status = ANY($4::text[])
          AND ${'messageId' in which ? 'message_id = $5' : 'seq <= $5'}
        RETURNING message_id, ticket_id`,
      [account, visitor, status, lower, 'messageId' in which ? which.messageId : which.upToSeq],
    );
    return rows.map((r) => ({ messageId: r.message_id, ticketId: r.ticket_id }));
  }

  /**
   * Takes the visitor's choice on one of their replies, once: the first press is final.
   * `taken`: this press is the answer (publish it); `answered`: an earlier press was (its
   * payload); `unknown`: no reply of theirs with that id offers that choice.
   */
  async choose(
    account: string,
    visitor: string,
    messageId: string,
    payload: string,
  ): Promise<
    | { outcome: 'taken'; ticketId: string | null; label: string }
    | { outcome: 'answered'; chosen: string }
    | { outcome: 'unknown' }
  > {
    const { rows } = await this.pool.query<{
      ticket_id: string | null;
      choices: Array<{ label: string; payload: string }>;
      chosen: string | null;
      taken: boolean;
    }>(
      `WITH taken AS (
         UPDATE livechat_entries SET chosen = $4
          WHERE account = $1 AND visitor = $2 AND message_id = $3 AND direction = 'outbound'
            AND chosen IS NULL AND choices @> jsonb_build_array(jsonb_build_object('payload', $4::text))
          RETURNING message_id)
       SELECT ticket_id, choices, chosen, EXISTS (SELECT 1 FROM taken) AS taken
         FROM livechat_entries WHERE account = $1 AND visitor = $2 AND message_id = $3 AND choices IS NOT NULL`,
      [account, visitor, messageId, payload],
    );
    const row = rows[0];
    // The statement's snapshot predates its own update: `chosen` is still the earlier value here.
    if (row?.taken)
      return {
        outcome: 'taken',
        ticketId: row.ticket_id,
        label: row.choices.find((c) => c.payload === payload)?.label ?? payload,
      };
    if (row?.chosen) return { outcome: 'answered', chosen: row.chosen };
    if (!row?.choices.some((c) => c.payload === payload)) return { outcome: 'unknown' };
    // Offered and still open in this statement's snapshot, yet not taken: a concurrent press
    // took it first and committed meanwhile; a new snapshot sees which.
    const again = await this.pool.query<{ chosen: string | null }>(
      'SELECT chosen FROM livechat_entries WHERE account = $1 AND visitor = $2 AND message_id = $3',
      [account, visitor, messageId],
    );
    const chosen = again.rows[0]?.chosen;
    return chosen ? { outcome: 'answered', chosen } : { outcome: 'unknown' };
  }

  /** Gives a choice back when its answer could not be published (the visitor may press again). */
  async unchoose(account: string, visitor: string, messageId: string, payload: string): Promise<void> {
    await this.pool.query(
      'UPDATE livechat_entries SET chosen = NULL WHERE account = $1 AND visitor = $2 AND message_id = $3 AND chosen = $4',
      [account, visitor, messageId, payload],
    );
  }

  /**
   * A ticket visitor's conversation so far (a web-form ticket answered by email, opened from
   * the link in a reply): the ticket's messages from their address and its replies, not yet
   * in the conversation. Replies came by email already: marked so, never emailed again.
   * Notes and other senders' messages stay out; so do live chat messages, which reach the
   * conversation the usual way (taking them here could race the visitor's own append).
   */
  async ticketHistory(
    account: string,
    visitor: string,
    ticketNumber: number,
    email: string,
  ): Promise<NewEntry[]> {
    const { rows } = await this.pool.query<{
      id: string;
      ticket_id: string;
      direction: 'inbound' | 'outbound';
      text: string | null;
      author: string | null;
      sent_at: Date;
    }>(
      `SELECT m.id, m.ticket_id, m.direction, m.text, m.author, m.sent_at
         FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.number = $1 AND m.channel <> 'livechat'
          AND (m.direction = 'outbound' OR (m.direction = 'inbound' AND lower(m.sender->>'email') = $2))
          AND NOT EXISTS (SELECT 1 FROM livechat_entries e WHERE e.message_id = m.id)
        ORDER BY m.sent_at, m.received_at LIMIT 200`,
      [ticketNumber, email.toLowerCase()],
    );
    return rows.map((r) => ({
      account,
      visitor,
      messageId: r.id,
      direction: r.direction,
      ticketId: r.ticket_id,
      text: r.text ?? '',
      attachments: [],
      author: r.author ?? undefined,
      emailedIn: r.direction === 'outbound' ? r.id : undefined,
      createdAt: r.sent_at,
    }));
  }

  /** The live-chat visitors who wrote in a ticket (whom an agent's typing concerns). */
  async visitorsOfTicket(ticketId: string): Promise<Array<{ account: string; visitor: string }>> {
    const { rows } = await this.pool.query<{ account: string; visitor: string }>(
      `SELECT DISTINCT account, sender->>'externalId' AS visitor FROM messages
        WHERE ticket_id = $1 AND channel = 'livechat' AND direction = 'inbound'`,
      [ticketId],
    );
    return rows;
  }
}

/** Where a visitor downloads a file of their conversation (`GET`, with their token). */
export const attachmentUrl = (account: string, messageId: string, index: number) =>
  `/channels/livechat/${account}/attachments/${messageId}/${index}`;

function toEntry(r: EntryRow, account: string): StoredEntry {
  return {
    seq: Number(r.seq),
    id: r.message_id,
    direction: r.direction,
    text: r.text,
    attachments: r.attachments.map((a, i) => ({
      name: a.name,
      mimeType: a.mimeType,
      size: a.size,
      ...(a.blobId ? { url: attachmentUrl(account, r.message_id, i) } : {}),
    })),
    author: r.author,
    createdAt: r.created_at.toISOString(),
    status: r.status,
    ticketId: r.ticket_id,
    clientMessageId: r.client_message_id,
    ...(r.choices ? { choices: r.choices, chosen: r.chosen } : {}),
  };
}
