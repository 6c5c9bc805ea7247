import { ERROR_CODES, isRetriable } from '@omni/contracts';
import { BoundedMap } from './bounded-map';
import { PlatformError, type SendResult } from './outbound-sender';

/**
 * The parts of multi-part replies already sent (a long text split at the platform's limit,
 * then files), so a retry after a partial failure resumes where it stopped instead of
 * sending the first parts twice. An entry lives until the reply is sent, fails for good,
 * or its outcome was reported (`startOutboundConsumer({ progress })` forgets it then, also
 * when the retries ran out); the map is bounded besides.
 */
export class ReplyProgress {
  private readonly entries: BoundedMap<string, { done: number; firstId?: string }>;

  constructor(maxEntries = 1000) {
    this.entries = new BoundedMap(maxEntries);
  }

  /**
   * Sends the parts not sent yet, in order; resolves to the platform's id of the first part.
   * No parts at all is a permanent failure (`empty-reply`).
   */
  async send<P>(
    messageId: string,
    parts: readonly P[],
    sendPart: (part: P, index: number) => Promise<string | undefined>,
  ): Promise<SendResult> {
    if (parts.length === 0) {
      throw new PlatformError(ERROR_CODES.emptyReply, 'the reply has neither text nor stored attachments', {
        retriable: false,
      });
    }
    const state = this.entries.get(messageId) ?? { done: 0 };
    this.entries.set(messageId, state);
    try {
      for (; state.done < parts.length; state.done++) {
        const id = await sendPart(parts[state.done] as P, state.done);
        state.firstId ??= id;
      }
    } catch (err) {
      if (!isRetriable(err)) this.forget(messageId);
      throw err;
    }
    this.forget(messageId);
    return { externalId: state.firstId };
  }

  /** Parts of this reply already sent (tests, logs). */
  sentParts(messageId: string): number {
    return this.entries.get(messageId)?.done ?? 0;
  }

  forget(messageId: string): void {
    this.entries.delete(messageId);
  }

  get size(): number {
    return this.entries.size;
  }
}
