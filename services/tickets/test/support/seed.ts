import { randomUUID } from 'node:crypto';
import type { Pool } from '@omni/db';

export async function seedCustomer(
  pool: Pool,
  displayName: string,
  identities: Array<{ kind: string; value: string }> = [],
): Promise<string> {
  const id = randomUUID();
  await pool.query('INSERT INTO customers (id, display_name) VALUES ($1, $2)', [id, displayName]);
  for (const i of identities) {
    await pool.query(
      'INSERT INTO identities (id, customer_id, kind, value, raw_value, verified) VALUES ($1, $2, $3, $4, $4, true)',
      [randomUUID(), id, i.kind, i.value],
    );
  }
  return id;
}

export interface SeedTicket {
  customerId: string;
  subject?: string;
  channel?: string;
  account?: string;
  status?: string;
  assignee?: string;
  group?: string;
  topic?: string;
}

export async function seedTicket(pool: Pool, t: SeedTicket): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const { rows } = await pool.query<{ number: number }>(
    `INSERT INTO tickets (id, customer_id, subject, channel, account, status, assignee, "group", topic)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING number::int`,
    [
      id,
      t.customerId,
      t.subject ?? null,
      t.channel ?? 'telegram',
      t.account ?? 'main',
      t.status ?? 'open',
      t.assignee ?? null,
      t.group ?? null,
      t.topic ?? null,
    ],
  );
  return { id, number: (rows[0] as { number: number }).number };
}

export interface SeedMessage {
  ticketId: string;
  customerId: string;
  text: string;
  channel?: string;
  account?: string;
  senderId?: string;
  sentAt?: Date;
  emailMessageId?: string;
  subject?: string;
  chatId?: string;
  /** `sender.email` (web-form and email messages carry the address). */
  senderEmail?: string;
}

export async function seedMessage(pool: Pool, m: SeedMessage): Promise<string> {
  const id = randomUUID();
  const sentAt = m.sentAt ?? new Date();
  await pool.query(
    `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text, sender,
                           email_message_id, subject, extra)
     VALUES ($1, $2, $3, 'inbound', $4, $5, $6, $7, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      m.ticketId,
      m.customerId,
      m.channel ?? 'telegram',
      m.account ?? 'main',
      randomUUID(),
      sentAt,
      m.text,
      JSON.stringify({ externalId: m.senderId ?? '1001', displayName: 'Customer', email: m.senderEmail }),
      m.emailMessageId ?? null,
      m.subject ?? null,
      JSON.stringify({ chatId: m.chatId }),
    ],
  );
  await pool.query(
    'UPDATE tickets SET message_count = message_count + 1, last_message_at = $2 WHERE id = $1',
    [m.ticketId, sentAt],
  );
  return id;
}

export interface SeedOutbound {
  ticketId: string;
  customerId: string;
  channel?: string;
  account?: string;
  sentAt: Date;
  deliveryStatus?: string;
  externalId?: string;
  /** An automatic acknowledgement (services/automation flags them so). */
  automatic?: boolean;
}

/** An outbound message as a reply or an acknowledgement stores it. */
export async function seedOutbound(pool: Pool, m: SeedOutbound): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text,
                           flags, delivery_status)
     VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $7, $7, 'reply', $8, $9)`,
    [
      id,
      m.ticketId,
      m.customerId,
      m.channel ?? 'telegram',
      m.account ?? 'main',
      m.externalId ?? null,
      m.sentAt,
      JSON.stringify(m.automatic ? { automatic: true } : {}),
      m.deliveryStatus ?? 'sent',
    ],
  );
  await pool.query('UPDATE tickets SET message_count = message_count + 1 WHERE id = $1', [m.ticketId]);
  return id;
}

/** A `ticket.updated` event, written by `db` (a pool, or a client inside a transaction of its own). */
export async function seedEvent(db: Pick<Pool, 'query'>): Promise<void> {
  await db.query(
    `INSERT INTO events (id, type, occurred_at, data, key)
     VALUES ($1, 'ticket.updated', now(), jsonb_build_object('ticketId', $2::text), $2)`,
    [randomUUID(), randomUUID()],
  );
}
