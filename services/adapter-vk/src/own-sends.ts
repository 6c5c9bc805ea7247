import { BoundedMap } from '@omni/service-kit';

/**
 * The `random_id`s this process gave to messages.send, mapped to our message ids, for a
 * while. VK echoes our sends as `message_reply` (with that `random_id`), sometimes before
 * messages.send has even answered; the echo then takes our message's id, so threading
 * sees a message it already stored instead of a second copy of the reply. Echoes seen by
 * another replica fall back to the external id (`peer_id:conversation_message_id`).
 * Read receipts name that external id; the sent ones map it back to our id the same way.
 */
export class OwnSends {
  private readonly ids: BoundedMap<number, { messageId: string; expires: number }>;
  private readonly sent: BoundedMap<string, { messageId: string; expires: number }>;

  constructor(
    private readonly ttlMs = 15 * 60_000,
    maxEntries = 50_000,
  ) {
    this.ids = new BoundedMap(maxEntries);
    this.sent = new BoundedMap(maxEntries);
  }

  remember(randomId: number, messageId: string, now = Date.now()): void {
    this.ids.set(randomId, { messageId, expires: now + this.ttlMs });
  }

  /** After the send: `peer_id:conversation_message_id` → our id, for read receipts. */
  rememberSent(externalId: string, messageId: string, now = Date.now()): void {
    this.sent.set(externalId, { messageId, expires: now + this.ttlMs });
  }

  lookupSent(externalId: string, now = Date.now()): string | undefined {
    const hit = this.sent.get(externalId);
    return hit && hit.expires > now ? hit.messageId : undefined;
  }

  lookup(randomId: number, now = Date.now()): string | undefined {
    const hit = this.ids.get(randomId);
    return hit && hit.expires > now ? hit.messageId : undefined;
  }
}
