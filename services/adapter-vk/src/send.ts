import { createHash } from 'node:crypto';
import { type AttachmentRef, ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { PlatformError, type SendResult, splitText } from '@omni/service-kit';
import { z } from 'zod';
import type { OwnSends } from './own-sends';
import { type VkClient, vkError } from './vk-api';

/** messages.send's limit on one message's text. */
export const MAX_TEXT = 4096;
/** messages.send accepts at most 10 attachments per message. */
const MAX_ATTACHMENTS = 10;

/**
 * `random_id` of a message: a signed 32-bit integer from a hash of our message id (and the
 * part number). VK drops a second send with the same random_id, so a retried send — a
 * Kafka redelivery, a retry after a timeout — is never doubled.
 */
export function randomId(messageId: string, part = 0): number {
  return createHash('sha256').update(`${messageId}:${part}`).digest().readInt32BE(0);
}

const SendItem = z.object({
  peer_id: z.number(),
  message_id: z.number().optional(),
  conversation_message_id: z.number().optional(),
  error: z.object({ code: z.number(), description: z.string().default('') }).optional(),
});

/**
 * A reply → `messages.send` (text split at 4096 characters, attachments uploaded through
 * the documented upload flow and sent with the first part, the choices as an inline
 * keyboard with the last). Sent with `peer_ids`, whose
 * answer names the `conversation_message_id`: the sent message's external id is then
 * `peer_id:conversation_message_id`, the same key its `message_reply` echo and read
 * receipts carry.
 */
export function createSender(deps: {
  clients: ReadonlyMap<string, VkClient>;
  blobs: BlobStore;
  ownSends?: OwnSends;
}): (message: OutboundMessage) => Promise<SendResult> {
  return async function send(message) {
    const client = deps.clients.get(message.account);
    if (!client)
      throw new PlatformError(ERROR_CODES.unknownAccount, `no vk account named "${message.account}"`, {
        retriable: false,
      });
    const peer = Number(message.recipient.externalChatId ?? message.recipient.externalId);
    if (!Number.isSafeInteger(peer))
      throw new PlatformError(
        ERROR_CODES.badRecipient,
        `"${message.recipient.externalId}" is not a VK peer id`,
        {
          retriable: false,
        },
      );

    const attachments: string[] = [];
    for (const a of message.content.attachments.slice(0, MAX_ATTACHMENTS)) {
      if (a.blobId)
        attachments.push(await uploadAttachment(client, deps.blobs, peer, { ...a, blobId: a.blobId }));
    }
    const chunks = splitText(message.content.text, MAX_TEXT);
    if (chunks.length === 0 && attachments.length === 0)
      throw new PlatformError(ERROR_CODES.emptyReply, 'the reply has neither text nor attachments', {
        retriable: false,
      });
    if (chunks.length === 0) chunks.push('');

    const replyTo = /^(-?\d+):(\d+)$/.exec(message.thread.replyToExternalId ?? '');
    let first: string | undefined;
    for (const [i, text] of chunks.entries()) {
      const random = randomId(message.id, i);
      deps.ownSends?.remember(random, message.id);
      const response = await client.call('messages.send', {
        peer_ids: peer,
        random_id: random,
        message: text || undefined,
        attachment: i === 0 && attachments.length > 0 ? attachments.join(',') : undefined,
        keyboard: i === chunks.length - 1 && message.choices ? inlineKeyboard(message.choices) : undefined,
        forward:
          i === 0 && replyTo
            ? JSON.stringify({
                peer_id: Number(replyTo[1]),
                conversation_message_ids: [Number(replyTo[2])],
                is_reply: true,
              })
            : undefined,
      });
      const item = z.array(SendItem).safeParse(response).data?.[0];
      if (item?.error) throw vkError(item.error.code, item.error.description);
      const externalId =
        item?.conversation_message_id !== undefined
          ? `${peer}:${item.conversation_message_id}`
          : typeof response === 'number'
            ? `id:${response}`
            : undefined;
      if (externalId) deps.ownSends?.rememberSent(externalId, message.id);
      first ??= externalId;
    }
    return { externalId: first };
  };
}

/**
 * Choices as an inline keyboard of text buttons (one row, at most five): a press is the
 * customer's message with the button's label as text and our payload in `payload`
 * (VK wants a JSON object of at most 255 characters).
 */
function inlineKeyboard(choices: NonNullable<OutboundMessage['choices']>): string {
  const rows: Array<typeof choices> = [];
  for (let i = 0; i < choices.length; i += 5) rows.push(choices.slice(i, i + 5));
  return JSON.stringify({
    inline: true,
    buttons: rows.map((row) =>
      row.map((c) => ({
        action: { type: 'text', label: c.label, payload: JSON.stringify({ omni: c.payload }) },
      })),
    ),
  });
}

/** Photos: photos.getMessagesUploadServer → upload → photos.saveMessagesPhoto; anything else as a document. */
async function uploadAttachment(
  client: VkClient,
  blobs: BlobStore,
  peer: number,
  a: AttachmentRef & { blobId: string },
): Promise<string> {
  const data = await blobs.get(a.blobId);
  if (!data)
    throw new PlatformError(ERROR_CODES.attachmentMissing, `attachment ${a.name} is not in the blob store`, {
      retriable: false,
    });
  const file = { data, name: a.name, mimeType: a.mimeType };
  if (/^image\/(jpeg|png|gif)$/.test(a.mimeType)) {
    const server = UploadServer.parse(await client.call('photos.getMessagesUploadServer', { peer_id: peer }));
    const uploaded = PhotoUpload.parse(await client.upload(server.upload_url, 'photo', file));
    const saved = z
      .array(Saved)
      .min(1)
      .parse(await client.call('photos.saveMessagesPhoto', uploaded));
    const p = saved[0] as z.infer<typeof Saved>;
    return `photo${p.owner_id}_${p.id}${p.access_key ? `_${p.access_key}` : ''}`;
  }
  const server = UploadServer.parse(
    await client.call('docs.getMessagesUploadServer', { type: 'doc', peer_id: peer }),
  );
  const uploaded = z.object({ file: z.string() }).parse(await client.upload(server.upload_url, 'file', file));
  const saved = z
    .object({ type: z.string(), doc: Saved.optional(), audio_message: Saved.optional() })
    .parse(await client.call('docs.save', { file: uploaded.file, title: a.name }));
  const d = saved.doc ?? saved.audio_message;
  if (!d)
    throw new PlatformError(platformErrorCode('vk', 'bad-response'), 'docs.save returned no document', {
      retriable: false,
    });
  return `doc${d.owner_id}_${d.id}${d.access_key ? `_${d.access_key}` : ''}`;
}

const UploadServer = z.object({ upload_url: z.string().url() });
const PhotoUpload = z.object({ server: z.number(), photo: z.string(), hash: z.string() });
const Saved = z.object({ id: z.number(), owner_id: z.number(), access_key: z.string().optional() });
