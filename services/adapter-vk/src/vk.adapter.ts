import { createHash, timingSafeEqual } from 'node:crypto';
import type { Bus } from '@omni/bus';
import { DeliveryReport, InboundMessage, type InboundMessageInput, OmniError, TOPICS } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  acceptRawBodies,
  badRequest,
  forbidden,
  type Logger,
  notFound,
  type OmniConfig,
  type OutboundGuard,
  ProfileCache,
  parseJsonBody,
  publishInbound,
  type ServiceModule,
  startOutboundConsumer,
  unauthorized,
  withStoredFiles,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { VkEvent } from './callback-schema';
import { VkLongPoll } from './long-poll';
import { normalizeEvent, type RemoteFile } from './normalize';
import { OwnSends } from './own-sends';
import { createSender } from './send';
import { VkClient } from './vk-client';

export type VkAccount = OmniConfig['channels']['vk'][number];

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
  const accounts = new Map(config.channels.vk.map((a) => [a.account, a]));
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
        if (event.secret !== undefined && !safeEqual(event.secret, account.secret ?? ''))
          throw unauthorized('the secret does not match');
        return reply.code(200).type('text/plain; charset=utf-8').send(account.confirmation);
      }
      if (event.secret === undefined || !safeEqual(event.secret, account.secret ?? ''))
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
        else
          log.warn(
            { account: account.account, eventId: event.event_id, reason: r.reason },
            'malformed event skipped',
          );
      }
    }
    const ready = await Promise.all(
      [...messages.values()].map(async ({ message, files }) =>
        withProfile(account, await withFiles(account, message, files)),
      ),
    );
    const valid = ready.filter((m) => conforms(m, account.account));
    if (valid.length > 0) await publishInbound(bus, valid);
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
        throw new OmniError('bus-unavailable', 'the message bus did not accept the delivery reports', {
          retriable: true,
          cause: err,
        });
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

  /** A message our normalizer got wrong is logged loudly and skipped: it must not cost the batch its other events. */
  function conforms(message: InboundMessageInput, account: string): boolean {
    const checked = InboundMessage.safeParse(message);
    if (!checked.success) {
      log.error(
        { account, externalId: message.externalId, issues: checked.error.issues.slice(0, 3) },
        'normalized message violates the contract; skipped',
      );
    }
    return checked.success;
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

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && b.length > 0;
}
