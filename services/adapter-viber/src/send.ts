import { ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import { type Logger, PlatformError, ReplyProgress, type SendResult, splitText } from '@omni/service-kit';
import type { ViberAccount } from './config';
import type { OutboundTokenStore } from './outbound-token.repository';
import type { ViberApi } from './viber-api';

/** Viber's limit for one text message. */
const MAX_TEXT = 7000;

/**
 * A reply → `send_message` calls: the text split at Viber's limit (the choices as a
 * keyboard on the last part), each part's message token recorded (receipts name only the token). Stored attachments cannot be sent (Viber
 * fetches files from a public URL): such a reply fails permanently, saying so. Parts already
 * sent are remembered across retries (`progress`).
 */
export function createSender(deps: {
  accounts: ReadonlyMap<string, ViberAccount & { api: ViberApi }>;
  tokens: OutboundTokenStore;
  log: Logger;
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  const progress = deps.progress ?? new ReplyProgress();
  return async function send(message: OutboundMessage): Promise<SendResult> {
    const acc = deps.accounts.get(message.account);
    if (!acc)
      throw new PlatformError(ERROR_CODES.unknownAccount, `no Viber account named "${message.account}"`, {
        retriable: false,
      });
    if (message.content.attachments.some((a) => a.blobId)) {
      throw new PlatformError(
        platformErrorCode('viber', 'attachments-unsupported'),
        'Viber fetches files from a public URL, and stored attachments have none',
        {
          retriable: false,
        },
      );
    }
    const sender = {
      name: acc.senderName,
      ...(acc.senderAvatar ? { avatar: acc.senderAvatar } : {}),
    };
    const parts = splitText(message.content.text.trim(), MAX_TEXT);
    return progress.send(message.id, parts, async (text, index) => {
      const keyboard =
        index === parts.length - 1 && message.choices ? replyKeyboard(message.choices) : undefined;
      const token = await acc.api.sendMessage({
        receiver: message.recipient.externalId,
        min_api_version: 1,
        sender,
        tracking_data: message.id,
        type: 'text',
        text,
        ...(keyboard ? { keyboard } : {}),
      });
      if (token) await rememberToken(message, token);
      return token;
    });
  };

  /**
   * Choices as a keyboard under the last part: one row of the six columns; a press sends the
   * choice's payload back as the customer's text (`reply`), not shown in the chat (`Silent`).
   */
  function replyKeyboard(choices: NonNullable<OutboundMessage['choices']>) {
    const columns = Math.max(1, Math.floor(6 / choices.length));
    return {
      Type: 'keyboard',
      DefaultHeight: false,
      Buttons: choices.map((c) => ({
        Columns: columns,
        Rows: 1,
        ActionType: 'reply',
        ActionBody: c.payload,
        Text: c.label,
        Silent: true,
      })),
    };
  }

  /**
   * The mapping only serves receipts; the message itself is sent. Retrying the send because
   * this write failed would deliver it twice, so after a few tries the receipts are given up.
   */
  async function rememberToken(message: OutboundMessage, token: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.tokens.remember(message.account, token, message.id, message.ticketId);
      } catch (err) {
        if (attempt >= 3) {
          deps.log.error(
            { err, messageId: message.id },
            'could not record the Viber token: its receipts will be ignored',
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}
