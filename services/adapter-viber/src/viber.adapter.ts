import type { Bus } from '@omni/bus';
import {
  type AttachmentRef,
  DeliveryReport,
  ERROR_CODES,
  type ErrorCode,
  errorMessage,
  hasErrorCode,
  OmniError,
  TOPICS,
} from '@omni/contracts';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  AttemptCounter,
  acceptRawBodies,
  badRequest,
  channelAccounts,
  deadLetterIntake,
  hmacSha256Matches,
  type IntakeContext,
  type Logger,
  notFound,
  type OmniConfig,
  type OutboundGuard,
  publishNormalized,
  ReplyProgress,
  type ServiceModule,
  startOutboundConsumer,
  storeRemoteFile,
  unauthorized,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { ViberAccount } from './config';
import { normalizeCallback, type PendingMedia } from './normalize';
import { OutboundTokenRepository, type OutboundTokenStore } from './outbound-token.repository';
import { createSender } from './send';
import { parseLosslessJson, readCallback } from './viber.schema';
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
    channelAccounts(config, 'viber', ViberAccount).map((a) => [
      a.account,
      { cfg: a, api: new ViberApi(a.apiRoot, a.authToken, deps.fetchImpl) },
    ]),
  );
  type Account = NonNullable<ReturnType<typeof accounts.get>>;
  const intake: IntakeContext = { bus, channel: 'viber', log, now };
  const downloads = new AttemptCounter(MAX_MEDIA_ATTEMPTS);

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
    const read = readCallback(raw);
    if (read.kind === 'not-a-callback') throw badRequest('the body is not a Viber callback (no "event")');
    if (read.kind === 'unknown-event') {
      log.debug({ account, event: read.event }, 'unknown Viber event acknowledged and ignored');
      return 'ignored';
    }
    if (read.kind === 'malformed') {
      await deadLetterIntake(intake, { account, reason: read.reason, payload: raw, key: `viber:${account}` });
      return 'dead-lettered';
    }
    const result = normalizeCallback(read.callback, { account, receivedAt: now() });
    if (result.status === 'ignored') {
      log.debug({ account, event: read.callback.event, reason: result.reason }, 'Viber event acknowledged');
      return 'ignored';
    }
    if (result.status === 'delivery') {
      const ours = await retriable(ERROR_CODES.receiptLookupFailed, () => tokens.find(account, result.token));
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
      await retriable(ERROR_CODES.busUnavailable, () =>
        bus.publish(TOPICS.delivery, [{ key: ours.ticketId, value: report }]),
      );
      return 'delivery';
    }
    // Media that keeps failing must not block the message forever: after a few tries it
    // goes out with that attachment marked skipped.
    const key = `${account}:${result.message.externalId}`;
    const giveUp = downloads.exhausted(key);
    const attachments: AttachmentRef[] = [];
    try {
      for (const f of result.files) attachments.push(await fetchMedia(acc, f, giveUp));
    } catch (err) {
      downloads.failed(key);
      throw err;
    }
    downloads.succeeded(key);
    const { deadLettered } = await publishNormalized(intake, [
      { ...result.message, content: { ...result.message.content, attachments } },
    ]);
    return deadLettered > 0 ? 'dead-lettered' : 'published';
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
      return await retriable(ERROR_CODES.blobStoreUnavailable, () =>
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
      if (!giveUp || hasErrorCode(err, ERROR_CODES.blobStoreUnavailable)) throw err;
      log.warn(
        { account: acc.cfg.account, err: errorMessage(err) },
        'media kept failing; the message goes out without it',
      );
      const reason = `download failed ${MAX_MEDIA_ATTEMPTS} times: ${errorMessage(err)}`.slice(0, 500);
      return { name: f.name, mimeType: f.mimeType, size: f.size ?? 0, skipped: reason };
    }
  }

  const progress = new ReplyProgress();
  const send = createSender({
    accounts: new Map([...accounts].map(([name, a]) => [name, { ...a.cfg, api: a.api }])),
    tokens,
    progress,
    log,
  });

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
      await startOutboundConsumer({ bus, channel: 'viber', log, send, progress, ...deps.outbound });
      await tokens
        .prune()
        .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'pruning old Viber tokens failed'));
      // After the server listens: Viber calls the webhook while set_webhook runs.
      await registerWebhooks();
    },
  };
}

/** `X-Viber-Content-Signature`: lower-case hex HMAC-SHA256 of the raw body with the auth token. */
export function signatureMatches(header: unknown, body: Buffer, authToken: string): boolean {
  return hmacSha256Matches(body, header, authToken);
}

/** A dependency failure that a later delivery of the same callback can get past: 503 for Viber. */
async function retriable<T>(code: ErrorCode, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof OmniError) throw err;
    throw new OmniError(code, `${code}: ${errorMessage(err)}`, { retriable: true, cause: err });
  }
}
