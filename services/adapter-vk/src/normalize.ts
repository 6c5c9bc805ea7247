import { type ContentKind, type DeliveryReport, type InboundMessageInput, messageId } from '@omni/contracts';
import type { z } from 'zod';
import {
  MessageAllowDenyObject,
  MessageEventObject,
  MessageNewObject,
  MessageReadObject,
  type VkAttachment,
  type VkEvent,
  VkMessage,
} from './vk.schema';

export interface VkContext {
  account: string;
  groupId: number;
  receivedAt: Date;
}

/** A platform file to fetch before publishing (URLs expire, so it happens at ingestion). */
export interface RemoteFile {
  url: string;
  name: string;
  mimeType: string;
  size?: number;
}

export type Normalized =
  | { type: 'message'; message: InboundMessageInput; files: RemoteFile[]; randomId?: number }
  | { type: 'delivery'; report: DeliveryReport }
  | { type: 'ignored'; event: string; reason: string }
  | { type: 'invalid'; reason: string };

/** Group chats have peer ids from 2e9 up; below that, a private dialog with the user. */
const CHAT_PEER_BASE = 2_000_000_000;
const MAX_DEPTH = 40;

/** Events we acknowledge and drop on purpose (group wall, photos, members, market…). */
const IGNORED_REASONS: Record<string, string> = {
  message_typing_state: 'typing indicator',
  message_allow: 'the user allowed messages from the community (no message to thread)',
  message_deny: 'the user denied messages from the community; replies will fail with error 901',
  message_reaction_event: 'reactions to messages are not threaded',
};

/**
 * One Callback API / Long Poll event → what it means for us. Pure: no I/O, no clock.
 * Messages keep their VK identity (`peer_id:conversation_message_id`) so a retried
 * callback, the same event seen by long poll, or an edit all land on the same id.
 */
export function normalizeEvent(event: VkEvent, ctx: VkContext): Normalized[] {
  if (depth(event.object) > MAX_DEPTH)
    return [{ type: 'invalid', reason: `${event.type}: nested deeper than ${MAX_DEPTH} levels` }];
  switch (event.type) {
    case 'message_new': {
      const o = MessageNewObject.safeParse(event.object);
      // Before API 5.103 the message itself was the object.
      const msg = o.success ? o.data.message : VkMessage.safeParse(event.object).data;
      if (!msg) return invalid(event.type, o.error);
      return [messageResult(msg, ctx, { outbound: msg.out === 1 })];
    }
    case 'message_reply':
    case 'message_edit': {
      const o = VkMessage.safeParse(event.object);
      if (!o.success) return invalid(event.type, o.error);
      const outbound = event.type === 'message_reply' || o.data.out === 1 || o.data.from_id < 0;
      return [messageResult(o.data, ctx, { outbound, edited: event.type === 'message_edit' })];
    }
    case 'message_event': {
      const o = MessageEventObject.safeParse(event.object);
      if (!o.success) return invalid(event.type, o.error);
      const e = o.data;
      const payload = e.payload === undefined ? undefined : JSON.stringify(e.payload).slice(0, 2000);
      const externalId = `event:${e.event_id}`;
      return [
        {
          type: 'message',
          message: message(ctx, String(e.user_id), externalId, ctx.receivedAt.toISOString(), e.peer_id, {
            content: {
              kind: 'postback',
              text: `[button${payload ? ` ${payload}` : ''}]`,
              payload,
              attachments: [],
            },
          }),
          files: [],
        },
      ];
    }
    case 'message_read': {
      const o = MessageReadObject.safeParse(event.object);
      if (!o.success) return invalid(event.type, o.error);
      if (o.data.conversation_message_id === undefined)
        return [{ type: 'ignored', event: event.type, reason: 'no conversation_message_id to match' }];
      const externalId = `${o.data.peer_id}:${o.data.conversation_message_id}`;
      return [
        {
          type: 'delivery',
          report: {
            version: 1,
            messageId: messageId('vk', ctx.account, externalId),
            channel: 'vk',
            account: ctx.account,
            status: 'read',
            externalId,
            recipientExternalId: String(o.data.from_id),
            occurredAt: ctx.receivedAt.toISOString(),
          },
        },
      ];
    }
    case 'message_allow':
    case 'message_deny': {
      const o = MessageAllowDenyObject.safeParse(event.object);
      if (!o.success) return invalid(event.type, o.error);
      return [{ type: 'ignored', event: event.type, reason: IGNORED_REASONS[event.type] as string }];
    }
    default:
      return [
        {
          type: 'ignored',
          event: event.type.slice(0, 100),
          reason: IGNORED_REASONS[event.type] ?? 'not a conversation event',
        },
      ];
  }
}

