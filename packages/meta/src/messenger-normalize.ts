import {
  type ContentKind,
  type DeliveryReport,
  deterministicId,
  type InboundMessageInput,
  messageId,
} from '@omni/contracts';
import { z } from 'zod';
import { issueSummary } from './issue-summary';
import { Entry, type FbAttachment, MessagingEvent, type WebhookBody } from './messenger.schema';

/** The channels built on the Messenger Platform. */
export type MessengerChannel = 'facebook' | 'instagram';

/** What differs between the products of the Messenger Platform, as data and one hook. */
export interface MessengerPlatform {
  channel: MessengerChannel;
  /** The webhook `object` of this product: `page`, `instagram`. */
  object: string;
  /** Attachment types of this product only (Instagram's story mentions, reels…); undefined: the common mapping. */
  mapAttachment?: (a: FbAttachment, index: number) => MappedAttachment | undefined;
}

export interface MessengerContext {
  account: string;
  /** Our own id (the Page's, the Instagram account's): tells the customer from us in echoes. */
  ownId: string;
  receivedAt: Date;
}

/** What one attachment becomes: a content kind, a file to fetch, a location, a line of text. */
export interface MappedAttachment {
  kind: ContentKind;
  file?: RemoteFile;
  location?: { latitude: number; longitude: number; title?: string };
  line?: string;
}

/** A platform file to fetch before publishing (URLs expire, so it happens at ingestion). */
export interface RemoteFile {
  url: string;
  name: string;
  mimeType: string;
}

/** What one `messaging` event became: every event ends in exactly one (or more) of these, on purpose. */
export type Normalized =
  | { type: 'message'; message: InboundMessageInput; files: RemoteFile[] }
  | { type: 'delivery'; report: DeliveryReport }
  | { type: 'ignored'; event: string; reason: string }
  | { type: 'invalid'; reason: string };

/**
 * The prefix of what we attach to every send so that Meta's echo of it names our message
 * id: the Send API's `metadata`, the Cloud API's `biz_opaque_callback_data`.
 */
export const OMNI_METADATA_PREFIX = 'omni:';

/**
 * A webhook body → one result per event. Pure: no I/O, no clock. Each entry and each
 * event is validated on its own, so one malformed event is reported as `invalid` while
 * its neighbours still become messages.
 */
export function normalizeMessengerWebhook(
  body: WebhookBody,
  ctx: MessengerContext,
  platform: MessengerPlatform,
): Normalized[] {
  if (body.object !== platform.object)
    return [
      {
        type: 'ignored',
        event: `object:${body.object.slice(0, 50)}`,
        reason: `not a subscription of this ${platform.channel} account (object "${platform.object}")`,
      },
    ];
  const out: Normalized[] = [];
  for (const rawEntry of body.entry) {
    const entry = Entry.safeParse(rawEntry);
    if (!entry.success) {
      out.push({ type: 'invalid', reason: `entry: ${issueSummary(entry.error)}` });
      continue;
    }
    for (const _ of entry.data.standby ?? []) {
      out.push({
        type: 'ignored',
        event: 'standby',
        reason: 'handover standby channel: the thread is owned by another app',
      });
    }
    for (const rawEvent of entry.data.messaging ?? []) out.push(...normalizeEvent(rawEvent, ctx, platform));
  }
  return out;
}

type Ctx = MessengerContext & { platform: MessengerPlatform };

