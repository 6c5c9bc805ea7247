import type { Bus } from '@omni/bus';
import { DeliveryReport, ERROR_CODES, type InboundMessageInput, OmniError, TOPICS } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  acceptRawBodies,
  badRequest,
  channelAccounts,
  deadLetterIntake,
  forbidden,
  type IntakeContext,
  type Logger,
  notFound,
  type OmniConfig,
  type OutboundGuard,
  ProfileCache,
  parseJsonBody,
  publishNormalized,
  ReplyProgress,
  type ServiceModule,
  secretMatches,
  startOutboundConsumer,
  unauthorized,
  withStoredFiles,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { FacebookAccount } from './config';
import { WebhookBody } from './facebook.schema';
import { GraphClient, type Profile } from './facebook-api';
import { type FacebookContext, normalizeWebhook, type RemoteFile } from './normalize';
import { createSender } from './send';
import { SentLog } from './sent-log';
import { verifyHubSignature } from './signature';

export interface FacebookAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Where attachments are stored at ingestion and read from for replies. */
  blobs: BlobStore;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
  fetchImpl?: typeof fetch;
  /** Attachment URLs come from payloads: fetched under this policy (default: no allowlist). */
  outboundGuard?: OutboundGuard;
  /** Outbound retry tuning (tests shorten it). */
  outbound?: {
    maxAttempts?: number;
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    rateLimitDelayMs?: number;
    groupId?: string;
  };
}

/**
 * The Facebook Messenger channel: `GET|POST /channels/facebook/{account}/webhook` for
 * intake, the Send API for replies consumed from `omni.outbound.facebook.v1`.
 */
