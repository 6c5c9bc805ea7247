import type { Bus } from '@omni/bus';
import { ERROR_CODES, type OutboundMessage } from '@omni/contracts';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  ApiKeyVerifier,
  acceptRawBodies,
  badRequest,
  channelAccounts,
  type IntakeContext,
  type Logger,
  notFound,
  type OmniConfig,
  PlatformError,
  publishNormalized,
  requireScope,
  type ServiceModule,
  startOutboundConsumer,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { EmailAccount } from './config';
import { CursorRepository } from './cursor.repository';
import type { LoopContext } from './loop-safety';
import { MailboxWatcher } from './mailbox-watcher';
import { readEmail } from './read-email';
import { messageIdDomain, SmtpSender } from './send';

export interface EmailAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  pool: Pool;
  log: Logger;
  blobs?: BlobStore;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
  /** Reconnect backoff of the IMAP watchers (tests shorten it). */
  initialBackoffMs?: number;
  /** How often a standby replica tries to take a mailbox lease (tests shorten it). */
  leaseRetryMs?: number;
}

export interface EmailAdapter extends ServiceModule {
  watchers: ReadonlyMap<string, MailboxWatcher>;
}

/**
 * The email channel: one IMAP watcher per configured account, `POST
 * /channels/email/{account}/mime` for MTA pipes, and SMTP replies from
 * `omni.outbound.email.v1`.
 */
export function buildEmailAdapter({
  config,
  bus,
  pool,
  log,
  blobs = new PgBlobStore(pool),
  now = () => new Date(),
  initialBackoffMs,
  leaseRetryMs,
}: EmailAdapterDeps): EmailAdapter {
  const adapterLog = log.child({ channel: 'email' });
  const configured = channelAccounts(config, 'email', EmailAccount);
  const accounts = new Map(configured.map((a) => [a.account, a]));
  const intake: IntakeContext = { bus, channel: 'email', log: adapterLog, now };
  const cursors = new CursorRepository(pool);
  const adminOnly = requireScope(new ApiKeyVerifier(pool), 'admin');
  const watchers = new Map(
    configured.map((account) => [
      account.account,
      new MailboxWatcher({
        account,
        bus,
        blobs,
        cursors,
        pool,
        loop: loopContext(account),
        log,
        now,
        initialBackoffMs,
        leaseRetryMs,
      }),
    ]),
  );
  const senders = new Map<string, SmtpSender>();
  for (const account of configured) {
    const { smtp } = account;
    if (smtp) senders.set(account.account, new SmtpSender({ ...account, smtp }, blobs));
  }
  const maxBody = Math.max(1, ...configured.map((a) => a.maxMessageBytes));

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);
    app.post<{ Params: { account: string } }>(
      '/channels/email/:account/mime',
      { bodyLimit: maxBody, preHandler: adminOnly },
      async (request, reply) => {
        const account = accounts.get(request.params.account);
        if (!account) throw notFound(`no email account named "${request.params.account}"`);
        const raw = request.body;
        if (!Buffer.isBuffer(raw) || raw.length === 0)
          throw badRequest('the request body must be one raw RFC 822 message');
        if (raw.length > account.maxMessageBytes)
          throw badRequest(`the message is larger than the ${account.maxMessageBytes}-byte limit`);
        // Whatever the body is, it is kept: a refusal would bounce the mail at the MTA. What is
        // not a well-formed message is read leniently and flagged (read-email.ts).
        const message = await readEmail(
          raw,
          { account: account.account, receivedAt: now(), ...loopContext(account) },
          {
            blobs,
            maxAttachmentBytes: account.maxAttachmentBytes,
          },
        );
        const {
          published: [published],
        } = await publishNormalized(intake, [message]);
        if (published)
          await cursors.recordIngested(account.account, [
            { externalId: published.externalId, messageId: published.id },
          ]);
        adapterLog.debug({ account: account.account, messageId: published?.id }, 'MIME message accepted');
        return reply.code(202).send({ id: published?.id, status: published ? 'accepted' : 'dead-lettered' });
      },
    );
  };

  async function send(message: OutboundMessage) {
    const sender = senders.get(message.account);
    if (!sender) {
      throw new PlatformError(
        ERROR_CODES.noSmtp,
        `email account "${message.account}" has no SMTP server configured`,
        {
          retriable: false,
        },
      );
    }
    return sender.send(message);
  }

  return {
    name: 'adapter-email',
    routes,
    watchers,
    async start() {
      for (const w of watchers.values()) w.start();
      // Every reply on the topic gets a report, even for an account without SMTP (failed: no-smtp).
      if (accounts.size > 0) await startOutboundConsumer({ bus, channel: 'email', log, send, now });
    },
    async stop() {
      await Promise.allSettled([...watchers.values()].map((w) => w.stop()));
      for (const s of senders.values()) s.close();
    },
  };
}

function loopContext(account: EmailAccount): LoopContext {
  return {
    ownAddresses: new Set([account.address.toLowerCase()]),
    ownMessageIdDomain: messageIdDomain(account.address),
  };
}
