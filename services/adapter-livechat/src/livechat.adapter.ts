import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import websocket from '@fastify/websocket';
import type { Bus } from '@omni/bus';
import { DeliveryReport, messageId, TOPICS } from '@omni/contracts';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  badRequest,
  channelAccounts,
  checkOrigin,
  forbidden,
  HttpProblem,
  type IntakeContext,
  type Logger,
  notFound,
  type OmniConfig,
  problem,
  publishNormalized,
  RateLimiter,
  type ReceivedFile,
  repairText,
  requestHosts,
  type ServiceModule,
  startOutboundConsumer,
  tooManyRequests,
  UploadBudget,
  unauthorized,
} from '@omni/service-kit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import { createChoiceTaker } from './choices';
import { LivechatAccount } from './config';
import { ConversationRepository } from './conversation.repository';
import { openConversationLink, ResumeRequest } from './conversation-link';
import { ChoiceAnswer, ClientFrame, Receipt, SessionRequest, VisitorMessage } from './livechat.schema';
import { normalizeVisitorMessage, type Visitor, type VisitorProfile, visitorMessageId } from './normalize';
import { offlineEmailAccounts, offlineEmailJob } from './offline-email';
import { offlineEmailMetrics } from './offline-email.metrics';
import { createSender } from './send';
import { SocketHub, VisitorSocket } from './socket-hub';
import { pickLanguage, widgetTexts } from './texts';
import { sendFile, storeFiles, withVisitorUpload } from './visitor-files';
import { readVisitorToken, signVisitorToken, userHashMatches } from './visitor-token';
import { VisitorTyping } from './visitor-typing';
import {
  demoSecurityHeaders,
  frameSecurityHeaders,
  renderDemo,
  renderFrame,
  WIDGET_CSS,
  WIDGET_SCRIPT,
} from './widget-page';

export interface LivechatAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  pool: Pool;
  /** Where visitors' files are stored (default: PostgreSQL, the pool's `blobs`). */
  blobs?: BlobStore;
  /** Upload bytes held in memory at once by this process (default 256 MiB). */
  uploadBudgetBytes?: number;
  now?: () => Date;
  outbound?: { maxAttempts?: number; initialBackoffMs?: number; groupId?: string };
  /** Where the offline email job's series go (absent: not exported). */
  metrics?: Registry;
  /** How often the offline email job looks for unread replies (tests shorten it). */
  offlineEmailIntervalMs?: number;
}

/** The WebSocket subprotocol the widget speaks; the token travels as a second one (`bearer.<token>`). */
export const LIVECHAT_PROTOCOL = 'omni.livechat.v1';
const BEARER_PROTOCOL = 'bearer.';
const HEARTBEAT_MS = 30_000;

type Params = { Params: { account: string } };
interface Account {
  cfg: LivechatAccount;
  origins: Set<string>;
  perVisitor: RateLimiter;
  perIp: RateLimiter;
  key?: Promise<string>;
}

