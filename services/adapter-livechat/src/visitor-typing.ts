import { CUSTOMER_TYPING_CHANNEL, type CustomerTypingSignal, errorMessage } from '@omni/contracts';
import type { Pool } from '@omni/db';
import { BoundedMap, type Logger } from '@omni/service-kit';
import type { Visitor } from './normalize';

/** At most one signal per visitor in this long (the widget sends one every 3 s while typing). */
const THROTTLE_MS = 3000;

/**
 * A visitor's typing → a fleeting `CUSTOMER_TYPING_CHANNEL` notification naming the ticket
 * of their latest message, for the ticket API's typing stream. Throttled per visitor and
 * never stored: typing is worth something only for the seconds it lasts, and a stored event
 * per keystroke burst would outgrow the messages in the event log. A visitor who has not
 * written yet has no ticket: nobody is told.
 */
export class VisitorTyping {
  private readonly last = new BoundedMap<string, number>(50_000);

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async typed(visitor: Visitor): Promise<void> {
    const key = `${visitor.account}\u0000${visitor.key}`;
    const at = this.now();
    if (at.getTime() - (this.last.get(key) ?? 0) < THROTTLE_MS) return;
    this.last.set(key, at.getTime());
    try {
      // The ticket of the visitor's latest message, found through its stored copy in /v1.
      const { rows } = await this.pool.query<{ ticket_id: string }>(
        `SELECT m.ticket_id FROM livechat_entries e JOIN messages m ON m.id = e.message_id
          WHERE e.account = $1 AND e.visitor = $2 AND e.direction = 'inbound'
          ORDER BY e.seq DESC LIMIT 1`,
        [visitor.account, visitor.key],
      );
      const ticketId = rows[0]?.ticket_id;
      if (!ticketId) return;
      const signal: CustomerTypingSignal = { ticketId, channel: 'livechat', at: at.toISOString() };
      await this.pool.query('SELECT pg_notify($1, $2)', [CUSTOMER_TYPING_CHANNEL, JSON.stringify(signal)]);
    } catch (err) {
      // Fleeting by nature: a lost typing signal is not worth an error to the visitor.
      this.log.debug({ err: errorMessage(err) }, 'visitor typing not announced');
    }
  }
}
