import type { Bus } from '@omni/bus';
import { InboundMessage, type InboundMessageInput, isRetriable } from '@omni/contracts';
import { AdvisoryLease, type BlobStore, type Pool } from '@omni/db';
import { deadLetterIntake, type Logger, publishInbound, repairInboundText } from '@omni/service-kit';
import { ImapFlow } from 'imapflow';
import type { EmailAccount } from './config';
import type { CursorRepository } from './cursor.repository';
import { MAX_EVENT_BYTES, serializedSize } from './fit-for-bus';
import type { LoopContext } from './loop-safety';
import { readEmail, readOversizedEmail } from './read-email';

export interface WatcherDeps {
  account: EmailAccount;
  bus: Bus;
  blobs: BlobStore;
  cursors: CursorRepository;
  /** Holds the mailbox lease (a session advisory lock): one replica reads a mailbox at a time. */
  pool: Pool;
  loop: LoopContext;
  log: Logger;
  now: () => Date;
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often a standby replica tries to take the lease. */
  leaseRetryMs?: number;
}

/** Cap on the bytes of message sources fetched in one FETCH, so a batch of big mails stays bounded in memory. */
const FETCH_BYTES = 32 * 1024 * 1024;

/**
 * One IMAP mailbox, one login: SELECTs the mailbox, ingests every message past the stored
 * cursor in batches, then waits (IDLE when the server supports it, else polling) for new
 * mail. The cursor moves only past messages the bus accepted or that were set aside with
 * a reason; a changed UIDVALIDITY re-scans the mailbox, deduplicated by idempotency key.
 * On any connection or bus failure it reconnects with backoff.
 */
export class MailboxWatcher {
  private stopped = false;
  private dirty = true;
  private wake: (() => void) | undefined;
  private stopWake: (() => void) | undefined;
  private client: ImapFlow | undefined;
  private running: Promise<void> | undefined;
  private readonly log: Logger;
  /** Completed syncs (tests wait on it). */
  syncs = 0;
  /** True while this replica holds the mailbox lease. */
  leaseHeld = false;

  constructor(private readonly deps: WatcherDeps) {
    this.log = deps.log.child({
      channel: 'email',
      account: deps.account.account,
      mailbox: deps.account.imap.mailbox,
    });
  }

  start(): void {
    this.stopped = false;
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.stopWake?.();
    await this.client?.logout().catch(() => this.client?.close());
    await this.running;
  }

  /**
   * Two replicas reading one mailbox would race on its cursor: the replica holding a
   * PostgreSQL session advisory lock reads it, the others wait and take over when its
   * connection (or process) goes away.
   */
  private async run(): Promise<void> {
    const { leaseRetryMs = 5_000 } = this.deps;
    let waiting = false;
    const lease = new AdvisoryLease(
      this.deps.pool,
      `omni-email-mailbox:${this.deps.account.account}/${this.deps.account.imap.mailbox}`,
    );
    while (!this.stopped) {
      if (!(await this.tryLease(lease))) {
        if (!waiting) this.log.info('another replica reads this mailbox; standing by');
        waiting = true;
        await this.sleep(leaseRetryMs);
        continue;
      }
      waiting = false;
      this.leaseHeld = true;
      try {
        await this.watch(lease);
      } finally {
        this.leaseHeld = false;
        await lease.release();
      }
    }
  }

  private async tryLease(lease: AdvisoryLease): Promise<boolean> {
    try {
      return await lease.tryAcquire();
    } catch (err) {
      this.log.warn({ err }, 'cannot reach the database for the mailbox lease');
      return false;
    }
  }

