import { z } from 'zod';

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