export const livechatPath = (account: string) => `/channels/livechat/${account}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The live-chat channel (CHANNELS.md): the widget and its frame, the visitor API (sessions,
 * messages, receipts, a WebSocket), replies from `omni.outbound.livechat.v1` into the
 * visitor's conversation, pushed by whichever replica holds the visitor's socket.
 */
export function buildLivechatAdapter(deps: LivechatAdapterDeps): ServiceModule {
  const { config, bus, pool, now = () => new Date() } = deps;
  const log = deps.log.child({ channel: 'livechat' });
  const repository = new ConversationRepository(pool);
  const blobs = deps.blobs ?? new PgBlobStore(pool);
  const uploads = new UploadBudget(deps.uploadBudgetBytes ?? 256 * 1024 * 1024);
  const hub = new SocketHub(pool, repository, log);
  const intake: IntakeContext = { bus, channel: 'livechat', log, now };
  const accounts = new Map<string, Account>(
    channelAccounts(config, 'livechat', LivechatAccount).map((cfg) => {
      const { messagesPerVisitor: v, sessionsPerIp: s } = cfg.limits;
      return [
        cfg.account,
        {
          cfg,
          origins: new Set(cfg.allowedOrigins.map((o) => new URL(o).origin)),
          perVisitor: new RateLimiter(v.max, v.windowSeconds * 1000),
          perIp: new RateLimiter(s.max, s.windowSeconds * 1000),
        },
      ];
    }),
  );
  const accountOf = (request: FastifyRequest<Params>): Account => {
    const acc = accounts.get(request.params.account);
    if (!acc) throw notFound(`no live-chat account named "${request.params.account}"`);
    return acc;
  };
  const tokenKey = (acc: Account): Promise<string> => {
    acc.key ??= repository.tokenKey(acc.cfg.account, acc.cfg.tokenSecret).catch((err: unknown) => {
      acc.key = undefined;
      throw err;
    });
    return acc.key;
  };

  /** The visitor a token names, if it is genuine, of this account and not revoked. */
  async function visitorOf(acc: Account, token: string | undefined): Promise<Visitor | null> {
    if (!token) return null;
    const claims = readVisitorToken(token, await tokenKey(acc));
    if (!claims || claims.account !== acc.cfg.account) return null;
    const stored = await repository.visitor(claims.account, claims.visitor);
    if (stored.version !== claims.version) return null;
    return {
      account: claims.account,
      key: claims.visitor,
      verified: stored.verified,
      profile: stored.profile,
    };
  }
  async function authenticate(acc: Account, request: FastifyRequest): Promise<Visitor> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const visitor = await visitorOf(acc, token);
    if (!visitor) throw unauthorized('a visitor token is required (Authorization: Bearer <visitorToken>)');
    return visitor;
  }

  /**
   * A visitor's messages are taken one at a time in this replica, whatever socket or request
   * brought them: after a drop, the widget's next message on a new socket must not overtake
   * the previous one still being handled for the dead socket (the interleavings test saw
   * v-2 stored before v-1).
   */
  const inFlight = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (inFlight.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    inFlight.set(key, run);
    void run
      .catch(() => undefined)
      .then(() => {
        if (inFlight.get(key) === run) inFlight.delete(key);
      });
    return run;
  }

  /** One visitor message from any transport; the same `clientMessageId` again answers the same id. */
  function accept(
    acc: Account,
    visitor: Visitor,
    message: VisitorMessage,
    files: readonly ReceivedFile[] = [],
  ): Promise<string> {
    return oneAtATime(`${visitor.account}\u0000${visitor.key}`, () =>
      acceptNow(acc, visitor, message, files),
    );
  }

  async function acceptNow(
    acc: Account,
    visitor: Visitor,
    message: VisitorMessage,
    files: readonly ReceivedFile[],
  ): Promise<string> {
    const id = visitorMessageId(visitor, message.clientMessageId);
    if ((await repository.seqOf(visitor.account, visitor.key, id)) !== null) return id;
    if (message.text.length > acc.cfg.limits.maxMessageChars)
      throw problem('validation-failed', 'the message is too long', {
        text: `at most ${acc.cfg.limits.maxMessageChars} characters`,
      });
    const at = now().getTime();
    const limited = acc.perVisitor.check(`${visitor.key}`, at);
    if (!limited.ok) throw tooManyRequests(limited.retryAfterMs);
    // Stored before the publish: the message carries their blob ids (a failure stores no message).
    const attachments = await storeFiles(blobs, files);
    const inbound = normalizeVisitorMessage(visitor, message, {
      receivedAt: now(),
      topics: acc.cfg.topics,
      attachments,
    });
    // Published first: an entry the visitor sees is always on its way to the ticket.
    await publishNormalized(intake, [inbound]);
    acc.perVisitor.record(visitor.key, at);
    await repository.append({
      account: visitor.account,
      visitor: visitor.key,
      messageId: id,
      direction: 'inbound',
      // The visitor's own copy, storable as the ticket's is (NUL and other controls replaced).
      text: repairText(message.text),
      attachments,
      clientMessageId: message.clientMessageId,
      createdAt: now(),
    });
    return id;
  }

  const takeChoice = createChoiceTaker({
    repository,
    intake,
    context: (account) => ({ receivedAt: now(), topics: accounts.get(account)?.cfg.topics ?? [] }),
  });
  /** A press on a reply's buttons, under the visitor's message limit (a press is one more thing they send). */
  async function choose(acc: Account, visitor: Visitor, answer: ChoiceAnswer) {
    const at = now().getTime();
    const limited = acc.perVisitor.check(visitor.key, at);
    if (!limited.ok) throw tooManyRequests(limited.retryAfterMs);
    acc.perVisitor.record(visitor.key, at);
    return takeChoice(visitor, answer);
  }

  /** Receipts from the visitor's client → the replies' statuses, and delivery reports. */
  async function receipt(visitor: Visitor, r: Receipt): Promise<void> {
    let which: { messageId: string } | { upToSeq: number };
    if (r.id) {
      const seq = await repository.seqOf(visitor.account, visitor.key, r.id);
      if (seq === null) throw badRequest('no message with that id in this conversation');
      which = r.status === 'read' ? { upToSeq: seq } : { messageId: r.id };
    } else {
      if (r.status !== 'read') throw badRequest('a delivered receipt names the message (id)');
      which = { upToSeq: Number.MAX_SAFE_INTEGER };
    }
    const moved = await repository.advanceStatus(visitor.account, visitor.key, r.status, which);
    if (moved.length === 0) return;
    const occurredAt = now().toISOString();
    await bus.publish(
      TOPICS.delivery,
      moved.map((m) => ({
        key: m.ticketId ?? m.messageId,
        value: DeliveryReport.parse({
          version: 1,
          messageId: m.messageId,
          ticketId: m.ticketId ?? undefined,
          channel: 'livechat',
          account: visitor.account,
          status: r.status,
          occurredAt,
        }),
      })),
    );
  }

  /** Cross-site calls only from the account's allowed origins (answered with CORS headers for them). */
  function guardOrigin(acc: Account, request: FastifyRequest, reply: FastifyReply): void {
    const verdict = checkOrigin(
      request.headers.origin,
      requestHosts(request.headers, request.host),
      acc.origins,
    );
    if (verdict.kind === 'refused') throw forbidden(`calls from ${verdict.origin} are not allowed`);
    if (verdict.kind === 'allowed')
      void reply.headers({
        'access-control-allow-origin': verdict.origin,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
        vary: 'origin',
      });
  }

  const routes: FastifyPluginAsync = async (app) => {
    await app.register(websocket, {
      options: {
        maxPayload: 64 * 1024,
        // The token rides as a second subprotocol (browsers cannot set headers on a socket); only ours is echoed.
        handleProtocols: (protocols) => (protocols.has(LIVECHAT_PROTOCOL) ? LIVECHAT_PROTOCOL : false),
      },
      // The server closes first on a graceful stop: clients are told to reconnect (to another replica).
      preClose: async () => hub.disconnectAll(),
    });
    const base = '/channels/livechat/:account';

    app.get<Params>(`${base}/widget.js`, async (request, reply) => {
      accountOf(request);
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(WIDGET_SCRIPT);
    });
    app.get<Params>(`${base}/widget.css`, async (request, reply) => {
      accountOf(request);
      return reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(WIDGET_CSS);
    });
    app.get<Params & { Querystring: { lang?: string } }>(`${base}/frame`, async (request, reply) => {
      const { cfg, origins } = accountOf(request);
      const lang = pickLanguage(cfg.language, request.query.lang, request.headers['accept-language']);
      const page = renderFrame({
        account: cfg.account,
        lang,
        texts: widgetTexts(lang, cfg.texts),
        topics: cfg.topics.map((t) => ({ id: t.id, label: t.labels?.[lang] ?? t.label })),
      });
      return reply
        .headers(frameSecurityHeaders([...origins]))
        .type('text/html; charset=utf-8')
        .send(page);
    });
    app.get<Params & { Querystring: { lang?: string } }>(`${base}/demo`, async (request, reply) => {
      const { cfg } = accountOf(request);
      const lang = pickLanguage(cfg.language, request.query.lang, request.headers['accept-language']);
      return reply.headers(demoSecurityHeaders).type('text/html; charset=utf-8').send(renderDemo(cfg, lang));
    });

    // Encapsulated in this plugin: only the live chat's routes read multipart bodies.
    await app.register(multipart, { throwFileSizeLimit: false });
    for (const path of ['sessions', 'messages', 'receipts', 'choices', 'attachments/:messageId/:index'])
      app.options<Params>(`${base}/${path}`, async (request, reply) => {
        guardOrigin(accountOf(request), request, reply);
        return reply.code(204).send();
      });

    app.post<Params>(`${base}/sessions`, async (request, reply) => {
      const acc = accountOf(request);
      guardOrigin(acc, request, reply);
      const body = SessionRequest.safeParse(request.body ?? {});
      if (!body.success) throw invalid(body.error.issues);
      const at = now().getTime();
      const limited = acc.perIp.check(request.ip, at);
      if (!limited.ok) throw tooManyRequests(limited.retryAfterMs);
      acc.perIp.record(request.ip, at);
      const s = body.data;
      if (s.topic && !acc.cfg.topics.some((t) => t.id === s.topic))
        throw problem('validation-failed', 'unknown topic', { topic: 'not one of the account’s topics' });
      const verifiedUser = s.userId && userHashMatches(s.userId, s.userHash, acc.cfg.identitySecret);
      if (s.userId && !verifiedUser)
        log.info({ account: acc.cfg.account }, 'userHash does not match: the visitor stays anonymous');
      const resumed = verifiedUser ? null : await visitorOf(acc, s.visitorToken);
      const profile: VisitorProfile = {};
      for (const k of ['name', 'email', 'phone', 'topic', 'locale'] as const) if (s[k]) profile[k] = s[k];
      const visitor: Visitor = verifiedUser
        ? { account: acc.cfg.account, key: `u-${s.userId}`, verified: true, profile }
        : // What was verified (a site's user, a ticket's mailbox) is not overwritten by what is typed.
          ((resumed && {
            ...resumed,
            profile: resumed.verified
              ? { ...profile, ...resumed.profile }
              : { ...resumed.profile, ...profile },
          }) ?? {
            account: acc.cfg.account,
            key: `a-${randomBytes(16).toString('hex')}`,
            verified: false,
            profile,
          });
      const version = await repository.saveVisitor(visitor);
      return reply.code(200).send(await sessionAnswer(acc, visitor, version));
    });

    // A conversation link (offline email) → a visitor token for that conversation.
    app.options<Params>(`${base}/resume`, async (request, reply) => {
      guardOrigin(accountOf(request), request, reply);
      return reply.code(204).send();
    });
    app.post<Params>(`${base}/resume`, async (request, reply) => {
      const acc = accountOf(request);
      guardOrigin(acc, request, reply);
      const body = ResumeRequest.safeParse(request.body ?? {});
      if (!body.success) throw invalid(body.error.issues);
      const at = now().getTime();
      const limited = acc.perIp.check(request.ip, at);
      if (!limited.ok) throw tooManyRequests(limited.retryAfterMs);
      acc.perIp.record(request.ip, at);
      const opened = await openConversationLink(
        repository,
        acc.cfg.account,
        body.data.link,
        await tokenKey(acc),
        now(),
      );
      if (!opened) throw unauthorized('the link is not valid, has expired or was revoked');
      const { profile } = opened.visitor;
      if (profile.ticket && profile.email)
        for (const entry of await repository.ticketHistory(
          acc.cfg.account,
          opened.visitor.key,
          profile.ticket,
          profile.email,
        ))
          await repository.append(entry);
      return reply.code(200).send(await sessionAnswer(acc, opened.visitor, opened.version));
    });

    app.post<Params>(`${base}/messages`, async (request, reply) => {
      const acc = accountOf(request);
      guardOrigin(acc, request, reply);
      const visitor = await authenticate(acc, request);
      if (request.isMultipart()) {
        const id = await withVisitorUpload(request, acc.cfg.attachments, uploads, ({ message, files }) =>
          accept(acc, visitor, message, files),
        );
        return reply.code(202).send({ id });
      }
      const body = VisitorMessage.safeParse(request.body);
      if (!body.success) throw invalid(body.error.issues);
      return reply.code(202).send({ id: await accept(acc, visitor, body.data) });
    });

    app.get<{ Params: { account: string; messageId: string; index: string } }>(
      `${base}/attachments/:messageId/:index`,
      async (request, reply) => {
        const acc = accountOf(request);
        guardOrigin(acc, request, reply);
        const visitor = await authenticate(acc, request);
        const { messageId: id, index } = request.params;
        // Anything but a message id and a position is simply not a file of this conversation.
        if (!UUID.test(id) || !/^\d{1,3}$/.test(index)) throw notFound('no such file in this conversation');
        return sendFile(
          reply,
          blobs,
          await repository.attachment(visitor.account, visitor.key, id, Number(index)),
        );
      },
    );

    app.get<Params & { Querystring: { after?: string } }>(`${base}/messages`, async (request, reply) => {
      const acc = accountOf(request);
      guardOrigin(acc, request, reply);
      const visitor = await authenticate(acc, request);
      let after = 0;
      if (request.query.after) {
        const seq = await repository.seqOf(visitor.account, visitor.key, request.query.after);
        if (seq === null) throw badRequest('after: no message with that id in this conversation');
        after = seq;
      }
      const entries = await repository.entriesAfter(visitor.account, visitor.key, after, 200);
      return { data: entries.map(publicEntry) };
    });

    app.post<Params>(`${base}/receipts`, async (request, reply) => {
      const acc = accountOf(request);
      guardOrigin(acc, request, reply);
      const visitor = await authenticate(acc, request);
      const body = Receipt.safeParse(request.body);
      if (!body.success) throw invalid(body.error.issues);
      await receipt(visitor, body.data);
      return reply.code(204).send();
    });

    app.post<Params>(`${base}/choices`, async (request, reply) => {
      const acc = accountOf(request);
      guardOrigin(acc, request, reply);
      const visitor = await authenticate(acc, request);
      const body = ChoiceAnswer.safeParse(request.body);
      if (!body.success) throw invalid(body.error.issues);
      return reply.code(202).send(await choose(acc, visitor, body.data));
    });

    app.get<Params & { Querystring: { after?: string } }>(
      `${base}/ws`,
      {
        websocket: true,
        // Before the upgrade: a refused origin or token gets a plain HTTP answer, no socket.
        preValidation: async (request, reply) => {
          const acc = accountOf(request);
          guardOrigin(acc, request, reply);
          const protocols = String(request.headers['sec-websocket-protocol'] ?? '').split(',');
          const token = protocols.map((p) => p.trim()).find((p) => p.startsWith(BEARER_PROTOCOL));
          const visitor = await visitorOf(acc, token?.slice(BEARER_PROTOCOL.length));
          if (!visitor)
            throw unauthorized(`a visitor token is required (subprotocol ${BEARER_PROTOCOL}<token>)`);
          if (hub.socketsOf(visitor.account, visitor.key) >= acc.cfg.limits.maxSocketsPerVisitor)
            throw problem('rate-limited', 'too many open sockets for this visitor');
          let after = 0;
          if (request.query.after) {
            const seq = await repository.seqOf(visitor.account, visitor.key, request.query.after);
            if (seq === null) throw badRequest('after: no message with that id in this conversation');
            after = seq;
          }
          sessions.set(request, { acc, visitor, after });
        },
      },
      (socket, request) => {
        const session = sessions.get(request);
        sessions.delete(request);
        if (!session) return socket.close(1011);
        serveSocket(socket, session.acc, session.visitor, session.after);
      },
    );
  };
  const sessions = new WeakMap<FastifyRequest, { acc: Account; visitor: Visitor; after: number }>();

  /** A session's answer: a fresh token for the visitor and their conversation so far. */
  async function sessionAnswer(acc: Account, visitor: Visitor, version: number) {
    const entries = await repository.entriesAfter(visitor.account, visitor.key, 0, 200);
    return {
      visitorToken: signVisitorToken(
        { account: visitor.account, visitor: visitor.key, version },
        await tokenKey(acc),
      ),
      conversationId: messageId('livechat', visitor.account, `conversation:${visitor.key}`),
      verified: visitor.verified,
      messages: entries.map(publicEntry),
    };
  }

  function serveSocket(socket: WebSocket, acc: Account, visitor: Visitor, after: number): void {
    const conn = new VisitorSocket(socket, visitor.account, visitor.key, after);
    conn.send({
      type: 'ready',
      conversationId: messageId('livechat', visitor.account, `conversation:${visitor.key}`),
    });
    hub.add(conn);
    let alive = true;
    let idle = setTimeout(() => socket.close(4000, 'idle'), acc.cfg.limits.idleTimeoutSeconds * 1000);
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('close', () => {
      clearTimeout(idle);
      clearInterval(heartbeat);
      hub.remove(conn);
    });
    let queue = Promise.resolve();
    socket.on('message', (data) => {
      clearTimeout(idle);
      idle = setTimeout(() => socket.close(4000, 'idle'), acc.cfg.limits.idleTimeoutSeconds * 1000);
      let frame: ClientFrame;
      try {
        const parsed = ClientFrame.safeParse(JSON.parse(data.toString()));
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
        frame = parsed.data;
      } catch (err) {
        return conn.send({ type: 'error', code: 'bad-frame', detail: (err as Error).message ?? 'not JSON' });
      }
      // One frame at a time: two messages sent back to back are stored in the order sent.
      queue = queue
        .then(() => handleFrame(acc, visitor, conn, frame))
        .catch((err: unknown) => {
          const detail = err instanceof HttpProblem ? err.detail : 'the server could not take it; try again';
          const code = err instanceof HttpProblem ? err.code : 'unavailable';
          conn.send({
            type: 'error',
            code,
            detail: detail ?? code,
            ...(frame.type === 'message' ? { clientMessageId: frame.clientMessageId } : {}),
          });
        });
    });
  }

  async function handleFrame(acc: Account, visitor: Visitor, conn: VisitorSocket, frame: ClientFrame) {
    switch (frame.type) {
      case 'message': {
        const id = await accept(acc, visitor, frame);
        return conn.send({ type: 'accepted', clientMessageId: frame.clientMessageId, id });
      }
      case 'choice':
        return conn.send({ type: 'chosen', ...(await choose(acc, visitor, frame)) });
      case 'receipt':
        return receipt(visitor, frame);
      case 'typing':
        return typing.typed(visitor);
      case 'ping':
        return conn.send({ type: 'pong' });
    }
  }

  const typing = new VisitorTyping(pool, log, now);
  const send = createSender({ repository, known: (account) => accounts.has(account) });
  const offlineAccounts = offlineEmailAccounts(
    config,
    [...accounts.values()].map((a) => a.cfg),
    log,
  );
  const offlineEmail = offlineEmailJob({
    pool,
    log: log.child({ component: 'offline-email' }),
    accounts: offlineAccounts,
    tokenKey: (account) => tokenKey(accounts.get(account) as Account),
    metrics: deps.metrics && offlineEmailMetrics(deps.metrics),
    intervalMs: deps.offlineEmailIntervalMs ?? 15_000,
    now,
  });

  return {
    name: 'adapter-livechat',
    routes,
    async start() {
      await hub.start();
      await startOutboundConsumer({ bus, channel: 'livechat', log, send, ...deps.outbound });
      // No account emails unread replies (no email account, or switched off): no job, no lease.
      if (offlineAccounts.length > 0) offlineEmail.start();
    },
    async stop() {
      await offlineEmail.stop();
      await hub.stop();
    },
  };
}

function publicEntry({ seq: _s, ticketId: _t, ...entry }: import('./conversation.repository').StoredEntry) {
  return entry;
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): HttpProblem {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[i.path.map(String).join('.') || 'body'] ??= i.message;
  return problem('validation-failed', 'the request is not valid', errors);
}
