import { randomUUID } from 'node:crypto';
import type { Pool } from '@omni/db';

export interface SeedTicket {
  channel?: string;
  account?: string;
  createdAt?: Date;
  topic?: string | null;
  group?: string | null;
  customerId?: string;
  email?: string;
  message?: {
    text?: string;
    subject?: string;
    flags?: Record<string, boolean>;
    sender?: Record<string, string>;
    direction?: 'inbound' | 'outbound';
    emailMessageId?: string;
    chatId?: string;
  };
}

/** A customer, a ticket and its first message, as threading stores them. */
export async function seedTicket(
  pool: Pool,
  s: SeedTicket = {},
): Promise<{ ticketId: string; customerId: string; messageId: string; number: number }> {
  const channel = s.channel ?? 'telegram';
  const account = s.account ?? 'main';
  const createdAt = s.createdAt ?? new Date();
  const customerId = s.customerId ?? randomUUID();
  if (!s.customerId) {
    await pool.query('INSERT INTO customers (id, display_name) VALUES ($1, $2)', [customerId, 'Ann']);
    if (s.email) {
      await pool.query(
        `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified) VALUES ($1, $2, 'email', $3, $3, true)`,
        [randomUUID(), customerId, s.email],
      );
    }
  }
  const ticketId = randomUUID();
  const { rows } = await pool.query<{ number: string }>(
    `INSERT INTO tickets (id, customer_id, subject, topic, channel, account, "group", created_at, updated_at, message_count, last_message_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1, $8) RETURNING number`,
    [
      ticketId,
      customerId,
      s.message?.subject ?? null,
      s.topic ?? null,
      channel,
      account,
      s.group ?? null,
      createdAt,
    ],
  );
  const messageId = randomUUID();
  const m = s.message ?? {};
  await pool.query(
    `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, subject, text,
                           sender, flags, extra, email_message_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, $14, $8)`,
    [
      messageId,
      ticketId,
      customerId,
      m.direction ?? 'inbound',
      channel,
      account,
      `ext-${messageId}`,
      createdAt,
      m.subject ?? null,
      m.text ?? 'Hello, my order is late',
      JSON.stringify(m.sender ?? { externalId: s.email ?? '777001', email: s.email }),
      JSON.stringify(m.flags ?? {}),
      JSON.stringify({ chatId: m.chatId }),
      m.emailMessageId ?? null,
    ],
  );
  return { ticketId, customerId, messageId, number: Number(rows[0]?.number) };
}

/** An outbound message on a ticket (an agent's reply, or an automatic one). */
export async function seedOutbound(
  pool: Pool,
  ticketId: string,
  customerId: string,
  at: Date,
  automatic = false,
): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, sent_at, received_at, text, flags, delivery_status)
     VALUES ($1, $2, $3, 'outbound', 'telegram', 'main', $4, $4, 'On it', $5, 'sent')`,
    [id, ticketId, customerId, at, JSON.stringify(automatic ? { automatic: true } : {})],
  );
  return id;
}
