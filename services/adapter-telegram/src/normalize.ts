import { type ContentKind, type IdentityClaim, type InboundMessageInput, messageId } from '@omni/contracts';
import type { TgMessage, TgUpdate, TgUser } from './telegram.schema';

export interface TelegramContext {
  account: string;
  receivedAt: Date;
  /** Group and supergroup messages are ignored unless the account accepts them. */
  acceptGroupChats: boolean;
}

/** A file the message carries; the adapter fetches it (getFile + download) and stores it. */
export interface PendingFile {
  fileId: string;
  name: string;
  mimeType: string;
  size?: number;
}

export type NormalizeResult =
  | { status: 'message'; message: InboundMessageInput; files: PendingFile[] }
  | { status: 'ignored'; reason: string };

/** The update members we know and deliberately do not turn into messages, with why. */
const IGNORED_UPDATES: Record<string, string> = {
  channel_post: 'channel posts are not customer conversations',
  edited_channel_post: 'channel posts are not customer conversations',
  my_chat_member: 'the bot was blocked, unblocked or added to a chat (membership change)',
  chat_member: 'a chat membership change',
  chat_join_request: 'a join request to a chat',
  inline_query: 'inline queries are not conversations',
  chosen_inline_result: 'inline query results are not conversations',
  shipping_query: 'payments are not handled',
  pre_checkout_query: 'payments are not handled',
  poll: 'poll state updates are not messages',
  poll_answer: 'poll answers are not messages',
  message_reaction: 'reactions are not messages',
  message_reaction_count: 'reactions are not messages',
  business_connection: 'business connections are not handled',
  business_message: 'business account messages are not handled',
  edited_business_message: 'business account messages are not handled',
  deleted_business_messages: 'business account messages are not handled',
  chat_boost: 'chat boosts are not messages',
  removed_chat_boost: 'chat boosts are not messages',
  purchased_paid_media: 'payments are not handled',
};

/**
 * A Bot API update → one `InboundMessage` (plus the files to fetch), or an explicit
 * "ignored" with the reason. Pure: no I/O, no clock. Message ids come from `chat.id` +
 * `message_id`, so an `edited_message` lands on the message it edits.
 */
export function normalizeUpdate(update: TgUpdate, ctx: TelegramContext): NormalizeResult {
  if (update.message) return normalizeMessage(update.message, ctx, false);
  if (update.edited_message) return normalizeMessage(update.edited_message, ctx, true);
  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    const skip = chat ? chatSkipReason(chat.type, ctx) : undefined;
    if (skip) return { status: 'ignored', reason: skip };
    const externalId = `callback:${q.id}`;
    const at = ctx.receivedAt.toISOString();
    return {
      status: 'message',
      files: [],
      message: envelope(ctx, externalId, q.from, at, {
        thread: { externalChatId: chat ? String(chat.id) : String(q.from.id) },
        content: { kind: 'postback', text: q.data ?? '', payload: q.data, attachments: [] },
      }),
    };
  }
  const kind = Object.keys(update).find((k) => k !== 'update_id');
  if (kind === undefined) return { status: 'ignored', reason: 'the update carries nothing' };
  return { status: 'ignored', reason: IGNORED_UPDATES[kind] ?? `update kind "${kind}" is not handled` };
}

function normalizeMessage(m: TgMessage, ctx: TelegramContext, edited: boolean): NormalizeResult {
  const skip = chatSkipReason(m.chat.type, ctx);
  if (skip) return { status: 'ignored', reason: skip };
  if (!m.from) return { status: 'ignored', reason: 'a message without a sender (sent on behalf of a chat)' };
  if (m.from.is_bot) return { status: 'ignored', reason: 'a message from a bot' };
  const content = messageContent(m);
  if (!content) return { status: 'ignored', reason: `a service or unsupported message (${describeKeys(m)})` };

  const from = m.from;
  const externalId = `${m.chat.id}:${m.message_id}`;
  const replied = m.reply_to_message;
  return {
    status: 'message',
    files: content.files,
    message: envelope(ctx, externalId, from, new Date(m.date * 1000).toISOString(), {
      // A contact whose user_id is the sender is the sender's own phone, vouched for by Telegram.
      ownPhone: m.contact && m.contact.user_id === from.id ? m.contact.phone_number : undefined,
      thread: {
        externalChatId: String(m.chat.id),
        replyToExternalId: replied ? `${replied.chat?.id ?? m.chat.id}:${replied.message_id}` : undefined,
      },
      content: {
        kind: content.kind,
        text: content.text,
        attachments: [],
        location: content.location,
      },
      flags: {
        edited: edited || undefined,
        forwarded: m.forward_origin !== undefined || m.forward_date !== undefined || undefined,
      },
    }),
  };
}

interface MappedContent {
  kind: ContentKind;
  text: string;
  files: PendingFile[];
  location?: { latitude: number; longitude: number; title?: string; address?: string };
}

