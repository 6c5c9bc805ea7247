import {
  type Channel,
  type IdentityClaim,
  InboundMessage,
  type InboundMessageInput,
  messageId,
} from '@omni/contracts';
import { type Pool, withTransaction } from '@omni/db';
import { type BatchResult, type ThreadingSettings, threadBatch } from '../src';

export const SETTINGS: ThreadingSettings = { reopenWindowDays: 7, defaultPhoneRegion: 'RU' };

let counter = 0;
/** A value unique in this test run (identities, external ids). */
export const uniq = (prefix: string) => `${prefix}${++counter}x${Date.now().toString(36)}`;

export interface MessageSpec {
  channel: Channel;
  account?: string;
  /** The sender's platform id; for email, the From address. */
  from: string;
  externalId?: string;
  identities?: IdentityClaim[];
  text?: string;
  sentAt?: string;
  receivedAt?: string;
  direction?: 'inbound' | 'outbound';
  thread?: InboundMessageInput['thread'];
  flags?: InboundMessageInput['flags'];
}

const CHANNEL_ID: Partial<Record<Channel, IdentityClaim['kind']>> = {
  telegram: 'telegram',
  viber: 'viber',
  facebook: 'facebook',
  vk: 'vk',
  email: 'email',
};

/** An InboundMessage as an adapter would publish it: the sender's channel identity is verified. */
export function msg(spec: MessageSpec): InboundMessage {
  const account = spec.account ?? 'main';
  const externalId = spec.externalId ?? uniq('ext');
  const kind = CHANNEL_ID[spec.channel];
  const at = spec.sentAt ?? new Date().toISOString();
  return InboundMessage.parse({
    version: 1,
    id: messageId(spec.channel, account, externalId),
    channel: spec.channel,
    account,
    externalId,
    direction: spec.direction ?? 'inbound',
    sentAt: at,
    receivedAt: spec.receivedAt ?? at,
    sender: { externalId: spec.from, displayName: `Name of ${spec.from}` },
    identities: spec.identities ?? (kind ? [{ kind, value: spec.from, verified: true }] : []),
    thread: spec.thread ?? {},
    content: { kind: 'text', text: spec.text ?? `hello from ${spec.from}` },
    flags: spec.flags ?? {},
  } satisfies InboundMessageInput);
}

export function thread(pool: Pool, messages: InboundMessage[], now = new Date()): Promise<BatchResult> {
  return withTransaction(pool, (client) => threadBatch(client, messages, SETTINGS, now));
}

export interface StoredMessage {
  id: string;
  ticketId: string;
  customerId: string;
  ticketCustomerId: string;
  ticketNumber: number;
  ticketStatus: string;
  linkedTicketId: string | null;
  text: string;
  direction: string;
}

export async function stored(pool: Pool, message: InboundMessage): Promise<StoredMessage> {
  const { rows } = await pool.query<StoredMessage>(
    `SELECT m.id, m.ticket_id AS "ticketId", m.customer_id AS "customerId", t.customer_id AS "ticketCustomerId",
            t.number::int AS "ticketNumber", t.status AS "ticketStatus", t.linked_ticket_id AS "linkedTicketId", m.text, m.direction
       FROM messages m JOIN tickets t ON t.id = m.ticket_id
      WHERE m.channel = $1 AND m.account = $2 AND m.external_id = $3`,
    [message.channel, message.account, message.externalId],
  );
  const row = rows[0];
  if (!row) throw new Error(`message ${message.externalId} was not stored`);
  return row;
}
