import { type ContentKind, type IdentityClaim, type InboundMessageInput, messageId } from '@omni/contracts';
import { MaxAttachment, type MaxKnownUpdate, type MaxMessage, type MaxUser } from './max.schema';

export interface MaxContext {
  account: string;
  receivedAt: Date;
  /** Group chat messages are ignored unless the account accepts them. */
  acceptGroupChats: boolean;
}

/** A file the message carries; the adapter downloads it at ingestion (MAX's links expire). */
export type PendingFile =
  | { source: 'url'; url: string; name: string; mimeType: string; size?: number }
  /** Videos name no direct link: GET /videos/{token} gives the playable URLs first. */
  | { source: 'video'; token: string; name: string; mimeType: string };

export type NormalizeResult =
  | {
      status: 'message';
      message: InboundMessageInput;
      files: PendingFile[];
      /** A button press: answered with POST /answers once the message is on the bus. */
      callbackId?: string;
      /** bot_started: the customer (re)started the bot, so replies may reach them again. */
      started?: { userId: number };
    }
  /** bot_stopped: the customer blocked the bot; replies to them fail from now on. */
  | { status: 'stopped'; userId: number }
  | { status: 'ignored'; reason: string };

/** The update kinds we know and deliberately do not turn into messages, with why. */
const IGNORED_UPDATES: Record<string, string> = {
  message_removed:
    'the customer deleted a message in MAX; the ticket keeps the copy agents already saw (no deletion in the message contract)',
  bot_added: 'the bot was added to a chat (membership change)',
  bot_removed: 'the bot was removed from a chat (membership change)',
  user_added: 'a user joined a chat (membership change)',
  user_removed: 'a user left a chat (membership change)',
  chat_title_changed: 'a chat was renamed (membership and chat settings are not conversations)',
  bot_admin_permissions_changed: 'the bot’s admin permissions changed (chat settings)',
  dialog_cleared: 'the customer cleared the dialog history on their side',
  dialog_removed: 'the customer removed the dialog on their side',
  dialog_muted: 'the customer muted the dialog',
  dialog_unmuted: 'the customer unmuted the dialog',
  comment_created: 'channel comments are not customer conversations',
  comment_edited: 'channel comments are not customer conversations',
  comment_removed: 'channel comments are not customer conversations',
};

/** Why an update kind we do not parse is acknowledged and dropped. */
export function ignoredReason(updateType: string): string {
  return IGNORED_UPDATES[updateType] ?? `update kind "${updateType}" is not handled`;
}

/**
 * A MAX update → one `InboundMessage` (plus the files to fetch), a change of the dialog's
 * state, or an explicit "ignored" with the reason. Pure: no I/O, no clock. Message ids
 * come from MAX's `mid` (unique across chats), so `message_edited` lands on the message it
 * edits and a redelivered update is stored once.
 */
export function normalizeUpdate(update: MaxKnownUpdate, ctx: MaxContext): NormalizeResult {
  switch (update.update_type) {
    case 'message_created':
      return normalizeMessage(update.message, ctx, false, update.user_locale);
    case 'message_edited':
      return normalizeMessage(update.message, ctx, true, update.user_locale);
    case 'message_removed':
      return { status: 'ignored', reason: ignoredReason('message_removed') };
    case 'message_callback': {
      const { callback } = update;
      const chat = update.message?.recipient;
      const skip = chat ? chatSkipReason(chat.chat_type, ctx) : undefined;
      if (skip) return { status: 'ignored', reason: skip };
      const externalId = `callback:${callback.callback_id}`.slice(0, 998);
      const base = envelope(ctx, externalId, callback.user, callback.timestamp, update.user_locale);
      const payload = callback.payload ?? '';
      return {
        status: 'message',
        files: [],
        callbackId: callback.callback_id,
        message: {
          ...base,
          thread: {
            externalChatId: groupChatId(update.message),
            replyToExternalId: update.message?.body.mid,
          },
          content: { kind: 'postback', text: payload || '[button pressed]', payload, attachments: [] },
        },
      };
    }
    case 'bot_started': {
      const externalId = `started:${update.chat_id}:${update.timestamp}`;
      const payload = update.payload ?? undefined;
      return {
        status: 'message',
        files: [],
        started: { userId: update.user.user_id },
        message: {
          ...envelope(ctx, externalId, update.user, update.timestamp, update.user_locale),
          // The deep link's `start` parameter (https://max.ru/<bot>?start=<payload>) says where the customer came from.
          content: {
            kind: 'postback',
            text: payload ? `[started the bot: ${payload}]` : '[started the bot]',
            payload,
            attachments: [],
          },
        },
      };
    }
    case 'bot_stopped':
      return { status: 'stopped', userId: update.user.user_id };
  }
}