/** What the message says, and which files it carries; `undefined` for service messages. */
function messageContent(m: TgMessage): MappedContent | undefined {
  const caption = m.caption ?? '';
  const withCaption = (label: string) => caption || label;
  if (m.text !== undefined) return { kind: 'text', text: m.text, files: [] };
  if (m.photo && m.photo.length > 0) {
    // Telegram lists sizes smallest first; the largest is the one worth keeping.
    const largest = m.photo.reduce((a, b) => (area(b) >= area(a) ? b : a));
    return {
      kind: 'image',
      text: withCaption('[photo]'),
      files: [file(largest, `photo-${m.message_id}.jpg`, 'image/jpeg')],
    };
  }
  // Telegram sends a GIF as both `animation` and `document`: the animation is the better description.
  if (m.animation) {
    const name = m.animation.file_name ?? `animation-${m.message_id}.mp4`;
    return { kind: 'video', text: withCaption('[animation]'), files: [file(m.animation, name, 'video/mp4')] };
  }
  if (m.document) {
    const name = m.document.file_name ?? `document-${m.message_id}`;
    return {
      kind: 'file',
      text: withCaption(`[document: ${name}]`),
      files: [file(m.document, name, 'application/octet-stream')],
    };
  }
  if (m.voice)
    return {
      kind: 'voice',
      text: withCaption('[voice message]'),
      files: [file(m.voice, `voice-${m.message_id}.ogg`, 'audio/ogg')],
    };
  if (m.audio) {
    const title = [m.audio.performer, m.audio.title].filter(Boolean).join(' — ');
    const name = m.audio.file_name ?? `audio-${m.message_id}.mp3`;
    return {
      kind: 'audio',
      text: withCaption(`[audio: ${title || name}]`),
      files: [file(m.audio, name, 'audio/mpeg')],
    };
  }
  if (m.video) {
    const name = m.video.file_name ?? `video-${m.message_id}.mp4`;
    return { kind: 'video', text: withCaption('[video]'), files: [file(m.video, name, 'video/mp4')] };
  }
  if (m.video_note)
    return {
      kind: 'video',
      text: '[video message]',
      files: [file(m.video_note, `video-note-${m.message_id}.mp4`, 'video/mp4')],
    };
  if (m.sticker) {
    const s = m.sticker;
    const [ext, mime] = s.is_video
      ? ['webm', 'video/webm']
      : s.is_animated
        ? ['tgs', 'application/x-tgsticker']
        : ['webp', 'image/webp'];
    return {
      kind: 'sticker',
      text: s.emoji ? `[sticker ${s.emoji}]` : '[sticker]',
      files: [file(s, `sticker-${m.message_id}.${ext}`, mime)],
    };
  }
  if (m.venue) {
    const v = m.venue;
    return {
      kind: 'location',
      text: `${v.title}, ${v.address}`,
      files: [],
      location: {
        latitude: v.location.latitude,
        longitude: v.location.longitude,
        title: v.title,
        address: v.address,
      },
    };
  }
  if (m.location) {
    const { latitude, longitude } = m.location;
    return {
      kind: 'location',
      text: `[location ${latitude}, ${longitude}]`,
      files: [],
      location: { latitude, longitude },
    };
  }
  if (m.contact) {
    const c = m.contact;
    const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
    return { kind: 'contact', text: `[contact: ${name ? `${name}, ` : ''}${c.phone_number}]`, files: [] };
  }
  return undefined;
}

/**
 * The whole message in one object literal: spreading a base and adding members to the copy
 * takes V8 (Node 20) a slow path of microseconds per object, on every webhook.
 */
function envelope(
  ctx: TelegramContext,
  externalId: string,
  from: TgUser,
  sentAt: string,
  rest: Pick<InboundMessageInput, 'thread' | 'content' | 'flags'> & { ownPhone?: string },
): InboundMessageInput {
  // Limits of the contract: a display name of 500 characters, a file name of 512.
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ').slice(0, 500) || undefined;
  const identities: IdentityClaim[] = [{ kind: 'telegram', value: String(from.id), verified: true }];
  if (rest.ownPhone) identities.push({ kind: 'phone', value: rest.ownPhone, verified: true });
  return {
    version: 1,
    id: messageId('telegram', ctx.account, externalId),
    channel: 'telegram',
    account: ctx.account,
    externalId,
    direction: 'inbound',
    sentAt,
    receivedAt: ctx.receivedAt.toISOString(),
    sender: {
      externalId: String(from.id),
      displayName,
      username: from.username,
      locale: from.language_code,
      phone: rest.ownPhone,
    },
    identities,
    thread: rest.thread,
    content: rest.content,
    flags: rest.flags,
  };
}

function chatSkipReason(type: string, ctx: TelegramContext): string | undefined {
  if (type === 'private') return undefined;
  if ((type === 'group' || type === 'supergroup') && ctx.acceptGroupChats) return undefined;
  if (type === 'channel') return 'channel messages are not customer conversations';
  return `a ${type} chat (group chats are not accepted for this account)`;
}

function file(
  f: { file_id: string; file_size?: number; file_name?: string; mime_type?: string },
  name: string,
  mimeType: string,
): PendingFile {
  return {
    fileId: f.file_id,
    name: (f.file_name ?? name).slice(0, 512),
    mimeType: f.mime_type ?? mimeType,
    size: f.file_size,
  };
}

function area(p: { width?: number; height?: number; file_size?: number }): number {
  return p.width !== undefined && p.height !== undefined ? p.width * p.height : (p.file_size ?? 0);
}

function describeKeys(m: TgMessage): string {
  const known = new Set([
    'message_id',
    'date',
    'chat',
    'from',
    'sender_chat',
    'reply_to_message',
    'edit_date',
    'caption',
  ]);
  const keys = Object.keys(m).filter((k) => !known.has(k));
  return keys.length > 0 ? keys.slice(0, 5).join(', ') : 'no content';
}
