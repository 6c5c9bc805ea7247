import type { DeliveryReport, InboundMessageInput } from '@omni/contracts';
import {
  type AdapterDeps,
  acceptRawBodies,
  badRequest,
  deadLetterIntake,
  type IntakeContext,
  notFound,
  ProfileCache,
  parseJsonBody,
  publishDeliveryReports,
  publishNormalized,
  ReplyProgress,
  type ServiceModule,
  startOutboundConsumer,
  unauthorized,
  withStoredFiles,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { hubChallenge } from './hub-handshake';
import { verifyHubSignature } from './hub-signature';
import { WebhookBody } from './messenger.schema';
import { MessengerClient, type Profile } from './messenger-client';
import {
  type MessengerContext,
  type MessengerPlatform,
  type Normalized,
  normalizeMessengerWebhook,
  type RemoteFile,
} from './messenger-normalize';
import { createMessengerSender, type MessengerSendAccount } from './messenger-send';
import { SentLog } from './sent-log';

/** What the Messenger Platform intake needs of an account (a Facebook Page, an Instagram account). */
export interface MessengerAccount extends MessengerSendAccount {
  /** Our id on the platform (the Page's, the Instagram account's): tells the customer from us. */
  ownId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  apiRoot: string;
  graphVersion: string;
  fetchProfiles: boolean;
  maxAttachmentBytes: number;
}

export interface MessengerAdapterDeps extends Omit<AdapterDeps, 'config'> {
  platform: MessengerPlatform;
  /** The process name (`adapter-facebook`). */
  service: string;
  accounts: readonly MessengerAccount[];
  /** The Send API's text limit of this product. */
  maxText: number;
  /** The profile fields this product gives (`first_name,last_name,profile_pic`). */
  profileFields: string;
}

/**
 * A channel of the Messenger Platform — Facebook Messenger, Instagram Direct: the signed
 * webhook `GET|POST /channels/<channel>/{account}/webhook` for intake (each event
 * normalized on its own, files stored, profiles looked up in the background, receipts
 * matched to our replies), the Send API for replies consumed from its outbound topic.
 */
export function buildMessengerAdapter(deps: MessengerAdapterDeps): ServiceModule {
  const { platform, bus, blobs, now = () => new Date(), fetchImpl } = deps;
  const channel = platform.channel;
  const log = deps.log.child({ channel });
  const accounts = new Map(deps.accounts.map((a) => [a.account, a]));
  const intake: IntakeContext = { bus, channel, log, now };
  const clients = new Map(
    deps.accounts.map((a) => [
      a.account,
      new MessengerClient({
        apiRoot: a.apiRoot,
        graphVersion: a.graphVersion,
        accessToken: a.accessToken,
        fetchImpl,
        rateLimitDelayMs: deps.outbound?.rateLimitDelayMs,
      }),
    ]),
  );
  const profiles = new Map(
    deps.accounts
      .filter((a) => a.fetchProfiles)
      .map((a) => {
        const client = clients.get(a.account) as MessengerClient;
        const lookup = (id: string) => client.profile(id, deps.profileFields);
        return [a.account, new ProfileCache<Profile>(lookup, { log })] as const;
      }),
  );
  const sentLog = new SentLog();
  const path = `/channels/${channel}/:account/webhook`;
  const accountOf = (name: string) => {
    const account = accounts.get(name);
    if (!account) throw notFound(`no ${channel} account named "${name}"`);
    return account;
  };

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);

    // Subscription handshake: Meta proves it knows the verify token, we echo the challenge.
    app.get<{ Params: { account: string }; Querystring: Record<string, unknown> }>(
      path,
      async (request, reply) => {
        const challenge = hubChallenge(request.query, accountOf(request.params.account).verifyToken);
        return reply.code(200).type('text/plain; charset=utf-8').send(challenge);
      },
    );

    app.post<{ Params: { account: string } }>(path, async (request, reply) => {
      const account = accountOf(request.params.account);
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['x-hub-signature-256'];
      if (!verifyHubSignature(raw, typeof header === 'string' ? header : undefined, account.appSecret)) {
        throw unauthorized('X-Hub-Signature-256 is missing or does not match the body');
      }
      const body = parseJsonBody(raw);
      const parsed = WebhookBody.safeParse(body);
      if (!parsed.success)
        throw badRequest('the body is not a Messenger Platform webhook payload (object, entry[])');
      const ctx: MessengerContext = { account: account.account, ownId: account.ownId, receivedAt: now() };
      await accept(account, normalizeMessengerWebhook(parsed.data, ctx, platform), body);
      return reply.code(200).type('text/plain; charset=utf-8').send('EVENT_RECEIVED');
    });
  };

  /** Publishes the messages and reports of one webhook; the request is dead-lettered for its bad events. */
  async function accept(account: MessengerAccount, results: Normalized[], body: unknown): Promise<void> {
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
    await publishDeliveryReports(intake, reports);
    log.debug(
      { account: account.account, messages: ready.length, reports: reports.length, events: results.length },
      'webhook accepted',
    );
  }

  function withFiles(
    account: MessengerAccount,
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

  function withProfile(account: MessengerAccount, message: InboundMessageInput): InboundMessageInput {
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
        displayName: displayName ?? profile.username?.slice(0, 500),
        username: profile.username?.slice(0, 255),
        avatarUrl: profile.profile_pic?.slice(0, 2048),
        locale: profile.locale?.slice(0, 35),
      },
    };
  }

  const progress = new ReplyProgress();
  const send = createMessengerSender({
    channel,
    maxText: deps.maxText,
    accounts,
    clients,
    blobs,
    sentLog,
    progress,
  });

  return {
    name: deps.service,
    routes,
    async start() {
      if (accounts.size === 0) return;
      await startOutboundConsumer({
        bus,
        channel,
        log,
        send,
        progress,
        now,
        ...deps.outbound,
      });
    },
    async stop() {
      await Promise.all([...profiles.values()].map((p) => p.settle()));
    },
  };
}