function normalizeMessage(
  m: MaxMessage,
  ctx: MaxContext,
  edited: boolean,
  locale?: string | null,
): NormalizeResult {
  const skip = chatSkipReason(m.recipient.chat_type, ctx);
  if (skip) return { status: 'ignored', reason: skip };
  if (!m.sender)
    return { status: 'ignored', reason: 'a message without a sender (posted on behalf of a channel)' };
  // MAX shows a bot its own sends and other bots' messages: never customer input.
  if (m.sender.is_bot) return { status: 'ignored', reason: 'a message from a bot (ours or another)' };
  const content = messageContent(m);
  if (!content) return { status: 'ignored', reason: 'a message with no text and no attachment we read' };

  const sender = m.sender;
  const base = envelope(ctx, m.body.mid, sender, m.timestamp, locale);
  // A contact card MAX fills from the sender's own profile is their phone, vouched for by MAX.
  const ownPhone = content.contact?.userId === sender.user_id ? content.contact.phone : undefined;
  const identities: IdentityClaim[] = [...base.identities];
  if (ownPhone) identities.push({ kind: 'phone', value: ownPhone, verified: true });
  return {
    status: 'message',
    files: content.files,
    message: {
      ...base,
      sender: { ...base.sender, phone: ownPhone },
      identities,
      thread: {
        externalChatId: groupChatId(m),
        replyToExternalId: m.link?.type === 'reply' ? m.link.message.mid : undefined,
      },
      content: { kind: content.kind, text: content.text, attachments: [], location: content.location },
      flags: { edited: edited || undefined, forwarded: m.link?.type === 'forward' || undefined },
    },
  };
}

interface MappedContent {
  kind: ContentKind;
  text: string;
  files: PendingFile[];
  location?: { latitude: number; longitude: number };
  contact?: { userId?: number; phone?: string };
}

