import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Bus, DLQ_HEADERS } from '@omni/bus';
import {
  type AttachmentRef,
  DeliveryReport,
  dlqTopic,
  errorMessage,
  OmniError,
  type OutboundMessage,
  TOPICS,
} from '@omni/contracts';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  acceptRawBodies,
  badRequest,
  type Logger,
  notFound,
  type OmniConfig,
  type OutboundGuard,
  PlatformError,
  publishInbound,
  type SendResult,
  type ServiceModule,
  startOutboundConsumer,
  storeRemoteFile,
  unauthorized,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { ZodError } from 'zod';
import { KNOWN_EVENTS, parseLosslessJson, ViberCallback, ViberEventName } from './callback.schema';
import { normalizeCallback, type PendingMedia } from './normalize';
import { OutboundTokenRepository, type OutboundTokenStore } from './outbound-token.repository';
import { ViberApi } from './viber-api';

export interface ViberAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Media and the token → message mapping of receipts live in PostgreSQL, unless injected. */
  pool?: Pool;
  blobs?: BlobStore;
  tokens?: OutboundTokenStore;
  now?: () => Date;
  fetchImpl?: typeof fetch;
  /** Media URLs come from payloads: fetched under this policy (default: no allowlist). */
  outboundGuard?: OutboundGuard;
  outbound?: { maxAttempts?: number; initialBackoffMs?: number; groupId?: string };
}

/** Tries of a media download before the message is published without it. */
const MAX_MEDIA_ATTEMPTS = 5;
/** Viber's limit for one text message. */
const MAX_TEXT = 7000;
/** Multi-part replies whose progress is remembered across retries. */
const MAX_TRACKED = 1000;
/** Every callback kind we handle; `message` and `webhook` are always sent. */
const EVENT_TYPES = [
  'delivered',
  'seen',
  'failed',
  'subscribed',
  'unsubscribed',
  'conversation_started',
] as const;

export const viberWebhookPath = (account: string) => `/channels/viber/${account}/webhook`;

/**
 * The Viber channel: `POST /channels/viber/{account}/webhook` verified by
 * `X-Viber-Content-Signature` over the raw bytes, media stored at ingestion, receipts of
 * our replies turned into delivery reports, replies from `omni.outbound.viber.v1`.
 */
