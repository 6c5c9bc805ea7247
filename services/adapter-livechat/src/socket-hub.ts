import { errorMessage, TYPING_CHANNEL, TypingSignal } from '@omni/contracts';
import type { Pool, PoolClient } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import type { WebSocket } from 'ws';
import { type ConversationRepository, ENTRY_CHANNEL } from './conversation.repository';
import type { ServerFrame } from './livechat.schema';

/** One open socket of a visitor and how far its conversation has been pushed on it. */
export class VisitorSocket {
  /** Sequence number of the last entry sent on this socket. */
  cursor: number;
  private pumping = false;
  private again = false;

  constructor(
    readonly socket: WebSocket,
    readonly account: string,
    readonly visitor: string,
    after: number,
  ) {
    this.cursor = after;
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /**
   * Sends every entry after the cursor, in order. One pump at a time per socket; a wake-up
   * during a pump makes it read once more, so an entry committed meanwhile is not missed.
   */
  async pump(repository: ConversationRepository, log: Logger): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      for (;;) {
        this.again = false;
        const entries = await repository.entriesAfter(this.account, this.visitor, this.cursor, 100);
        for (const { seq, ticketId: _t, ...message } of entries) {
          if (this.socket.readyState !== this.socket.OPEN) return;
          this.send({ type: 'message', message });
          this.cursor = seq;
        }
        if (entries.length < 100 && !this.again) return;
      }
    } catch (err) {
      // The client catches up from its last id when it reconnects; tell it to.
      log.warn({ err: errorMessage(err), account: this.account }, 'pushing the conversation failed');
      this.send({ type: 'reconnect' });
      this.socket.close(1011, 'try again');
    } finally {
      this.pumping = false;
    }
  }
}

const key = (account: string, visitor: string) => `${account}\u0000${visitor}`;

/**
 * The sockets this replica holds, by visitor, and the one PostgreSQL connection that hears
 * about new entries and agent typing from every replica (LISTEN/NOTIFY): whichever replica
 * stored a reply, the replica holding the visitor's socket pushes it. NOTIFY is sent on
 * commit, so a woken socket always finds the entry; a notification lost while the listening
 * connection was down is made up for by pumping every socket when it is back.
 */
export class SocketHub {
  private readonly sockets = new Map<string, Set<VisitorSocket>>();
  private listener: PoolClient | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly repository: ConversationRepository,
    private readonly log: Logger,
  ) {}

  get size(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }

  socketsOf(account: string, visitor: string): number {
    return this.sockets.get(key(account, visitor))?.size ?? 0;
  }

  add(socket: VisitorSocket): void {
    const k = key(socket.account, socket.visitor);
    const set = this.sockets.get(k) ?? new Set();
    set.add(socket);
    this.sockets.set(k, set);
    void socket.pump(this.repository, this.log);
  }

  remove(socket: VisitorSocket): void {
    const k = key(socket.account, socket.visitor);
    const set = this.sockets.get(k);
    set?.delete(socket);
    if (set?.size === 0) this.sockets.delete(k);
  }

  /** Pushes what is new to the visitor's sockets on this replica. */
  wake(account: string, visitor: string): void {
    for (const s of this.sockets.get(key(account, visitor)) ?? []) void s.pump(this.repository, this.log);
  }

  /** Starts listening; resolves once the first LISTEN is in place. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', (n) => this.onNotification(n.channel, n.payload));
    client.on('error', (err) => {
      this.log.warn({ err: errorMessage(err) }, 'the live chat lost its PostgreSQL listener; reconnecting');
      this.dropListener(client, err);
      this.scheduleListen();
    });
    await client.query(`LISTEN ${ENTRY_CHANNEL}`);
    await client.query(`LISTEN ${TYPING_CHANNEL}`);
    this.listener = client;
    // What was announced while nobody listened.
    for (const set of this.sockets.values()) for (const s of set) void s.pump(this.repository, this.log);
  }

  private scheduleListen(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.listen().catch((err: unknown) => {
        this.log.warn({ err: errorMessage(err) }, 'listening to PostgreSQL failed; retrying');
        this.scheduleListen();
      });
    }, 1000);
    this.retry.unref();
  }

  private dropListener(client: PoolClient, err?: unknown): void {
    if (this.listener === client) this.listener = undefined;
    client.removeAllListeners('notification');
    client.release(err instanceof Error ? err : true);
  }

  private onNotification(channel: string, payload: string | undefined): void {
    if (this.sockets.size === 0 || !payload) return;
    try {
      if (channel === ENTRY_CHANNEL) {
        const { a, v } = JSON.parse(payload) as { a: string; v: string };
        this.wake(a, v);
      } else if (channel === TYPING_CHANNEL) {
        const signal = TypingSignal.parse(JSON.parse(payload));
        void this.repository
          .visitorsOfTicket(signal.ticketId)
          .then((visitors) => {
            for (const { account, visitor } of visitors)
              for (const s of this.sockets.get(key(account, visitor)) ?? []) s.send({ type: 'typing' });
          })
          .catch((err: unknown) => this.log.debug({ err: errorMessage(err) }, 'typing not shown'));
      }
    } catch (err) {
      this.log.warn({ err: errorMessage(err), channel }, 'unreadable notification ignored');
    }
  }

  /** Tells every client to reconnect (to another replica) and closes its socket. */
  disconnectAll(): void {
    for (const set of this.sockets.values())
      for (const s of set) {
        s.send({ type: 'reconnect' });
        s.socket.close(1012, 'server restarting');
      }
    this.sockets.clear();
  }

  /** Sends every client elsewhere and stops listening. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.disconnectAll();
    const client = this.listener;
    if (client) {
      await client.query(`UNLISTEN *`).catch(() => undefined);
      this.dropListener(client);
    }
  }
}