export function normalizeEvent(
  raw: unknown,
  context: MessengerContext,
  platform: MessengerPlatform,
): Normalized[] {
  // Named members, not a spread of `context` plus one: see `message`.
  const ctx: Ctx = {
    account: context.account,
    ownId: context.ownId,
    receivedAt: context.receivedAt,
    platform,
  };
  const parsed = MessagingEvent.safeParse(raw);
  if (!parsed.success) return [{ type: 'invalid', reason: `messaging event: ${issueSummary(parsed.error)}` }];
  const e = parsed.data;
  const echo = e.message?.is_echo === true;
  const senderId = e.sender.id;
  const recipientId = e.recipient?.id;
  // The customer is the side that is not our page (in an echo the page is the sender).
  const customer =
    senderId === ctx.ownId
      ? recipientId
      : recipientId === ctx.ownId
        ? senderId
        : echo
          ? recipientId
          : senderId;
  if (!customer) {
    // A checkbox-plugin sender is known by user_ref only, on purpose; an event naming nobody is broken.
    if (e.sender.user_ref)
      return [
        {
          type: 'ignored',
          event: eventName(e),
          reason: 'sender known only by user_ref (checkbox plugin): no page-scoped id to reply to',
        },
      ];
    return [{ type: 'invalid', reason: `${eventName(e)}: neither sender nor recipient names the customer` }];
  }
  const at = toIso(e.timestamp, ctx.receivedAt);

  if (e.message?.is_deleted)
    return [{ type: 'ignored', event: 'message_deleted', reason: 'deletions are not propagated' }];
  if (e.message) return [messageEvent(e.message, customer, at, echo, ctx)];
  if (e.message_edit) {
    return [
      {
        type: 'message',
        message: message(
          ctx,
          customer,
          e.message_edit.mid,
          at,
          { kind: 'text', text: e.message_edit.text, attachments: [] },
          { flags: { edited: true } },
        ),
        files: [],
      },
    ];
  }
  if (e.postback) {
    const p = e.postback;
    const externalId = p.mid ?? `postback:${customer}:${e.timestamp}`;
    const text = p.title ?? p.payload ?? '';
    return [
      {
        type: 'message',
        message: message(ctx, customer, externalId, at, {
          kind: 'postback',
          text,
          payload: p.payload,
          attachments: [],
        }),
        files: [],
      },
    ];
  }
  if (e.referral) {
    const r = e.referral;
    const externalId = `referral:${customer}:${e.timestamp}`;
    const text = `[referral${r.source ? ` ${r.source}` : ''}${r.ref ? `: ${r.ref}` : ''}]`;
    return [
      {
        type: 'message',
        message: message(ctx, customer, externalId, at, {
          kind: 'postback',
          text,
          payload: r.ref ?? r.ad_id,
          attachments: [],
        }),
        files: [],
      },
    ];
  }
  if (e.reaction) {
    const r = e.reaction;
    const externalId = `reaction:${r.mid}:${customer}:${r.action}:${e.timestamp}`;
    const symbol = r.emoji ?? r.reaction ?? '';
    const text =
      r.action === 'unreact'
        ? `[reaction removed${symbol ? ` ${symbol}` : ''}]`
        : symbol || `[${r.reaction ?? 'reaction'}]`;
    return [
      {
        type: 'message',
        message: message(
          ctx,
          customer,
          externalId,
          at,
          { kind: 'reaction', text, attachments: [] },
          { replyToExternalId: r.mid },
        ),
        files: [],
      },
    ];
  }
  if (e.delivery) {
    const watermark = toIso(e.delivery.watermark, ctx.receivedAt);
    const mids = e.delivery.mids ?? [];
    if (mids.length > 0)
      return mids.map((mid) => ({ type: 'delivery', report: report(ctx, customer, 'delivered', at, mid) }));
    return [{ type: 'delivery', report: watermarkReport(ctx, customer, 'delivered', at, watermark) }];
  }
  if (e.read?.mid) return [{ type: 'delivery', report: report(ctx, customer, 'read', at, e.read.mid) }];
  if (e.read?.watermark !== undefined)
    return [
      {
        type: 'delivery',
        report: watermarkReport(ctx, customer, 'read', at, toIso(e.read.watermark, ctx.receivedAt)),
      },
    ];
  return [
    {
      type: 'ignored',
      event: eventName(e, raw),
      reason: 'not a conversation event (opt-in, account linking, handover, policy…)',
    },
  ];
}

function messageEvent(
  msg: NonNullable<MessagingEvent['message']>,
  customer: string,
  at: string,
  echo: boolean,
  ctx: Ctx,
): Normalized {
  const attachments = msg.attachments ?? [];
  const files: RemoteFile[] = [];
  const lines: string[] = [];
  let kind: ContentKind = 'text';
  let location: { latitude: number; longitude: number; title?: string } | undefined;
  attachments.forEach((a, i) => {
    const mapped = ctx.platform.mapAttachment?.(a, i) ?? mapAttachment(a, i);
    if (i === 0 || kind === 'text') kind = mapped.kind;
    if (mapped.file) files.push(mapped.file);
    if (mapped.location && !location) location = mapped.location;
    if (mapped.line) lines.push(mapped.line);
  });
  if (attachments.length > 1 && new Set(attachments.map((a) => a.type)).size > 1) kind = 'other';
  if (msg.quick_reply) kind = 'postback';
  const story = msg.reply_to?.story;
  if (story) lines.push(`[reply to a story${story.url ? `: ${story.url}` : ''}]`);
  if (msg.is_unsupported) {
    kind = 'other';
    lines.push('[a message the platform does not show through its API]');
  }
  const text = [msg.text, ...lines].filter((t): t is string => !!t).join('\n');
  // An echo of our own send carries our message id in `metadata`: it then has the
  // outbound message's id, so storing it again is a no-op by the unique key.
  const ourId = echo ? ourMessageId(msg.metadata) : undefined;
  return {
    type: 'message',
    message: message(
      ctx,
      customer,
      msg.mid,
      at,
      { kind, text, attachments: [], location, payload: msg.quick_reply?.payload },
      {
        ourId,
        direction: echo ? 'outbound' : 'inbound',
        replyToExternalId: msg.reply_to?.mid ?? story?.id,
        flags: echo ? { ownMessage: true } : {},
      },
    ),
    files,
  };
}

const MIME: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/mpeg',
  file: 'application/octet-stream',
};