export function buildViberAdapter(deps: ViberAdapterDeps): ServiceModule {
  const { config, bus, now = () => new Date() } = deps;
  const log = deps.log.child({ channel: 'viber' });
  if (!deps.pool && (!deps.blobs || !deps.tokens))
    throw new Error('the Viber adapter needs a database (media, receipt mapping)');
  const blobs = deps.blobs ?? new PgBlobStore(deps.pool as Pool);
  const tokens = deps.tokens ?? new OutboundTokenRepository(deps.pool as Pool);
  const accounts = new Map(
    config.channels.viber.map((a) => [
      a.account,
      { cfg: a, api: new ViberApi(a.apiRoot, a.authToken, deps.fetchImpl) },
    ]),
  );
  type Account = NonNullable<ReturnType<typeof accounts.get>>;
  /** Failed media downloads per message (in memory: a retry usually reaches the same replica). */
  const mediaFailures = new Map<string, number>();

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);
    app.post<{ Params: { account: string } }>('/channels/viber/:account/webhook', async (request, reply) => {
      const acc = accounts.get(request.params.account);
      if (!acc) throw notFound(`no Viber account named "${request.params.account}"`);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!signatureMatches(request.headers['x-viber-content-signature'], body, acc.cfg.authToken)) {
        throw unauthorized('the X-Viber-Content-Signature header is missing or does not match the body');
      }
      let raw: unknown;
      try {
        raw = parseLosslessJson(body.toString('utf8'));
      } catch (err) {
        throw badRequest(`the request body is not valid JSON: ${errorMessage(err)}`);
      }
      const outcome = await handleCallback(acc, raw);
      return reply.code(200).send({ status: 0, outcome });
    });
  };

  async function handleCallback(acc: Account, raw: unknown): Promise<string> {
    const account = acc.cfg.account;
    const name = ViberEventName.safeParse(raw);
    if (!name.success) throw badRequest('the body is not a Viber callback (no "event")');
    if (!(KNOWN_EVENTS as readonly string[]).includes(name.data.event)) {
      log.debug({ account, event: name.data.event }, 'unknown Viber event acknowledged and ignored');
      return 'ignored';
    }
    const parsed = ViberCallback.safeParse(raw);
    if (!parsed.success)
      return deadLetter(
        account,
        raw,
        `the ${name.data.event} callback does not match Viber's shape: ${parsed.error.issues[0]?.message}`,
      );
    const result = normalizeCallback(parsed.data, { account, receivedAt: now() });
    if (result.status === 'ignored') {
      log.debug({ account, event: parsed.data.event, reason: result.reason }, 'Viber event acknowledged');
      return 'ignored';
    }
    if (result.status === 'delivery') {
      const ours = await retriable('receipt-lookup-failed', () => tokens.find(account, result.token));
      if (!ours) {
        log.debug(
          { account, event: result.event, token: result.token },
          'receipt for a message we do not track; ignored',
        );
        return 'ignored';
      }
      const report = DeliveryReport.parse({
        version: 1,
        messageId: ours.messageId,
        ticketId: ours.ticketId,
        channel: 'viber',
        account,
        status: result.event === 'seen' ? 'read' : result.event,
        externalId: result.token,
        error:
          result.event === 'failed'
            ? {
                code: 'viber-failed',
                message: result.desc || 'Viber could not deliver the message',
                retriable: false,
              }
            : undefined,
        occurredAt: result.occurredAt,
      });
      await retriable('bus-unavailable', () =>
        bus.publish(TOPICS.delivery, [{ key: ours.ticketId, value: report }]),
      );
      return 'delivery';
    }
    // Media that keeps failing must not block the message forever: after a few tries it
    // goes out with that attachment marked skipped.
    const key = `${account}:${result.message.externalId}`;
    const giveUp = (mediaFailures.get(key) ?? 0) >= MAX_MEDIA_ATTEMPTS;
    const attachments: AttachmentRef[] = [];
    try {
      for (const f of result.files) attachments.push(await fetchMedia(acc, f, giveUp));
    } catch (err) {
      const count = (mediaFailures.get(key) ?? 0) + 1;
      mediaFailures.delete(key); // re-inserted last: the map keeps the most recent failures
      mediaFailures.set(key, count);
      if (mediaFailures.size > 1000) mediaFailures.delete(mediaFailures.keys().next().value as string);
      throw err;
    }
    mediaFailures.delete(key);
    try {
      await publishInbound(bus, [{ ...result.message, content: { ...result.message.content, attachments } }]);
    } catch (err) {
      if (err instanceof ZodError)
        return deadLetter(account, raw, `the normalized message is not valid: ${err.issues[0]?.message}`);
      throw err;
    }
    return 'published';
  }

  async function fetchMedia(acc: Account, f: PendingMedia, giveUp: boolean): Promise<AttachmentRef> {
    let url: URL;
    try {
      url = new URL(f.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(url.protocol);
    } catch {
      return {
        name: f.name,
        mimeType: f.mimeType,
        size: f.size ?? 0,
        skipped: 'the media URL is not an http(s) URL',
      };
    }
    try {
      return await retriable('blob-store-unavailable', () =>
        storeRemoteFile(
          blobs,
          { ...f, url: url.toString() },
          {
            maxBytes: acc.cfg.maxAttachmentBytes,
            outbound: deps.outboundGuard,
            fetchImpl: deps.fetchImpl,
          },
        ),
      );
    } catch (err) {
      // Our own store failing is never a reason to drop the file.
      if (!giveUp || (err instanceof OmniError && err.code === 'blob-store-unavailable')) throw err;
      log.warn(
        { account: acc.cfg.account, err: errorMessage(err) },
        'media kept failing; the message goes out without it',
      );
      const reason = `download failed ${MAX_MEDIA_ATTEMPTS} times: ${errorMessage(err)}`.slice(0, 500);
      return { name: f.name, mimeType: f.mimeType, size: f.size ?? 0, skipped: reason };
    }
  }

  async function deadLetter(account: string, raw: unknown, reason: string): Promise<string> {
    await retriable('bus-unavailable', () =>
      bus.publish(dlqTopic(TOPICS.inbound), [
        {
          key: `viber:${account}`,
          value: { channel: 'viber', account, reason, payload: raw },
          headers: {
            [DLQ_HEADERS.reason]: reason.slice(0, 500),
            [DLQ_HEADERS.failedAt]: now().toISOString(),
            // Never consumed: the adapter itself gave up on it before publishing.
            [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
            [DLQ_HEADERS.groupId]: 'adapter-viber',
          },
        },
      ]),
    );
    log.warn({ account, reason }, 'Viber callback dead-lettered');
    return 'dead-lettered';
  }

  // Resumes a multi-part reply after a retry instead of sending its first parts twice.
  const progress = new Map<string, { done: number; firstToken?: string }>();

  async function send(message: OutboundMessage): Promise<SendResult> {
    const acc = accounts.get(message.account);
    if (!acc)
      throw new PlatformError('unknown-account', `no Viber account named "${message.account}"`, {
        retriable: false,
      });
    if (message.content.attachments.some((a) => a.blobId)) {
      throw new PlatformError(
        'viber-attachments-unsupported',
        'Viber fetches files from a public URL, and stored attachments have none',
        {
          retriable: false,
        },
      );
    }
    const chunks = splitText(message.content.text.trim());
    if (chunks.length === 0)
      throw new PlatformError('empty-reply', 'the reply has no text', { retriable: false });
    const state = progress.get(message.id) ?? { done: 0 };
    progress.set(message.id, state);
    // Bounded: a reply that finally failed leaves its entry behind; the oldest go first.
    if (progress.size > MAX_TRACKED) progress.delete(progress.keys().next().value as string);
    const sender = {
      name: acc.cfg.senderName,
      ...(acc.cfg.senderAvatar ? { avatar: acc.cfg.senderAvatar } : {}),
    };
    for (; state.done < chunks.length; state.done++) {
      const token = await acc.api.sendMessage({
        receiver: message.recipient.externalId,
        min_api_version: 1,
        sender,
        tracking_data: message.id,
        type: 'text',
        text: chunks[state.done],
      });
      if (token) {
        state.firstToken ??= token;
        await rememberToken(message, token);
      }
    }
    progress.delete(message.id);
    return { externalId: state.firstToken };
  }

  /**
   * The mapping only serves receipts; the message itself is sent. Retrying the send because
   * this write failed would deliver it twice, so after a few tries the receipts are given up.
   */
  async function rememberToken(message: OutboundMessage, token: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await tokens.remember(message.account, token, message.id, message.ticketId);
      } catch (err) {
        if (attempt >= 3) {
          log.error(
            { err, messageId: message.id },
            'could not record the Viber token: its receipts will be ignored',
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  async function registerWebhooks(): Promise<void> {
    for (const { cfg, api } of accounts.values()) {
      if (!cfg.webhookBaseUrl) continue;
      const url = new URL(viberWebhookPath(cfg.account), cfg.webhookBaseUrl).toString();
      try {
        await api.setWebhook(url, EVENT_TYPES);
        log.info({ account: cfg.account, url }, 'webhook registered with Viber');
      } catch (err) {
        // Not fatal: Viber keeps the previous webhook; a later start registers again.
        log.error({ account: cfg.account, err: errorMessage(err) }, 'set_webhook failed');
      }
    }
  }

  return {
    name: 'adapter-viber',
    routes,
    async start() {
      await startOutboundConsumer({ bus, channel: 'viber', log, send, ...deps.outbound });
      await tokens
        .prune()
        .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'pruning old Viber tokens failed'));
      // After the server listens: Viber calls the webhook while set_webhook runs.
      await registerWebhooks();
    },
  };
}

/** Lower-case hex HMAC-SHA256 of the raw body with the auth token, compared in constant time. */
export function signatureMatches(header: unknown, body: Buffer, authToken: string): boolean {
  if (typeof header !== 'string' || !/^[0-9a-fA-F]{64}$/.test(header)) return false;
  const expected = createHmac('sha256', authToken).update(body).digest();
  return timingSafeEqual(Buffer.from(header, 'hex'), expected);
}

function splitText(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + MAX_TEXT, text.length);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks;
}

/** A dependency failure that a later delivery of the same callback can get past: 503 for Viber. */
async function retriable<T>(code: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof OmniError) throw err;
    throw new OmniError(code, `${code}: ${errorMessage(err)}`, { retriable: true, cause: err });
  }
}
