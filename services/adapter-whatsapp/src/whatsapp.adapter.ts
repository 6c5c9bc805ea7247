import {
  type AttachmentRef,
  type DeliveryReport,
  ERROR_CODES,
  errorMessage,
  type InboundMessageInput,
  isRetriable,
  OmniError,
} from '@omni/contracts';
import { hubChallenge, verifyHubSignature } from '@omni/meta';
import {
  type AdapterDeps,
  AttemptCounter,
  acceptRawBodies,
  badRequest,
  channelAccounts,
  deadLetterIntake,
  downloadLimited,
  type IntakeContext,
  notFound,
  parseJsonBody,
  publishDeliveryReports,
  publishNormalized,
  ReplyProgress,
  type ServiceModule,
  startOutboundConsumer,
  unauthorized,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { WhatsAppAccount } from './config';
import { type MediaRef, normalizeWebhook } from './normalize';
import { createSender } from './send';
import { WebhookBody } from './whatsapp.schema';
import { WhatsAppClient } from './whatsapp-api';

export type WhatsAppAdapterDeps = AdapterDeps;

/** Failed tries of one media file before the message goes on without it (marked skipped). */
const MEDIA_ATTEMPTS = 3;

/**
 * The WhatsApp Cloud API channel: `GET|POST /channels/whatsapp/{account}/webhook` for
 * intake (messages, their media, statuses of our sends), the Cloud API for replies
 * consumed from `omni.outbound.whatsapp.v1`.
 */
export function buildWhatsAppAdapter(deps: WhatsAppAdapterDeps): ServiceModule {
  const { bus, blobs, now = () => new Date(), fetchImpl } = deps;
  const log = deps.log.child({ channel: 'whatsapp' });
  const accounts = new Map(
    channelAccounts(deps.config, 'whatsapp', WhatsAppAccount).map((a) => [a.account, a]),
  );
  const intake: IntakeContext = { bus, channel: 'whatsapp', log, now };
  const clients = new Map(
    [...accounts.values()].map((a) => [
      a.account,
      new WhatsAppClient(a.phoneNumberId, {
        apiRoot: a.apiRoot,
        graphVersion: a.graphVersion,
        accessToken: a.accessToken,
        fetchImpl,
        rateLimitDelayMs: deps.outbound?.rateLimitDelayMs,
      }),
    ]),
  );
  const mediaAttempts = new AttemptCounter(MEDIA_ATTEMPTS);

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);
    const accountOf = (name: string) => {
      const account = accounts.get(name);
      if (!account) throw notFound(`no whatsapp account named "${name}"`);
      return account;
    };

    // Subscription handshake: Meta proves it knows the verify token, we echo the challenge.
    app.get<{ Params: { account: string }; Querystring: Record<string, unknown> }>(
      '/channels/whatsapp/:account/webhook',
      async (request, reply) => {
        const challenge = hubChallenge(request.query, accountOf(request.params.account).verifyToken);
        return reply.code(200).type('text/plain; charset=utf-8').send(challenge);
      },
    );

    app.post<{ Params: { account: string } }>(
      '/channels/whatsapp/:account/webhook',
      async (request, reply) => {
        const account = accountOf(request.params.account);
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers['x-hub-signature-256'];
        if (!verifyHubSignature(raw, typeof header === 'string' ? header : undefined, account.appSecret))
          throw unauthorized('X-Hub-Signature-256 is missing or does not match the body');
        const body = parseJsonBody(raw);
        const parsed = WebhookBody.safeParse(body);
        if (!parsed.success) throw badRequest('the body is not a WhatsApp webhook payload (object, entry[])');
        // One app's webhook carries every number of its business account: each change names its number.
        const numbers = new Map(
          [...accounts.values()]
            .filter((a) => a.appSecret === account.appSecret)
            .map((a) => [a.phoneNumberId, a.account]),
        );
        const results = normalizeWebhook(parsed.data, { accounts: numbers, receivedAt: now() });

        const messages = new Map<string, { message: InboundMessageInput; media: MediaRef[] }>();
        const reports: DeliveryReport[] = [];
        const malformed: string[] = [];
        for (const r of results) {
          if (r.type === 'message') messages.set(r.message.id, r);
          else if (r.type === 'delivery') reports.push(r.report);
          else if (r.type === 'ignored')
            log.debug(
              { account: account.account, event: r.event, reason: r.reason },
              'event acknowledged and ignored',
            );
          else malformed.push(r.reason);
        }
        const ready = await Promise.all(
          [...messages.values()].map(async ({ message, media }) => withMedia(message, media)),
        );
        await publishNormalized(intake, ready);
        // The good messages of the batch go on; the request itself is kept for the bad ones.
        if (malformed.length > 0)
          await deadLetterIntake(intake, {
            account: account.account,
            reason: `malformed messages: ${malformed.join('; ')}`,
            payload: body,
          });
        await publishDeliveryReports(intake, reports);
        log.debug(
          {
            account: account.account,
            messages: ready.length,
            reports: reports.length,
            events: results.length,
          },
          'webhook accepted',
        );
        return reply.code(200).type('text/plain; charset=utf-8').send('EVENT_RECEIVED');
      },
    );
  };

  /** Each media file fetched through the Media API and stored now (its URL lives minutes, its id 30 days). */
  async function withMedia(message: InboundMessageInput, media: MediaRef[]): Promise<InboundMessageInput> {
    if (media.length === 0) return message;
    const account = accounts.get(message.account) as WhatsAppAccount;
    const client = clients.get(message.account) as WhatsAppClient;
    const attachments = await Promise.all(
      media.map(async (m): Promise<AttachmentRef> => {
        const skipped = (why: string): AttachmentRef => ({
          name: m.name,
          mimeType: m.mimeType,
          size: 0,
          skipped: why.slice(0, 500),
        });
        // 1. Where the file is (a refusal is final; a Graph outage is worth another try).
        // 2. The bytes (too large or refused: skipped; network or 5xx: another try).
        // 3. Stored: a blob store that fails is never a reason to drop the file (503, Meta retries).
        let data: Buffer;
        try {
          const info = await client.media(m.id);
          if (info.file_size !== undefined && info.file_size > account.maxAttachmentBytes)
            return skipped(`larger than the ${account.maxAttachmentBytes}-byte limit`);
          const got = await downloadLimited(info.url, {
            maxBytes: account.maxAttachmentBytes,
            headers: client.authorization,
            outbound: deps.outboundGuard,
            timeoutMs: 15_000,
          });
          if (!got.ok) return skipped(got.reason);
          data = got.data;
        } catch (err) {
          if (!isRetriable(err)) return skipped(`the Media API refused it: ${errorMessage(err)}`);
          // Meta retries the webhook on a 5xx: a few times, then the message goes on without the file.
          mediaAttempts.failed(m.id);
          if (mediaAttempts.exhausted(m.id)) {
            log.warn(
              { account: message.account, mediaId: m.id, err },
              'media download kept failing; recorded as skipped',
            );
            return skipped(`download failed ${MEDIA_ATTEMPTS} times: ${errorMessage(err)}`);
          }
          throw err;
        }
        mediaAttempts.succeeded(m.id);
        try {
          const stored = await blobs.put(data);
          return {
            name: m.name,
            mimeType: m.mimeType,
            blobId: stored.id,
            sha256: stored.sha256,
            size: stored.size,
          };
        } catch (err) {
          throw new OmniError(ERROR_CODES.blobStoreUnavailable, 'storing a media file failed', {
            retriable: true,
            cause: err,
          });
        }
      }),
    );
    return { ...message, content: { ...message.content, attachments } };
  }

  const progress = new ReplyProgress();
  const send = createSender({ accounts, clients, blobs, progress });

  return {
    name: 'adapter-whatsapp',
    routes,
    async start() {
      if (accounts.size === 0) return;
      await startOutboundConsumer({
        bus,
        channel: 'whatsapp',
        log,
        send,
        progress,
        now,
        ...deps.outbound,
      });
    },
  };
}