/** The attachment types both products share: media, locations, stickers; anything else kept as a reference. */
export function mapAttachment(a: FbAttachment, i: number): MappedAttachment {
  const url = a.payload?.url ?? a.url;
  const coordinates = a.payload?.coordinates;
  if (a.type === 'location' || coordinates) {
    if (coordinates && Math.abs(coordinates.lat) <= 90 && Math.abs(coordinates.long) <= 180) {
      const title = a.title ?? a.payload?.title;
      return {
        kind: 'location',
        location: { latitude: coordinates.lat, longitude: coordinates.long, title: title?.slice(0, 500) },
        line: `[location ${coordinates.lat}, ${coordinates.long}${title ? ` ${title}` : ''}]`,
      };
    }
    return { kind: 'location', line: `[location${url ? ` ${url}` : ''}]` };
  }
  const media = MIME[a.type];
  if (media && url && isHttpUrl(url)) {
    const name = fileName(url, `${a.type}-${i + 1}`);
    const sticker = a.payload?.sticker_id !== undefined;
    return {
      kind: sticker ? 'sticker' : (a.type as ContentKind),
      file: { url, name, mimeType: guessMime(name, media) },
    };
  }
  // `fallback` (a shared link), templates in echoes, reels, story mentions: kept as a reference.
  const title = a.title ?? a.payload?.title;
  const ref = [title, url].filter(Boolean).join(' ');
  return { kind: 'other', line: `[${a.type}${ref ? `: ${ref}` : ''}]` };
}

/**
 * A normalized message, whole in one object literal: spreading a base message and adding
 * members to the copy takes V8 (Node 20) a slow path of microseconds per object.
 */
function message(
  ctx: Ctx,
  customer: string,
  externalId: string,
  at: string,
  content: InboundMessageInput['content'],
  more: {
    /** Our own message's id, which the echo of our send takes. */
    ourId?: string;
    direction?: 'inbound' | 'outbound';
    replyToExternalId?: string;
    flags?: InboundMessageInput['flags'];
  } = {},
): InboundMessageInput {
  return {
    version: 1,
    id: more.ourId ?? messageId(ctx.platform.channel, ctx.account, externalId),
    channel: ctx.platform.channel,
    account: ctx.account,
    externalId,
    direction: more.direction ?? 'inbound',
    sentAt: at,
    receivedAt: ctx.receivedAt.toISOString(),
    // For echoes too, `sender` is the conversation's customer: the partition key and the
    // identity then resolve to the customer's conversation (direction tells who wrote).
    sender: { externalId: customer },
    // The channel's own user-id kind (traits.userIdentity): page- or account-scoped.
    identities: [{ kind: ctx.platform.channel, value: customer, verified: true }],
    thread: { externalChatId: customer, replyToExternalId: more.replyToExternalId },
    content,
    flags: more.flags,
  };
}

/**
 * A `delivered` report of one of our sends. The Send API's `message_id` is the `mid`,
 * which the `sent` report stored as the message's external id: consumers match on
 * (channel, account, externalId). `messageId` is the id the echo of that mid would have.
 */
function report(
  ctx: Ctx,
  customer: string,
  status: 'delivered' | 'read',
  at: string,
  mid: string,
): DeliveryReport {
  return {
    version: 1,
    messageId: messageId(ctx.platform.channel, ctx.account, mid),
    channel: ctx.platform.channel,
    account: ctx.account,
    status,
    externalId: mid,
    recipientExternalId: customer,
    occurredAt: at,
  };
}

/** Reads (and deliveries without mids) name a time: every message to the customer up to it. */
function watermarkReport(
  ctx: Ctx,
  customer: string,
  status: 'delivered' | 'read',
  at: string,
  watermark: string,
): DeliveryReport {
  return {
    version: 1,
    messageId: deterministicId(ctx.platform.channel, ctx.account, status, customer, watermark),
    channel: ctx.platform.channel,
    account: ctx.account,
    status,
    watermark,
    recipientExternalId: customer,
    occurredAt: at,
  };
}

export function ourMessageId(metadata: string | undefined): string | undefined {
  if (!metadata?.startsWith(OMNI_METADATA_PREFIX)) return undefined;
  const id = metadata.slice(OMNI_METADATA_PREFIX.length);
  return z.uuid().safeParse(id).success ? id : undefined;
}

function eventName(e: MessagingEvent, raw?: unknown): string {
  const known = ['message', 'message_edit', 'postback', 'referral', 'reaction', 'delivery', 'read'] as const;
  const found = known.find((k) => e[k] !== undefined);
  if (found) return found;
  if (raw && typeof raw === 'object') {
    const other = Object.keys(raw).find((k) => !['sender', 'recipient', 'timestamp'].includes(k));
    if (other) return other.slice(0, 64);
  }
  return 'unknown';
}

/** Platform time (ms; seconds in some examples) → ISO; an unusable value falls back to the receive time. */
function toIso(ts: number, fallback: Date): string {
  const ms = ts < 1e11 ? ts * 1000 : ts;
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) && d.getUTCFullYear() > 2000 && d.getUTCFullYear() < 3000
    ? d.toISOString()
    : fallback.toISOString();
}

const EXT_MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  aac: 'audio/aac',
  wav: 'audio/wav',
  pdf: 'application/pdf',
  txt: 'text/plain',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Platforms send no content type with media links: the file name's extension, else the kind's generic type. */
export function guessMime(name: string, fallback: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return EXT_MIME[ext] ?? fallback;
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function fileName(url: string, fallback: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last).slice(0, 200) : fallback;
  } catch {
    return fallback;
  }
}
