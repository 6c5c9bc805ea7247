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
  type ServiceModule,
  secretMatches,
  startOutboundConsumer,
  unauthorized,
  withStoredFiles,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { VkAccount } from './config';
import { VkLongPoll } from './long-poll';
import { normalizeEvent, type RemoteFile } from './normalize';
import { OwnSends } from './own-sends';
import { createSender } from './send';
import { VkEvent } from './vk.schema';
import { VkClient } from './vk-api';

export interface VkAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Where attachments are stored at ingestion and read from for replies. */
  blobs: BlobStore;
  now?: () => Date;
  fetchImpl?: typeof fetch;
  /** Attachment URLs come from payloads: fetched under this policy (default: no allowlist). */
  outboundGuard?: OutboundGuard;
  outbound?: {
    maxAttempts?: number;
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    rateLimitDelayMs?: number;
    groupId?: string;
  };
  longPoll?: { waitSeconds?: number; retryDelayMs?: number };
}

const UserName = z.array(
  z.object({
    id: z.number(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    photo_100: z.string().optional(),
  }),
);
type UserName = z.infer<typeof UserName>[number];

/**
 * The VK channel: `POST /channels/vk/{account}/callback` (Callback API) or Bots Long Poll
 * for intake, `messages.send` for replies consumed from `omni.outbound.vk.v1`.
 */
export function buildVkAdapter(deps: VkAdapterDeps): ServiceModule {
  const { config, bus, blobs, now = () => new Date(), fetchImpl } = deps;
  const log = deps.log.child({ channel: 'vk' });
  const accounts = new Map(channelAccounts(config, 'vk', VkAccount).map((a) => [a.account, a]));
  const intake: IntakeContext = { bus, channel: 'vk', log, now };
  const clients = new Map(
    [...accounts.values()].map((a) => [
      a.account,
      new VkClient({
        apiRoot: a.apiRoot,
        apiVersion: a.apiVersion,
        accessToken: a.accessToken,
        fetchImpl,
        rateLimitDelayMs: deps.outbound?.rateLimitDelayMs,
      }),
    ]),
  );
  const profiles = new Map(
    [...accounts.values()]
      .filter((a) => a.fetchProfiles)
      .map((a) => {
        const client = clients.get(a.account) as VkClient;
        const lookup = async (id: string) =>
          UserName.parse(await client.call('users.get', { user_ids: id, fields: 'photo_100' }))[0];
        return [a.account, new ProfileCache<UserName>(lookup, { log })] as const;
      }),
  );
  const pollers: VkLongPoll[] = [];
  const ownSends = new OwnSends();

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);
    app.post<{ Params: { account: string } }>('/channels/vk/:account/callback', async (request, reply) => {
      const account = accounts.get(request.params.account);
      if (account?.mode !== 'callback')
        throw notFound(`no vk callback account named "${request.params.account}"`);
      const parsed = VkEvent.safeParse(parseJsonBody(request.body));
      if (!parsed.success)
        throw badRequest('the body is not a VK Callback API event (type, object, group_id)');
      const event = parsed.data;
      if (event.group_id !== account.groupId) throw forbidden('group_id does not match this account');
      if (event.type === 'confirmation') {
        if (event.secret !== undefined && !secretMatches(event.secret, account.secret))
          throw unauthorized('the secret does not match');
        return reply.code(200).type('text/plain; charset=utf-8').send(account.confirmation);
      }
      if (!secretMatches(event.secret, account.secret))
        throw unauthorized('the secret is missing or does not match');
      const retry = request.headers['x-retry-counter'];
      if (retry)
        log.debug({ account: account.account, eventId: event.event_id, retry }, 'callback retried by VK');
      await ingest(account, [event]);
      return reply.code(200).type('text/plain; charset=utf-8').send('ok');
    });
  };

  /** Normalizes, stores attachments, publishes; throws (→ 5xx / no ts advance) only when the bus or the blob store fails. */
  async function ingest(account: VkAccount, events: VkEvent[]): Promise<void> {
    const ctx = { account: account.account, groupId: account.groupId, receivedAt: now() };
    const messages = new Map<string, { message: InboundMessageInput; files: RemoteFile[] }>();
    const reports: DeliveryReport[] = [];
    const malformed: Array<{ event: VkEvent; reason: string }> = [];
    for (const event of events) {
      for (const r of normalizeEvent(event, ctx)) {
        if (r.type === 'message') {
          // An echo of our own send takes our message's id (see OwnSends).
          const ours = r.randomId !== undefined ? ownSends.lookup(r.randomId) : undefined;
          const message = ours ? { ...r.message, id: ours } : r.message;
          messages.set(`${message.id}:${message.flags?.edited ?? false}`, { message, files: r.files });
        } else if (r.type === 'delivery') {
          const ours = r.report.externalId ? ownSends.lookupSent(r.report.externalId) : undefined;
          reports.push(ours ? { ...r.report, messageId: ours } : r.report);
        } else if (r.type === 'ignored')
          log.debug(
            { account: account.account, event: r.event, reason: r.reason },
            'event acknowledged and ignored',
          );
        else malformed.push({ event, reason: r.reason });
      }
    }
    const ready = await Promise.all(
      [...messages.values()].map(async ({ message, files }) =>
        withProfile(account, await withFiles(account, message, files)),
      ),
    );
    await publishNormalized(intake, ready);
    for (const { event, reason } of malformed)
      await deadLetterIntake(intake, {
        account: account.account,
        reason: `malformed event: ${reason}`,
        payload: event,
        key: `vk:${account.account}:${event.event_id ?? ''}`,
      });
    if (reports.length > 0) {
      try {
        await bus.publish(
          TOPICS.delivery,
          reports.map((r) => ({
            key: `vk:${r.account}:${r.recipientExternalId ?? ''}`,
            value: DeliveryReport.parse(r),
          })),
        );
      } catch (err) {
        throw new OmniError(
          ERROR_CODES.busUnavailable,
          'the message bus did not accept the delivery reports',
          {
            retriable: true,
            cause: err,
          },
        );
      }
    }
  }

  function withFiles(
    account: VkAccount,
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

  function withProfile(account: VkAccount, message: InboundMessageInput): InboundMessageInput {
    if (message.direction === 'outbound' || Number(message.sender.externalId) <= 0) return message;
    const user = profiles.get(account.account)?.peek(message.sender.externalId);
    if (!user) return message;
    const displayName =
      [user.first_name, user.last_name].filter(Boolean).join(' ').slice(0, 500) || undefined;
    return {
      ...message,
      sender: { ...message.sender, displayName, avatarUrl: user.photo_100?.slice(0, 2048) },
    };
  }

  const send = createSender({ clients, blobs, ownSends });

  return {
    name: 'adapter-vk',
    routes,
    async start() {
      if (accounts.size === 0) return;
      for (const account of accounts.values()) {
        if (account.mode !== 'longpoll') continue;
        const poller = new VkLongPoll({
          client: clients.get(account.account) as VkClient,
          groupId: account.groupId,
          log: log.child({ account: account.account, component: 'long-poll' }),
          onUpdates: (updates) =>
            ingest(
              account,
              updates
                .flatMap((u) => VkEvent.safeParse(u).data ?? [])
                .filter((e) => e.group_id === undefined || e.group_id === account.groupId),
            ),
          ...deps.longPoll,
        });
        poller.start();
        pollers.push(poller);
      }
      await startOutboundConsumer({
        bus,
        channel: 'vk',
        log,
        send,
        now,
        groupId: deps.outbound?.groupId,
        maxAttempts: deps.outbound?.maxAttempts,
        initialBackoffMs: deps.outbound?.initialBackoffMs,
        maxBackoffMs: deps.outbound?.maxBackoffMs,
      });
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
      await Promise.all([...profiles.values()].map((p) => p.settle()));
    },
  };
}
