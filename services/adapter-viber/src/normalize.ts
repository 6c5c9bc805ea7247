import { type ContentKind, type InboundMessageInput, messageId } from '@omni/contracts';
import type { ViberCallback, ViberMessage, ViberUser } from './viber.schema';

export interface ViberContext {
  account: string;
  receivedAt: Date;
}

/** A media URL to download at ingestion (Viber's links expire). */
export interface PendingMedia {
  url: string;
  name: string;
  mimeType: string;
  size?: number;
}

export type ViberNormalizeResult =
  | { status: 'message'; message: InboundMessageInput; files: PendingMedia[] }
  /** A receipt for a message we sent, identified by the token send_message returned. */
  | {
      status: 'delivery';
      event: 'delivered' | 'seen' | 'failed';
      token: string;
      desc?: string;
      occurredAt: string;
    }
  | { status: 'ignored'; reason: string };

/**
 * A verified Viber callback → a message, a delivery receipt, or an explicit "ignored".
 * Pure: no I/O, no clock. The message id comes from `message_token`, kept as exact text.
 */
export function normalizeCallback(cb: ViberCallback, ctx: ViberContext): ViberNormalizeResult {
  switch (cb.event) {
    case 'message':
      return normalizeMessage(cb.message_token, cb.sender, cb.message, at(cb.timestamp, ctx), ctx);
    case 'delivered':
    case 'seen':
      return {
        status: 'delivery',
        event: cb.event,
        token: cb.message_token,
        occurredAt: at(cb.timestamp, ctx),
      };
    case 'failed':
      return {
        status: 'delivery',
        event: 'failed',
        token: cb.message_token,
        desc: cb.desc,
        occurredAt: at(cb.timestamp, ctx),
      };
    case 'conversation_started':
      return {
        status: 'ignored',
        reason: 'conversation_started: the user opened the chat; nothing was written yet',
      };
    case 'subscribed':
      return {
        status: 'ignored',
        reason: 'subscribed: the user subscribed; their first message will follow',
      };
    case 'unsubscribed':
      return {
        status: 'ignored',
        reason: 'unsubscribed: replies to this user will fail until they write again',
      };
    case 'webhook':
      return { status: 'ignored', reason: 'webhook: Viber checking the callback URL during set_webhook' };
  }
}

function normalizeMessage(
  token: string,
  sender: ViberUser,
  m: ViberMessage,
  sentAt: string,
  ctx: ViberContext,
): ViberNormalizeResult {
  const content = messageContent(token, m);
  if (!content) return { status: 'ignored', reason: `message type "${m.type}" carries nothing we can show` };
  return {
    status: 'message',
    files: content.files,
    message: {
      version: 1,
      id: messageId('viber', ctx.account, token),
      channel: 'viber',
      account: ctx.account,
      externalId: token,
      direction: 'inbound',
      sentAt,
      receivedAt: ctx.receivedAt.toISOString(),
      sender: {
        externalId: sender.id,
        displayName: sender.name?.slice(0, 500) || undefined,
        locale: sender.language,
        country: sender.country,
        avatarUrl: sender.avatar,
      },
      identities: [{ kind: 'viber', value: sender.id, verified: true }],
      thread: { externalChatId: sender.id },
      content: { kind: content.kind, text: content.text, attachments: [], location: content.location },
      flags: {},
    },
  };
}

interface MappedContent {
  kind: ContentKind;
  text: string;
  files: PendingMedia[];
  location?: { latitude: number; longitude: number };
}

function messageContent(token: string, m: ViberMessage): MappedContent | undefined {
  const text = m.text ?? '';
  const media = (name: string, mimeType: string): PendingMedia[] =>
    m.media ? [{ url: m.media, name: (m.file_name ?? name).slice(0, 512), mimeType, size: m.size }] : [];
  switch (m.type) {
    case 'text':
      return { kind: 'text', text, files: [] };
    case 'picture':
      return { kind: 'image', text: text || '[picture]', files: media(`picture-${token}.jpg`, 'image/jpeg') };
    case 'video':
      return { kind: 'video', text: text || '[video]', files: media(`video-${token}.mp4`, 'video/mp4') };
    case 'file': {
      const name = (m.file_name ?? `file-${token}`).slice(0, 512);
      return { kind: 'file', text: `[file: ${name}]`, files: media(name, mimeFromName(name)) };
    }
    case 'sticker':
      return {
        kind: 'sticker',
        text: `[sticker ${m.sticker_id ?? ''}]`.replace(' ]', ']'),
        files: media(`sticker-${m.sticker_id ?? token}.png`, 'image/png'),
      };
    case 'contact': {
      const c = m.contact;
      const parts = [c?.name, c?.phone_number].filter(Boolean).join(', ');
      // Someone's contact card is content, not the sender's identity: it may be anyone's number.
      return { kind: 'contact', text: `[contact: ${parts}]`, files: [] };
    }
    case 'location':
      if (!m.location) return undefined;
      return {
        kind: 'location',
        text: `[location ${m.location.lat}, ${m.location.lon}]`,
        files: [],
        location: { latitude: m.location.lat, longitude: m.location.lon },
      };
    case 'url':
      return m.media || text ? { kind: 'text', text: m.media ?? text, files: [] } : undefined;
    default:
      // rich_media and future types: keep whatever text they carry, never drop it silently.
      return text ? { kind: 'other', text, files: [] } : undefined;
  }
}

function at(timestamp: number | undefined, ctx: ViberContext): string {
  if (timestamp === undefined || !Number.isFinite(timestamp) || timestamp <= 0 || timestamp > 8.64e15)
    return ctx.receivedAt.toISOString();
  return new Date(timestamp).toISOString();
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp4: 'video/mp4',
};

function mimeFromName(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && MIME_BY_EXTENSION[ext]) || 'application/octet-stream';
}
