import {
  type ContentKind,
  type DeliveryReport,
  deterministicId,
  type IdentityClaim,
  type InboundMessageInput,
  messageId,
} from '@omni/contracts';
import { issueSummary, ourMessageId } from '@omni/meta';
import {
  Change,
  Contact,
  Entry,
  type Media,
  Message,
  Status,
  Value,
  type WaError,
  type WebhookBody,
} from './whatsapp.schema';

export interface WhatsAppContext {
  /** The configured business numbers: phone number id → account name. */
  accounts: ReadonlyMap<string, string>;
  receivedAt: Date;
}

/** A media object to fetch through the Media API before publishing (its URL is short-lived). */
export interface MediaRef {
  id: string;
  name: string;
  mimeType: string;
}

/** What each message or status of a webhook became: every one ends in exactly one of these, on purpose. */
export type Normalized =
  | { type: 'message'; message: InboundMessageInput; media: MediaRef[] }
  | { type: 'delivery'; report: DeliveryReport }
  | { type: 'ignored'; event: string; reason: string }
  | { type: 'invalid'; reason: string };

/** Message types that are not a person writing to us: dropped on purpose. */
const IGNORED_TYPES: Record<string, string> = {
  system: 'a system notice (the customer changed their number): no message to store',
  request_welcome: 'the customer opened the chat for the first time: nothing written yet',
};

/**
 * A webhook body → one result per message and per status. Pure: no I/O, no clock. Each
 * entry, change, message and status is validated on its own, so a malformed message is
 * reported as `invalid` while its neighbours still become messages.
 */
export function normalizeWebhook(body: WebhookBody, ctx: WhatsAppContext): Normalized[] {
  if (body.object !== 'whatsapp_business_account')
    return [
      {
        type: 'ignored',
        event: `object:${body.object.slice(0, 50)}`,
        reason: 'not a WhatsApp Business Account subscription',
      },
    ];
  const out: Normalized[] = [];
  for (const rawEntry of body.entry) {
    const entry = Entry.safeParse(rawEntry);
    if (!entry.success) {
      out.push({ type: 'invalid', reason: `entry: ${issueSummary(entry.error)}` });
      continue;
    }
    for (const rawChange of entry.data.changes) out.push(...normalizeChange(rawChange, ctx));
  }
  return out;
}

function normalizeChange(raw: unknown, ctx: WhatsAppContext): Normalized[] {
  const change = Change.safeParse(raw);
  if (!change.success) return [{ type: 'invalid', reason: `change: ${issueSummary(change.error)}` }];
  if (change.data.field !== 'messages')
    return [
      { type: 'ignored', event: change.data.field.slice(0, 64), reason: 'not a messages notification' },
    ];
  const value = Value.safeParse(change.data.value);
  if (!value.success) return [{ type: 'invalid', reason: `messages value: ${issueSummary(value.error)}` }];
  const v = value.data;
  const account = ctx.accounts.get(v.metadata.phone_number_id);
  if (!account)
    return [
      {
        type: 'ignored',
        event: 'messages',
        reason: `phone number id ${v.metadata.phone_number_id.slice(0, 64)} is not configured here`,
      },
    ];
  const names = profileNames(v.contacts);
  const out: Normalized[] = [];
  for (const raw of v.messages) out.push(normalizeMessage(raw, account, names, ctx));
  for (const raw of v.statuses) out.push(normalizeStatus(raw, account, ctx));
  for (const _ of v.errors)
    out.push({
      type: 'ignored',
      event: 'errors',
      reason: 'an error notice about the business account, not a message',
    });
  return out;
}

interface Profile {
  name?: string;
  username?: string;
}

/** `contacts[]`: profile names by wa_id and by business-scoped user id. */
function profileNames(contacts: unknown[]): Map<string, Profile> {
  const names = new Map<string, Profile>();
  for (const raw of contacts) {
    const c = Contact.safeParse(raw);
    if (!c.success) continue;
    const profile = { name: c.data.profile?.name, username: c.data.profile?.username };
    if (c.data.wa_id) names.set(c.data.wa_id, profile);
    if (c.data.user_id) names.set(c.data.user_id, profile);
  }
  return names;
}

