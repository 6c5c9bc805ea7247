import { ERROR_CODES, type OutboundMessage } from '@omni/contracts';
import { PlatformError, type SendResult } from '@omni/service-kit';
import type { ConversationRepository } from './conversation.repository';

/**
 * A reply → an entry of the visitor's conversation (the recipient is the visitor key). It is
 * `sent` once stored: whichever replica holds the visitor's socket is woken on commit and
 * pushes it; a visitor with no socket open finds it in the history on the next visit.
 * Its `choices` go with it: the widget shows them as buttons (`choices.ts` takes a press). A
 * redelivered reply finds its entry and is not stored twice.
 */
export function createSender(deps: {
  repository: ConversationRepository;
  known: (account: string) => boolean;
}): (message: OutboundMessage) => Promise<SendResult> {
  return async function send(message: OutboundMessage): Promise<SendResult> {
    if (!deps.known(message.account))
      throw new PlatformError(ERROR_CODES.unknownAccount, `no live-chat account named "${message.account}"`, {
        retriable: false,
      });
    try {
      await deps.repository.append({
        account: message.account,
        visitor: message.recipient.externalId,
        messageId: message.id,
        direction: 'outbound',
        ticketId: message.ticketId,
        text: message.content.text,
        attachments: message.content.attachments,
        choices: message.choices,
        createdAt: new Date(message.createdAt),
      });
    } catch (err) {
      throw new PlatformError(ERROR_CODES.sendFailed, 'the reply could not be stored in the conversation', {
        retriable: true,
        cause: err,
      });
    }
    return { externalId: message.id };
  };
}
