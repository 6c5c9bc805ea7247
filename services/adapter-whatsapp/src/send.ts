import { ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { OMNI_METADATA_PREFIX } from '@omni/meta';
import { PlatformError, ReplyProgress, type SendResult, splitText } from '@omni/service-kit';
import type { WhatsAppAccount, WindowTemplate } from './config';
import type { WhatsAppClient } from './whatsapp-api';

/** The Cloud API's limit on a text message body. */
export const MAX_TEXT = 4096;
/** A template's body text is at most 1024 characters with its parameters: keep the reply's share below that. */
const MAX_PARAMETER = 700;
/** The Cloud API: "Message failed to send because more than 24 hours have passed since the customer last replied". */
export const REENGAGEMENT_CODE = platformErrorCode('graph', 131047);

type Part = { body: Record<string, unknown> } | { file: { data: Buffer; name: string; mimeType: string } };

/**
 * A reply → Cloud API messages: the text (split at 4096 characters; with choices, at 1024
 * and the last part an interactive message with buttons or a list), then each file
 * (uploaded through the Media API, sent by id). Every message carries our id in
 * `biz_opaque_callback_data`, so the statuses webhook names our message. A reply the
 * ticket API accepted after the 24-hour window (`outsideWindow`) is the account's
 * `windowTemplate` instead; so is one the Cloud API refuses with 131047 there and then.
 * Without a template that refusal is a permanent failure with Meta's code and text.
 */
export function createSender(deps: {
  accounts: ReadonlyMap<string, WhatsAppAccount>;
  clients: ReadonlyMap<string, WhatsAppClient>;
  blobs: BlobStore;
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  const progress = deps.progress ?? new ReplyProgress();

  return async function send(message) {
    const account = deps.accounts.get(message.account);
    const client = deps.clients.get(message.account);
    if (!account || !client)
      throw new PlatformError(ERROR_CODES.unknownAccount, `no whatsapp account named "${message.account}"`, {
        retriable: false,
      });
    const envelope = {
      recipient_type: 'individual',
      ...recipientOf(message.recipient.externalId),
      biz_opaque_callback_data: `${OMNI_METADATA_PREFIX}${message.id}`,
    };
    const template = account.windowTemplate;
    const sendTemplate = (t: WindowTemplate) =>
      client.sendMessage({ ...envelope, ...templateBody(t, message) });
    if (message.outsideWindow && template) return progress.send(message.id, [template], sendTemplate);
    const parts = await partsOf(message, deps.blobs);
    try {
      return await progress.send(message.id, parts, async (part) => {
        if ('body' in part) return client.sendMessage({ ...envelope, ...part.body });
        const id = await client.uploadMedia(part.file);
        return client.sendMessage({ ...envelope, ...mediaBody(id, part.file) });
      });
    } catch (err) {
      // The window closed after the API accepted the reply: the template, when there is one.
      if (!(err instanceof PlatformError) || err.code !== REENGAGEMENT_CODE || !template) throw err;
      progress.forget(message.id);
      return progress.send(message.id, [template], sendTemplate);
    }
  };
}

/** A wa_id (digits) goes in `to`; a business-scoped user id (`US.1349…`) in `recipient`. */
function recipientOf(id: string): Record<string, string> {
  return /^\d+$/.test(id) ? { to: id } : { recipient: id };
}

/** An interactive message's body text is at most 1024 characters. */
const MAX_INTERACTIVE_BODY = 1024;

async function partsOf(message: OutboundMessage, blobs: BlobStore): Promise<Part[]> {
  const { choices } = message;
  const texts = splitText(message.content.text, choices ? MAX_INTERACTIVE_BODY : MAX_TEXT);
  const parts: Part[] = texts.map((body, i) => ({
    body:
      choices && i === texts.length - 1
        ? interactiveBody(body, choices)
        : { type: 'text', text: { body, preview_url: /https?:\/\//.test(body) } },
  }));
  for (const a of message.content.attachments) {
    if (!a.blobId) continue;
    const data = await blobs.get(a.blobId);
    if (!data)
      throw new PlatformError(
        ERROR_CODES.attachmentMissing,
        `attachment ${a.name} is not in the blob store`,
        {
          retriable: false,
        },
      );
    parts.push({ file: { data, name: a.name, mimeType: a.mimeType } });
  }
  return parts;
}

/**
 * Choices under the last text part: up to three as reply buttons (titles of at most 20
 * characters), more as a list (rows of at most 24). A tap comes back as an `interactive`
 * message naming the choice's id, our payload.
 */
function interactiveBody(
  text: string,
  choices: NonNullable<OutboundMessage['choices']>,
): Record<string, unknown> {
  const body = { text };
  if (choices.length <= 3)
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body,
        action: {
          buttons: choices.map((c) => ({ type: 'reply', reply: { id: c.payload, title: c.label } })),
        },
      },
    };
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body,
      action: {
        button: '☆ 1–5',
        sections: [{ rows: choices.map((c) => ({ id: c.payload, title: c.label })) }],
      },
    },
  };
}

/** The media types the Cloud API sends as such (developers.facebook.com, "Supported media types"); the rest as documents. */
function mediaBody(id: string, file: { name: string; mimeType: string }): Record<string, unknown> {
  const mime = file.mimeType.toLowerCase();
  if (mime === 'image/jpeg' || mime === 'image/png') return { type: 'image', image: { id } };
  if (mime === 'video/mp4' || mime === 'video/3gpp') return { type: 'video', video: { id } };
  if (/^audio\/(aac|amr|mpeg|mp4|ogg)$/.test(mime)) return { type: 'audio', audio: { id } };
  return { type: 'document', document: { id, filename: file.name } };
}

/**
 * The template message. Parameters may not hold new lines, tabs or more than four spaces
 * in a row (the Cloud API refuses them, 132018): the reply's text is put on one line.
 */
export function templateBody(template: WindowTemplate, message: OutboundMessage): Record<string, unknown> {
  const value = (p: WindowTemplate['bodyParameters'][number]) => {
    if (p === 'ticket-number') return String(message.ticketNumber);
    const flat = message.content.text.replace(/\s+/g, ' ').trim() || '…';
    const chars = [...flat];
    return chars.length > MAX_PARAMETER ? `${chars.slice(0, MAX_PARAMETER - 1).join('')}…` : flat;
  };
  const components =
    template.bodyParameters.length > 0
      ? [{ type: 'body', parameters: template.bodyParameters.map((p) => ({ type: 'text', text: value(p) })) }]
      : [];
  return {
    type: 'template',
    template: { name: template.name, language: { code: template.language }, components },
  };
}