function normalizeMessage(
  raw: unknown,
  account: string,
  names: Map<string, Profile>,
  ctx: WhatsAppContext,
): Normalized {
  const parsed = Message.safeParse(raw);
  if (!parsed.success) return { type: 'invalid', reason: `message: ${issueSummary(parsed.error)}` };
  const m = parsed.data;
  const ignored = IGNORED_TYPES[m.type];
  if (ignored) return { type: 'ignored', event: m.type, reason: ignored };
  const waId = m.from && /^\d{1,20}$/.test(m.from) ? m.from : undefined;
  const bsuid = m.from_user_id ?? (m.from && !waId ? m.from : undefined);
  // Replies go to the number while we have it, else to the business-scoped id.
  const senderId = waId ?? bsuid;
  if (!senderId)
    return { type: 'invalid', reason: 'message: neither from nor from_user_id names the sender' };
  const profile = names.get(senderId) ?? (bsuid ? names.get(bsuid) : undefined) ?? {};
  const identities: IdentityClaim[] = [];
  if (waId) {
    // wa_id is the phone number as WhatsApp verified it: E.164 once the "+" is back.
    identities.push({ kind: 'phone', value: `+${waId}`, verified: true });
    identities.push({ kind: 'whatsapp', value: waId, verified: true });
  }
  if (bsuid) identities.push({ kind: 'whatsapp', value: bsuid, verified: true });
  const content = contentOf(m);
  return {
    type: 'message',
    message: {
      version: 1,
      id: messageId('whatsapp', account, m.id),
      channel: 'whatsapp',
      account,
      externalId: m.id,
      direction: 'inbound',
      sentAt: toIso(m.timestamp, ctx.receivedAt),
      receivedAt: ctx.receivedAt.toISOString(),
      sender: {
        externalId: senderId,
        displayName: profile.name?.slice(0, 500),
        username: profile.username?.slice(0, 255),
        phone: waId ? `+${waId}` : undefined,
      },
      identities,
      thread: {
        externalChatId: senderId,
        replyToExternalId: m.reaction?.message_id ?? m.context?.id,
      },
      content: {
        kind: content.kind,
        text: content.text,
        attachments: [],
        location: content.location,
        payload: content.payload,
      },
      flags: m.context?.forwarded || m.context?.frequently_forwarded ? { forwarded: true } : {},
    },
    media: content.media,
  };
}

interface Mapped {
  kind: ContentKind;
  text: string;
  media: MediaRef[];
  location?: { latitude: number; longitude: number; title?: string; address?: string };
  payload?: string;
}

const MEDIA_KINDS = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  voice: 'voice',
  document: 'file',
  sticker: 'sticker',
} as const;

/** One message type → content (README, "Every message type and what it becomes"). */
function contentOf(m: Message): Mapped {
  const none: MediaRef[] = [];
  if (m.type === 'text') return { kind: 'text', text: m.text?.body ?? '', media: none };
  if (m.type in MEDIA_KINDS) {
    const type = m.type as keyof typeof MEDIA_KINDS;
    const media = m[type];
    if (!media) return other(m, `the ${type} object is missing`);
    const kind = type === 'audio' && media.voice ? 'voice' : MEDIA_KINDS[type];
    return { kind, text: media.caption ?? '', media: [mediaRef(type, media)] };
  }
  if (
    m.type === 'location' &&
    m.location &&
    Math.abs(m.location.latitude) <= 90 &&
    Math.abs(m.location.longitude) <= 180
  ) {
    const { latitude, longitude, name, address } = m.location;
    const label = [name, address].filter(Boolean).join(', ');
    return {
      kind: 'location',
      text: `[location ${latitude}, ${longitude}${label ? ` ${label}` : ''}]`,
      media: none,
      location: { latitude, longitude, title: name?.slice(0, 500), address: address?.slice(0, 1000) },
    };
  }
  if (m.type === 'contacts' && m.contacts) {
    const lines = m.contacts.map((c) => {
      const phones = (c.phones ?? []).map((p) => p.phone).filter(Boolean);
      const emails = (c.emails ?? []).map((e) => e.email).filter(Boolean);
      return `[contact: ${[c.name?.formatted_name, ...phones, ...emails].filter(Boolean).join(', ')}]`;
    });
    return { kind: 'contact', text: lines.join('\n'), media: none };
  }
  if (m.type === 'interactive' && m.interactive) {
    const reply = m.interactive.button_reply ?? m.interactive.list_reply;
    if (reply) return { kind: 'postback', text: reply.title, payload: reply.id, media: none };
  }
  if (m.type === 'button' && m.button)
    return { kind: 'postback', text: m.button.text, payload: m.button.payload, media: none };
  if (m.type === 'reaction' && m.reaction) {
    // An empty emoji is the person taking their reaction back.
    return { kind: 'reaction', text: m.reaction.emoji || '[reaction removed]', media: none };
  }
  if (m.type === 'unsupported') {
    const why = m.errors?.[0];
    return other(
      m,
      why ? `${why.title ?? ''}${why.error_data?.details ? ` — ${why.error_data.details}` : ''}` : undefined,
    );
  }
  return other(m);
}