function messageResult(
  msg: VkMessage,
  ctx: VkContext,
  opts: { outbound: boolean; edited?: boolean },
): Normalized {
  const peer = msg.peer_id ?? msg.from_id;
  // The customer: in a private dialog the peer, whoever wrote; in a group chat, the author.
  const customer = String(peer < CHAT_PEER_BASE ? peer : msg.from_id);
  const externalId =
    msg.conversation_message_id !== undefined
      ? `${peer}:${msg.conversation_message_id}`
      : `id:${msg.id ?? `${msg.from_id}:${msg.date}`}`;
  const at = toIso(msg.date, ctx.receivedAt);
  const files: RemoteFile[] = [];
  const lines: string[] = [];
  const kinds: ContentKind[] = [];
  (msg.attachments ?? []).forEach((a, i) => {
    const mapped = mapAttachment(a, i);
    kinds.push(mapped.kind);
    if (mapped.file) files.push(mapped.file);
    if (mapped.line) lines.push(mapped.line);
  });
  let location: { latitude: number; longitude: number; title?: string } | undefined;
  const c = msg.geo?.coordinates;
  if (c && Math.abs(c.latitude) <= 90 && Math.abs(c.longitude) <= 180) {
    location = { latitude: c.latitude, longitude: c.longitude, title: msg.geo?.place?.title?.slice(0, 500) };
    kinds.push('location');
    lines.push(`[location ${c.latitude}, ${c.longitude}${location.title ? ` ${location.title}` : ''}]`);
  }
  let kind: ContentKind = 'text';
  if (kinds.length > 0) kind = new Set(kinds).size === 1 ? (kinds[0] as ContentKind) : 'other';
  const text = [msg.text, ...lines].filter((t): t is string => !!t).join('\n');
  const context = quoted(msg);
  const reply = msg.reply_message;
  const replyTo =
    reply?.conversation_message_id !== undefined
      ? `${reply.peer_id ?? peer}:${reply.conversation_message_id}`
      : undefined;
  return {
    type: 'message',
    message: message(ctx, customer, externalId, at, peer, {
      direction: opts.outbound ? 'outbound' : 'inbound',
      replyToExternalId: replyTo,
      content: {
        kind,
        text,
        fullText: context ? `${text}\n\n${context}` : undefined,
        attachments: [],
        location,
        payload: msg.payload?.slice(0, 2000),
      },
      flags: {
        edited: opts.edited || undefined,
        ownMessage: opts.outbound || undefined,
        forwarded: (msg.fwd_messages?.length ?? 0) > 0 || undefined,
      },
    }),
    files,
    randomId: opts.outbound && msg.random_id ? msg.random_id : undefined,
  };
}