/** What the message says and which files it carries; the first attachment we read names the kind. */
function messageContent(m: MaxMessage): MappedContent | undefined {
  const text = m.body.text ?? '';
  const files: PendingFile[] = [];
  const labels: string[] = [];
  let kind: ContentKind | undefined;
  let location: MappedContent['location'];
  let contact: MappedContent['contact'];
  const mid = m.body.mid.replace(/[^\w.-]/g, '_').slice(0, 100);
  for (const [i, raw] of (m.body.attachments ?? []).entries()) {
    const parsed = MaxAttachment.safeParse(raw);
    if (!parsed.success) {
      labels.push(`[${raw.type}]`);
      kind ??= 'other';
      continue;
    }
    const a = parsed.data;
    const n = `${mid}-${i + 1}`;
    switch (a.type) {
      case 'image':
        kind ??= 'image';
        labels.push('[photo]');
        files.push({ source: 'url', url: a.payload.url, name: `image-${n}.jpg`, mimeType: 'image/jpeg' });
        break;
      case 'video':
        kind ??= 'video';
        labels.push('[video]');
        files.push({
          source: 'video',
          token: a.payload.token,
          name: `video-${n}.mp4`,
          mimeType: 'video/mp4',
        });
        break;
      case 'audio':
        kind ??= 'audio';
        labels.push(a.transcription ? `[audio: ${a.transcription}]` : '[audio]');
        files.push({ source: 'url', url: a.payload.url, name: `audio-${n}.mp3`, mimeType: 'audio/mpeg' });
        break;
      case 'file':
        kind ??= 'file';
        labels.push(`[file: ${a.filename}]`);
        files.push({
          source: 'url',
          url: a.payload.url,
          name: (a.filename || `file-${n}`).slice(0, 512),
          mimeType: 'application/octet-stream',
          size: a.size,
        });
        break;
      case 'sticker':
        kind ??= 'sticker';
        labels.push('[sticker]');
        files.push({ source: 'url', url: a.payload.url, name: `sticker-${n}.webp`, mimeType: 'image/webp' });
        break;
      case 'contact': {
        kind ??= 'contact';
        const card = readVcard(a.payload.vcf_info ?? '');
        const user = a.payload.max_info ?? undefined;
        const name = card.name || (user ? displayName(user) : '');
        contact = { userId: user?.user_id, phone: card.phone };
        labels.push(`[contact: ${[name, card.phone].filter(Boolean).join(', ') || 'no details'}]`);
        break;
      }
      case 'location':
        kind ??= 'location';
        location = { latitude: a.latitude, longitude: a.longitude };
        labels.push(`[location ${a.latitude}, ${a.longitude}]`);
        break;
      case 'share': {
        kind ??= 'text';
        const what = [a.title, a.payload.url].filter(Boolean).join(' ');
        if (what && !text.includes(a.payload.url ?? '\u0000')) labels.push(`[link: ${what}]`);
        break;
      }
      case 'inline_keyboard':
        // Buttons travel on the bot's messages; a press arrives as message_callback.
        break;
    }
  }
  if (!kind && !text) return undefined;
  return { kind: kind ?? 'text', text: text || labels.join(' '), files, location, contact };
}

/** FN and the first TEL of a vCard (RFC 6350), unfolded; enough for a contact card MAX sends. */
export function readVcard(vcf: string): { name?: string; phone?: string } {
  const lines = vcf.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const value = (prop: string) =>
    lines
      .find((l) => new RegExp(`^(item\\d+\\.)?${prop}[;:]`, 'i').test(l))
      ?.replace(/^[^:]*:/, '')
      .trim();
  const phone = value('TEL')?.replace(/^tel:/i, '').slice(0, 64);
  return { name: value('FN')?.slice(0, 500) || undefined, phone: phone || undefined };
}

function displayName(u: MaxUser): string {
  return ([u.first_name, u.last_name].filter(Boolean).join(' ') || u.name || '').slice(0, 500);
}

function envelope(
  ctx: MaxContext,
  externalId: string,
  from: MaxUser,
  sentAtMs: number,
  locale?: string | null,
) {
  const identities: IdentityClaim[] = [{ kind: 'max', value: String(from.user_id), verified: true }];
  return {
    version: 1 as const,
    id: messageId('max', ctx.account, externalId),
    channel: 'max' as const,
    account: ctx.account,
    externalId,
    direction: 'inbound' as const,
    sentAt: new Date(sentAtMs).toISOString(),
    receivedAt: ctx.receivedAt.toISOString(),
    sender: {
      externalId: String(from.user_id),
      displayName: displayName(from) || undefined,
      username: from.username ?? undefined,
      locale: locale ?? undefined,
    },
    identities,
  };
}

/**
 * The chat a reply goes to when it is not the customer's dialog with the bot. Dialog
 * replies are addressed to the user (`POST /messages?user_id=`), group replies to the chat.
 */
function groupChatId(m: MaxMessage | null | undefined): string | undefined {
  const r = m?.recipient;
  return r && r.chat_type !== 'dialog' && r.chat_id != null ? String(r.chat_id) : undefined;
}

function chatSkipReason(type: string, ctx: MaxContext): string | undefined {
  if (type === 'dialog') return undefined;
  if (type === 'chat' && ctx.acceptGroupChats) return undefined;
  if (type === 'channel') return 'channel posts are not customer conversations';
  return `a ${type} (group chats are not accepted for this account)`;
}