  private async watch(lease: AdvisoryLease): Promise<void> {
    const { initialBackoffMs = 1_000, maxBackoffMs = 60_000 } = this.deps;
    let backoff = initialBackoffMs;
    while (!this.stopped) {
      // The lease lives on its own connection: if that is gone, so is the lease.
      if (!(await lease.alive())) {
        this.log.warn('mailbox lease connection lost; standing down');
        return;
      }
      const client = this.connectClient();
      this.client = client;
      try {
        await client.connect();
        await client.mailboxOpen(this.deps.account.imap.mailbox, { readOnly: !this.modifiesMailbox() });
        const useIdle = client.capabilities.has('IDLE') && this.deps.account.idle;
        this.log.info({ idle: useIdle }, 'mailbox opened');
        backoff = initialBackoffMs;
        while (!this.stopped && client.usable) {
          this.dirty = false;
          await this.sync(client);
          this.syncs += 1;
          if (useIdle) this.idle(client);
          await this.pause(this.deps.account.pollIntervalSeconds * 1_000);
        }
      } catch (err) {
        if (!this.stopped)
          this.log.warn({ err, retryInMs: backoff }, 'mailbox connection failed; reconnecting');
      } finally {
        await client.logout().catch(() => client.close());
      }
      if (this.stopped) break;
      // Not `pause`: events of the dropped connection must not cut the backoff short.
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
  }

  private connectClient(): ImapFlow {
    const { imap, idle, pollIntervalSeconds } = this.deps.account;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      // imapflow's own debug log carries protocol traffic; only its warnings and errors are worth keeping.
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: (o: unknown) => this.log.warn({ imap: o }, 'imap warning'),
        error: (o: unknown) => this.log.error({ imap: o }, 'imap error'),
      },
      // IDLE is entered explicitly right after each sync (imapflow's automatic IDLE waits 15 s).
      disableAutoIdle: true,
      maxIdleTime: idle ? pollIntervalSeconds * 1_000 : undefined,
    });
    client.on('exists', () => this.poke());
    client.on('close', () => this.poke());
    client.on('error', (err: unknown) => this.log.warn({ err }, 'imap connection error'));
    return client;
  }

  /**
   * Enters IDLE until the server reports a change or our next command ends it; new mail
   * arrives as an `exists` event, which wakes the loop.
   */
  private idle(client: ImapFlow): void {
    client.idle().catch((err: unknown) => {
      if (!this.stopped) this.log.debug({ err }, 'IDLE ended with an error');
      this.poke();
    });
  }

  private poke(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** Waits up to `ms`, returning early on new mail, a closed connection or stop. */
  private pause(ms: number): Promise<void> {
    if (this.dirty || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  /** Waits `ms`, or until stop. */
  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.stopWake === done) self.stopWake = undefined;
        resolve();
      }
      this.stopWake = done;
    });
  }

  private modifiesMailbox(): boolean {
    return this.deps.account.markSeen || this.deps.account.moveTo !== undefined;
  }

  private async sync(client: ImapFlow): Promise<void> {
    const { account, cursors } = this.deps;
    const box = client.mailbox;
    if (!box) throw new Error('no mailbox selected');
    const uidValidity = BigInt(box.uidValidity);
    let cursor = await cursors.get(account.account, account.imap.mailbox);
    if (!cursor || cursor.uidValidity !== uidValidity) {
      if (cursor) {
        this.log.warn(
          { previous: cursor.uidValidity.toString(), current: uidValidity.toString() },
          'UIDVALIDITY changed; re-scanning the mailbox, deduplicated by Message-ID',
        );
      }
      await cursors.reset(account.account, account.imap.mailbox, uidValidity);
      cursor = { uidValidity, lastUid: 0 };
    }
    const found = await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
    // `n:*` always matches the highest UID, even one below n.
    const lastUid = cursor.lastUid;
    const uids = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b);
    for (let i = 0; i < uids.length && !this.stopped; i += account.batchSize) {
      await this.ingestBatch(client, uidValidity, uids.slice(i, i + account.batchSize));
    }
  }

  private async ingestBatch(client: ImapFlow, uidValidity: bigint, uids: number[]): Promise<void> {
    const { account, cursors, bus, blobs } = this.deps;
    const metas = await client.fetchAll(
      uids.join(','),
      { uid: true, size: true, headers: ['message-id'] },
      { uid: true },
    );
    const headerIds = new Map(metas.map((m) => [m.uid, headerMessageId(m.headers)]));
    const known = await cursors.alreadyIngested(
      account.account,
      [...headerIds.values()].filter((id): id is string => id !== undefined),
    );
    const wanted = metas.filter((m) => {
      const id = headerIds.get(m.uid);
      return id === undefined || !known.has(id);
    });

    const small = wanted.filter((m) => (m.size ?? 0) <= account.maxMessageBytes);
    const big = wanted.filter((m) => (m.size ?? 0) > account.maxMessageBytes);
    const ctx = () => ({ account: account.account, receivedAt: this.deps.now(), ...this.deps.loop });
    const candidates: Array<{
      uid: number;
      message?: InboundMessageInput;
      reason?: string;
      invalid?: InboundMessageInput;
    }> = [];

    for (const group of sizeBoundedGroups(small)) {
      const sources = await client.fetchAll(
        group.map((m) => m.uid).join(','),
        { uid: true, source: true },
        { uid: true },
      );
      for (const s of sources) {
        if (!s.source) continue; // expunged meanwhile
        candidates.push(
          await this.read(s.uid, () =>
            readEmail(s.source as Buffer, ctx(), { blobs, maxAttachmentBytes: account.maxAttachmentBytes }),
          ),
        );
      }
    }
    if (big.length > 0) {
      const heads = await client.fetchAll(
        big.map((m) => m.uid).join(','),
        { uid: true, size: true, headers: true },
        { uid: true },
      );
      for (const h of heads) {
        this.log.warn(
          { uid: h.uid, size: h.size, limit: account.maxMessageBytes },
          'message too large; ingesting its headers only',
        );
        candidates.push(
          await this.read(h.uid, () =>
            readOversizedEmail(h.headers ?? Buffer.alloc(0), h.size ?? 0, account.maxMessageBytes, ctx()),
          ),
        );
      }
    }

    // The full key is known only now for mails without a Message-ID (a hash of the bytes).
    const ready = candidates.filter(
      (c): c is { uid: number; message: InboundMessageInput } => c.message !== undefined,
    );
    const already = await cursors.alreadyIngested(
      account.account,
      ready.map((c) => c.message.externalId),
    );
    const unique = new Map<string, InboundMessageInput>();
    for (const c of ready)
      if (!already.has(c.message.externalId)) unique.set(c.message.externalId, c.message);
    const published: InboundMessage[] = [];
    for (const chunk of chunksBySize([...unique.values()]))
      published.push(...(await publishInbound(bus, chunk)));
    // One policy for every adapter: what breaks the contract is dead-lettered (and, here,
    // also set aside in the mailbox's table, so a rescan retries it after a fix).
    for (const c of candidates) {
      if (c.invalid === undefined) continue;
      await deadLetterIntake(
        { bus, channel: 'email', log: this.log, now: this.deps.now },
        {
          account: account.account,
          reason: c.reason ?? 'invalid',
          payload: c.invalid,
          key: `email:${account.account}:${c.uid}`,
        },
      );
    }
    const setAside = candidates
      .filter((c) => c.reason !== undefined)
      .map((c) => ({ uid: c.uid, reason: c.reason as string }));
    await cursors.commit(
      account.account,
      account.imap.mailbox,
      uidValidity,
      Math.max(...uids),
      published.map((m) => ({ externalId: m.externalId, messageId: m.id })),
      setAside,
    );
    this.log.debug(
      { uids: uids.length, published: published.length, setAside: setAside.length },
      'batch ingested',
    );
    if (account.markSeen) await client.messageFlagsAdd(uids.join(','), ['\\Seen'], { uid: true });
    if (account.moveTo) await client.messageMove(uids.join(','), account.moveTo, { uid: true });
  }

  /**
   * Reads one message. A transient failure (the BlobStore is down) aborts the batch so it is
   * retried; anything else sets the message aside with the reason, so one bad message never
   * blocks the mailbox.
   */
  private async read(
    uid: number,
    fn: () => Promise<InboundMessageInput>,
  ): Promise<{ uid: number; message?: InboundMessageInput; reason?: string; invalid?: InboundMessageInput }> {
    let message: InboundMessageInput;
    try {
      // Repaired before anything looks it up by id in PostgreSQL (the ingested-ids table).
      message = repairInboundText(await fn());
    } catch (err) {
      if (isRetriable(err) && !(err instanceof TypeError) && !(err instanceof RangeError)) throw err;
      this.log.error({ uid, err }, 'message set aside: it could not be read');
      return { uid, reason: `unreadable: ${(err as Error).message}` };
    }
    const valid = InboundMessage.safeParse(message);
    if (!valid.success) {
      this.log.error(
        { uid, issues: valid.error.issues.slice(0, 5) },
        'message set aside: it does not fit the contract',
      );
      return {
        uid,
        reason: `invalid: ${valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        invalid: message,
      };
    }
    return { uid, message };
  }
}

function headerMessageId(headers: Buffer | undefined): string | undefined {
  const text = headers?.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const match = text ? /^message-id:\s*<([^<>\s]{1,990})>/im.exec(text) : null;
  return match?.[1]?.includes('@') ? match[1] : undefined;
}

/** Publishes stay far below Kafka's 1 MiB record-batch limit, whatever the partitioning. */
function chunksBySize(messages: InboundMessageInput[]): InboundMessageInput[][] {
  const chunks: InboundMessageInput[][] = [];
  let current: InboundMessageInput[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = serializedSize(m);
    if (current.length > 0 && bytes + size > 2 * MAX_EVENT_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function sizeBoundedGroups<T extends { size?: number }>(items: T[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && bytes + (item.size ?? 0) > FETCH_BYTES) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size ?? 0;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