/** Forwarded and replied-to messages kept as quoted context under the new text. */
function quoted(msg: VkMessage): string | undefined {
  const parts: string[] = [];
  if (msg.reply_message)
    parts.push(`> [reply to ${msg.reply_message.from_id}] ${msg.reply_message.text ?? ''}`.trimEnd());
  for (const f of msg.fwd_messages ?? [])
    parts.push(`> [forwarded from ${f.from_id}] ${f.text ?? ''}`.trimEnd());
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function mapAttachment(a: VkAttachment, i: number): { kind: ContentKind; file?: RemoteFile; line?: string } {
  switch (a.type) {
    case 'photo': {
      const best = largest(a.photo?.sizes ?? []);
      return best
        ? {
            kind: 'image',
            file: { url: best, name: fileName(best, `photo-${i + 1}.jpg`), mimeType: 'image/jpeg' },
          }
        : { kind: 'image', line: '[photo]' };
    }
    case 'doc': {
      const url = a.doc?.url;
      const name = (
        a.doc?.title || (a.doc?.ext ? `document-${i + 1}.${a.doc.ext}` : `document-${i + 1}`)
      ).slice(0, 200);
      return httpUrl(url)
        ? { kind: 'file', file: { url, name, mimeType: guessMime(name), size: a.doc?.size } }
        : { kind: 'file', line: `[document ${name}]` };
    }
    case 'audio_message': {
      const mp3 = a.audio_message?.link_mp3;
      const url = httpUrl(mp3) ? mp3 : a.audio_message?.link_ogg;
      const mimeType = url === mp3 ? 'audio/mpeg' : 'audio/ogg';
      return httpUrl(url)
        ? {
            kind: 'voice',
            file: { url, name: `voice-${i + 1}.${mimeType === 'audio/mpeg' ? 'mp3' : 'ogg'}`, mimeType },
          }
        : { kind: 'voice', line: '[voice message]' };
    }
    case 'sticker': {
      const url = largest(a.sticker?.images ?? []);
      const label = `[sticker${a.sticker?.sticker_id !== undefined ? ` ${a.sticker.sticker_id}` : ''}]`;
      return url
        ? {
            kind: 'sticker',
            file: { url, name: `sticker-${a.sticker?.sticker_id ?? i + 1}.png`, mimeType: 'image/png' },
            line: label,
          }
        : { kind: 'sticker', line: label };
    }
    case 'graffiti': {
      const url = a.graffiti?.url;
      return httpUrl(url)
        ? {
            kind: 'image',
            file: { url, name: fileName(url, `graffiti-${i + 1}.png`), mimeType: 'image/png' },
          }
        : { kind: 'image', line: '[graffiti]' };
    }
    case 'video':
      return {
        kind: 'video',
        line: `[video${a.video?.title ? `: ${a.video.title}` : ''}${a.video?.id !== undefined ? ` https://vk.com/video${a.video.owner_id}_${a.video.id}` : ''}]`,
      };
    case 'audio':
      return {
        kind: 'audio',
        line: `[audio: ${[a.audio?.artist, a.audio?.title].filter(Boolean).join(' — ')}]`,
      };
    case 'wall': {
      const owner = a.wall?.owner_id ?? a.wall?.to_id ?? a.wall?.from_id;
      const ref =
        a.wall?.id !== undefined && owner !== undefined ? ` https://vk.com/wall${owner}_${a.wall.id}` : '';
      return {
        kind: 'other',
        line: `[wall post${ref}]${a.wall?.text ? ` ${a.wall.text.slice(0, 500)}` : ''}`,
      };
    }
    case 'link':
      return { kind: 'other', line: `[link: ${[a.link?.title, a.link?.url].filter(Boolean).join(' ')}]` };
    default:
      return { kind: 'other', line: `[${a.type}]` };
  }
}

/** The largest size (VK lists photo sizes by letter; compare by area, letters as a fallback order). */
function largest(
  sizes: Array<{ url?: string; src?: string; type?: string; width?: number; height?: number }>,
): string | undefined {
  const order = 'smxopqryzw';
  const score = (s: (typeof sizes)[number]) =>
    (s.width ?? 0) * (s.height ?? 0) * 100 + order.indexOf(s.type ?? '');
  const best = sizes.filter((s) => httpUrl(s.url ?? s.src)).sort((a, b) => score(b) - score(a))[0];
  return best ? (best.url ?? best.src) : undefined;
}

/**
 * A normalized message, whole in one object literal: spreading a base message and adding
 * members to the copy takes V8 (Node 20) a slow path of microseconds per object.
 */
function message(
  ctx: VkContext,
  customer: string,
  externalId: string,
  at: string,
  peer: number,
  rest: {
    content: InboundMessageInput['content'];
    direction?: 'inbound' | 'outbound';
    replyToExternalId?: string;
    flags?: InboundMessageInput['flags'];
  },
): InboundMessageInput {
  return {
    version: 1,
    id: messageId('vk', ctx.account, externalId),
    channel: 'vk',
    account: ctx.account,
    externalId,
    direction: rest.direction ?? 'inbound',
    sentAt: at,
    receivedAt: ctx.receivedAt.toISOString(),
    // For echoes (message_reply) too, `sender` is the conversation's customer: direction tells who wrote.
    sender: { externalId: customer },
    identities: [{ kind: 'vk', value: customer, verified: true }],
    thread: { externalChatId: String(peer), replyToExternalId: rest.replyToExternalId },
    content: rest.content,
    flags: rest.flags,
  };
}

const EXT_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
};

export function guessMime(name: string): string {
  return EXT_MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

function httpUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

function fileName(url: string, fallback: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last && /\.[a-z0-9]{2,5}$/i.test(last) ? decodeURIComponent(last).slice(0, 200) : fallback;
  } catch {
    return fallback;
  }
}

function toIso(seconds: number, fallback: Date): string {
  const d = new Date(seconds * 1000);
  return Number.isFinite(d.getTime()) && seconds > 946_684_800 && seconds < 32_503_680_000
    ? d.toISOString()
    : fallback.toISOString();
}

/** Nesting depth, measured without recursion (a hostile body must not overflow the stack). */
function depth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function invalid(type: string, error: z.ZodError | undefined): Normalized[] {
  const detail = error?.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return [{ type: 'invalid', reason: `${type}: ${detail ?? 'not valid'}` }];
}
