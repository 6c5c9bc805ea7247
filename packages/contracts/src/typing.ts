import { z } from 'zod';
import { Channel } from './channels';

/**
 * The PostgreSQL notification channel an agent's typing is announced on
 * (`POST /v1/tickets/{id}/typing`). Typing is fleeting — lost when nobody listens, never
 * stored or replayed — so it does not go through the outbox and Kafka; channels that can
 * show it to the customer (the live chat) listen.
 */
export const TYPING_CHANNEL = 'omni_ticket_typing';

/** The payload of a typing notification. */
export const TypingSignal = z.object({
  ticketId: z.uuid(),
  /** The agent's name, when the helpdesk gave it. */
  author: z.string().max(200).optional(),
});
export type TypingSignal = z.infer<typeof TypingSignal>;

/**
 * The PostgreSQL notification channel a customer's typing is announced on (a live-chat
 * visitor typing, throttled by the adapter to one signal per visitor every few seconds).
 * Fleeting like an agent's: the ticket API streams it to whoever listens
 * (`GET /v1/typing`, a long poll), nothing stores or replays it — the event log keeps what lasts (a
 * visitor's "read up to" is `message.delivery_updated` with status `read`).
 */
export const CUSTOMER_TYPING_CHANNEL = 'omni_customer_typing';

/** The payload of a customer typing notification. */
export const CustomerTypingSignal = z.object({
  ticketId: z.uuid(),
  channel: Channel,
  /** When the customer typed (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
});
export type CustomerTypingSignal = z.infer<typeof CustomerTypingSignal>;