export function buildFacebookAdapter(deps: FacebookAdapterDeps): ServiceModule {
  const { config, bus, blobs, now = () => new Date(), fetchImpl } = deps;
  const log = deps.log.child({ channel: 'facebook' });
  const accounts = new Map(channelAccounts(config, 'facebook', FacebookAccount).map((a) => [a.account, a]));
  const intake: IntakeContext = { bus, channel: 'facebook', log, now };
  const clients = new Map(
    [...accounts.values()].map((a) => [
      a.account,
      new GraphClient({
        apiRoot: a.apiRoot,
        graphVersion: a.graphVersion,
        pageAccessToken: a.pageAccessToken,
        fetchImpl,
        rateLimitDelayMs: deps.outbound?.rateLimitDelayMs,
      }),
    ]),
  );
  const profiles = new Map(
    [...accounts.values()]
      .filter((a) => a.fetchProfiles)
      .map((a) => {
        const client = clients.get(a.account) as GraphClient;
        return [a.account, new ProfileCache<Profile>((psid) => client.profile(psid), { log })] as const;
      }),
  );

  const sentLog = new SentLog();

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);

    // Subscription handshake: Meta proves it knows the verify token, we echo the challenge.
    app.get<{ Params: { account: string }; Querystring: Record<string, unknown> }>(
      '/channels/facebook/:account/webhook',
      async (request, reply) => {
        const account = accounts.get(request.params.account);
        if (!account) throw notFound(`no facebook account named "${request.params.account}"`);
        const q = request.query;
        const token = q['hub.verify_token'];
        const challenge = q['hub.challenge'];
        if (
          q['hub.mode'] !== 'subscribe' ||
          typeof token !== 'string' ||
          !secretMatches(token, account.verifyToken)
        ) {
          throw forbidden('the verify token does not match');
        }
        if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 1000)
          throw badRequest('hub.challenge is missing');
        return reply.code(200).type('text/plain; charset=utf-8').send(challenge);
      },
    );

    app.post<{ Params: { account: string } }>(
      '/channels/facebook/:account/webhook',
      async (request, reply) => {
        const account = accounts.get(request.params.account);
        if (!account) throw notFound(`no facebook account named "${request.params.account}"`);
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers['x-hub-signature-256'];
        if (!verifyHubSignature(raw, typeof header === 'string' ? header : undefined, account.appSecret)) {
          throw unauthorized('X-Hub-Signature-256 is missing or does not match the body');
        }
        const body = parseJsonBody(raw);
        const parsed = WebhookBody.safeParse(body);
        if (!parsed.success)
          throw badRequest('the body is not a Messenger webhook payload (object, entry[])');
        const ctx: FacebookContext = { account: account.account, pageId: account.pageId, receivedAt: now() };
        const results = normalizeWebhook(parsed.data, ctx);

        const messages = new Map<string, { message: InboundMessageInput; files: RemoteFile[] }>();
        const reports: DeliveryReport[] = [];
        const malformed: string[] = [];
        for (const r of results) {
          if (r.type === 'message') messages.set(`${r.message.id}:${r.message.flags?.edited ?? false}`, r);
          else if (r.type === 'delivery') reports.push(...sentLog.resolve(r.report));
          else if (r.type === 'ignored')
            log.debug(
              { account: account.account, event: r.event, reason: r.reason },
              'event acknowledged and ignored',
            );
          else malformed.push(r.reason);
        }
        const ready = await Promise.all(
          [...messages.values()].map(async ({ message, files }) =>
            withProfile(account, await withFiles(account, message, files)),
          ),
        );
        await publishNormalized(intake, ready);
        // The good events of the batch go on; the request itself is kept for the bad ones.
        if (malformed.length > 0)
          await deadLetterIntake(intake, {
            account: account.account,
            reason: `malformed events: ${malformed.join('; ')}`,
            payload: body,
          });
        if (reports.length > 0) await publishReports(reports);
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

  function withFiles(
    account: FacebookAccount,
    message: InboundMessageInput,
    files: RemoteFile[],
  ): Promise<InboundMessageInput> {
    return withStoredFiles(blobs, message, files, {
      maxBytes: account.maxAttachmentBytes,
      outbound: deps.outboundGuard,
      fetchImpl,
      timeoutMs: 15_000,
      log,
    });
  }

  function withProfile(account: FacebookAccount, message: InboundMessageInput): InboundMessageInput {
    if (message.direction === 'outbound') return message;
    const profile = profiles.get(account.account)?.peek(message.sender.externalId);
    if (!profile) return message;
    const displayName =
      (profile.name ?? [profile.first_name, profile.last_name].filter(Boolean).join(' ')).slice(0, 500) ||
      undefined;
    return {
      ...message,
      sender: {
        ...message.sender,
        displayName,
        avatarUrl: profile.profile_pic?.slice(0, 2048),
        locale: profile.locale?.slice(0, 35),
      },
    };
  }

  async function publishReports(reports: DeliveryReport[]): Promise<void> {
    try {
      await bus.publish(
        TOPICS.delivery,
        reports.map((r) => ({
          key: `facebook:${r.account}:${r.recipientExternalId ?? r.messageId}`,
          value: DeliveryReport.parse(r),
        })),
      );
    } catch (err) {
      throw new OmniError(ERROR_CODES.busUnavailable, 'the message bus did not accept the delivery reports', {
        retriable: true,
        cause: err,
      });
    }
  }

  const progress = new ReplyProgress();
  const send = createSender({ accounts, clients, blobs, sentLog, progress });

  return {
    name: 'adapter-facebook',
    routes,
    async start() {
      if (accounts.size === 0) return;
      await startOutboundConsumer({
        bus,
        channel: 'facebook',
        log,
        send,
        progress,
        now,
        groupId: deps.outbound?.groupId,
        maxAttempts: deps.outbound?.maxAttempts,
        initialBackoffMs: deps.outbound?.initialBackoffMs,
        maxBackoffMs: deps.outbound?.maxBackoffMs,
      });
    },
    async stop() {
      await Promise.all([...profiles.values()].map((p) => p.settle()));
    },
  };
}