/** Kept as a reference, never lost: types we do not map (orders, unsupported content…). */
function other(m: Message, why?: string): Mapped {
  const caption = m.text?.body;
  return {
    kind: 'other',
    text: [`[${m.type}${why ? `: ${why}` : ''}]`, caption].filter(Boolean).join('\n'),
    media: [],
  };
}

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
};
const FALLBACK_MIME: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg',
  voice: 'audio/ogg',
  document: 'application/octet-stream',
  sticker: 'image/webp',
};

function mediaRef(type: string, media: Media): MediaRef {
  // The Cloud API sends `audio/ogg; codecs=opus`: the parameters are not part of the type.
  const mimeType =
    (media.mime_type?.split(';')[0]?.trim() || FALLBACK_MIME[type]) ?? 'application/octet-stream';
  const name =
    media.filename?.slice(0, 200) ||
    `${type}-${media.id.slice(0, 40)}${EXT[mimeType] ? `.${EXT[mimeType]}` : ''}`;
  return { id: media.id, name, mimeType };
}

const STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

/** A status of one of our sends → a delivery report naming our message (`biz_opaque_callback_data`) and its wamid. */
function normalizeStatus(raw: unknown, account: string, ctx: WhatsAppContext): Normalized {
  const parsed = Status.safeParse(raw);
  if (!parsed.success) return { type: 'invalid', reason: `status: ${issueSummary(parsed.error)}` };
  const s = parsed.data;
  const status = STATUSES.find((k) => k === s.status);
  if (!status)
    return { type: 'ignored', event: `status:${s.status}`, reason: 'not a delivery state we track' };
  const ours = ourMessageId(s.biz_opaque_callback_data);
  const error = status === 'failed' ? failure(s.errors?.[0]) : undefined;
  return {
    type: 'delivery',
    report: {
      version: 1,
      // Ours when the send carried our id; else the wamid's own id: consumers match on the wamid then.
      messageId: ours ?? deterministicId('whatsapp', account, 'status', s.id),
      channel: 'whatsapp',
      account,
      status,
      externalId: s.id,
      recipientExternalId: s.recipient_id ?? s.recipient_user_id,
      error,
      occurredAt: toIso(s.timestamp, ctx.receivedAt),
    },
  };
}

/** Meta's code and text (`131047 Re-engagement message`), permanent: the platform already gave up. */
function failure(e: WaError | undefined): DeliveryReport['error'] {
  if (!e)
    return {
      code: 'graph-unknown',
      message: 'WhatsApp reported the message failed without a reason',
      retriable: false,
    };
  const text = [e.title, e.message !== e.title ? e.message : undefined, e.error_data?.details]
    .filter(Boolean)
    .join(' — ');
  return { code: `graph-${e.code}`, message: (text || `error ${e.code}`).slice(0, 2000), retriable: false };
}

/** Seconds → ISO; an unusable value falls back to the receive time. */
function toIso(seconds: number, fallback: Date): string {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() > 2000 && d.getUTCFullYear() < 3000 ? d.toISOString() : fallback.toISOString();
}
