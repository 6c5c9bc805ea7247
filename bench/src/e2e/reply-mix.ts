import { createHmac } from 'node:crypto';
import http from 'node:http';
import { percentile } from '../bench-kit';
import { TOKEN_SQL_PATTERN, tokenOf } from './messages';
import { CHANNELS, type Channel, type System } from './system';

/**
 * Channels whose replies leave to a fake platform in the bench (web-form and email replies
 * leave by SMTP, which the bench does not run).
 */
export const REPLY_CHANNELS: readonly Channel[] = ['telegram', 'viber', 'facebook', 'vk'];

/** Whether inbound message `seq` gets an agent reply: a fixed hash, the same in every run. */
export function getsReply(seq: number, share: number): boolean {
  const channel = CHANNELS[seq % CHANNELS.length] as Channel;
  if (!REPLY_CHANNELS.includes(channel)) return false;
  return ((Math.imul(seq + 1, 2654435761) >>> 0) % 10_000) / 10_000 < share;
}

export interface ReplyMixResult {
  /** Inbound messages picked for a reply (some may never be stored: refused at the adapter). */
  chosen: number;
  /** `POST /v1/tickets/{id}/replies` sent, by HTTP status. */
  replyStatuses: Record<string, number>;
  /** Replies the fake platforms received, by channel (telegram sendMessage, viber send_message, …). */
  reachedFake: Record<string, number>;
  /** Status webhooks sent back to the adapters, by channel, and their HTTP statuses. */
  statusWebhooks: Record<string, number>;
  statusWebhookStatuses: Record<string, number>;
  /** Replies accepted by the API (202) but not seen at a fake when the mix stopped. */
  missing: number;
  /** Picked replies not sent when the mix ran out of time. */
  unsent: number;
  /** Reply accepted → at its fake, ms: see {@link replyLagsMs}. */
  lagMs: { p50: number; p99: number; max: number };
}

/** How long replies already sent may take to reach their fakes once the mix is out of time. */
const SETTLE_MS = 30_000;

/** Replies the bench's helpdesk keeps in flight at once. */
const MAX_REPLIES_IN_FLIGHT = 16;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const r = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode ?? 0)));
        res.on('error', () => resolve('reset'));
      },
    );
    r.setTimeout(30_000, () => r.destroy(new Error('timeout')));
    r.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    r.end(body);
  });
}

/**
 * The outbound half of a real day, next to the load process's inbound webhooks: an agent
 * replies to a share of the inbound messages through `POST /v1/tickets/{id}/replies` (ticket
 * found in the database once the message is stored, as a helpdesk finds it in its feed), the
 * reply goes through the outbox, Kafka and the adapter to the fake platform, and for every
 * message the fake received the platform's status callbacks come back, signed as the platform
 * signs them: Viber `delivered` + `seen`, Messenger `delivery` + `read`, VK `message_reply`
 * (its echo of our send) + `message_read`. Telegram's Bot API reports no delivery status.
 * Everything goes to loopback (the adapters and the tickets API of this machine).
 */
export class ReplyMix {
  private nextSeq = 0;
  private readonly pending: string[] = [];
  /** Picked messages whose ticket is known, waiting for a free reply slot. */
  private readonly ready: { token: string; ticketId: string }[] = [];
  /** Tickets of this run's stored inbound messages, by token ({@link readStored}). */
  private readonly ticketOf = new Map<string, string>();
  /** Position in the change feed's table: (txid, seq) of the last event read. */
  private feed = { txid: '0', seq: '0' };
  private chosen = 0;
  private accepted = 0;
  private inFlight = 0;
  private readonly replyStatuses: Record<string, number> = {};
  private readonly statusWebhooks: Record<string, number> = {};
  private readonly statusWebhookStatuses: Record<string, number> = {};
  private readonly cursors = { viber: 0, facebook: 0, vk: 0 };
  /** Replies accepted and replies at the fakes, counted at the end of every round. */
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly system: System,
    private readonly runId: string,
    private readonly share: number,
    /** How many unique inbound messages the load process has sent so far. */
    private readonly sentSoFar: () => number,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.round()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, 250);
        });
    };
    this.timer = setTimeout(tick, 250);
  }

  /**
   * Until every reply the API accepted reached its fake and its statuses went back, or
   * `timeoutMs`. Out of time, the replies not yet sent are dropped (`unsent`), and those sent get
   * up to {@link SETTLE_MS} more to reach their fakes: `missing` then counts replies lost or
   * stuck, not replies the clock cut off on their way (a run whose drain took longer than
   * another's reported some as missing).
   */
  async finish(timeoutMs: number): Promise<ReplyMixResult> {
    const until = Date.now() + timeoutMs;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    for (;;) {
      await this.round();
      const done =
        this.pending.length === 0 &&
        this.ready.length === 0 &&
        this.inFlight === 0 &&
        this.reached() >= this.accepted;
      if (done || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const unsent = this.pending.length + this.ready.length;
    this.pending.length = 0;
    this.ready.length = 0;
    const settled = Date.now() + SETTLE_MS;
    while ((this.inFlight > 0 || this.reached() < this.accepted) && Date.now() <= settled) {
      await new Promise((r) => setTimeout(r, 250));
      await this.round();
    }
    await this.pumpStatuses();
    const reachedFake = this.reachedByChannel();
    return {
      chosen: this.chosen,
      replyStatuses: this.replyStatuses,
      reachedFake,
      statusWebhooks: this.statusWebhooks,
      statusWebhookStatuses: this.statusWebhookStatuses,
      missing: Math.max(0, this.accepted - this.reached()),
      unsent,
      lagMs: lagSummary(replyLagsMs(this.samples)),
    };
  }

  /**
   * Outbound messages by channel and `delivery_status` (read after the CPU window: the last
   * reports still travel adapter → Kafka → threading).
   */
  async deliveryStatuses(): Promise<Record<string, number>> {
    const { rows } = await this.system.pool.query<{ key: string; n: string }>(
      `SELECT channel || ':' || coalesce(delivery_status, 'none') AS key, count(*) AS n
         FROM messages WHERE direction = 'outbound' GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
  }

  progress(): { replies: number; reached: number; statuses: number } {
    return {
      replies: this.accepted,
      reached: this.reached(),
      statuses: Object.values(this.statusWebhooks).reduce((a, b) => a + b, 0),
    };
  }

  private reachedByChannel(): Record<string, number> {
    const f = this.system.fakes;
    return {
      telegram: f.telegram.calls.filter((c) => c.method === 'sendMessage').length,
      viber: f.viber.sent.length,
      facebook: f.facebook.sentMids.length,
      vk: f.vk.sent.length,
    };
  }

  private reached(): number {
    return Object.values(this.reachedByChannel()).reduce((a, b) => a + b, 0);
  }

  private async round(): Promise<void> {
    for (const sent = this.sentSoFar(); this.nextSeq < sent; this.nextSeq++) {
      if (!getsReply(this.nextSeq, this.share)) continue;
      this.pending.push(tokenOf(this.runId, this.nextSeq));
      this.chosen++;
    }
    await Promise.all([this.replyToStored(), this.pumpStatuses()]);
    this.samples.push({ at: Date.now(), accepted: this.accepted, reached: this.reached() });
  }

  /** Queues replies to the picked messages already stored, and sends what the in-flight limit allows. */
  private async replyToStored(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.readStored();
    for (let i = 0; i < this.pending.length; ) {
      const token = this.pending[i] as string;
      const ticketId = this.ticketOf.get(token);
      if (ticketId === undefined) i++;
      else {
        this.ready.push({ token, ticketId });
        this.pending.splice(i, 1);
      }
    }
    this.sendReplies();
  }

  /**
   * At most {@link MAX_REPLIES_IN_FLIGHT} replies in flight, as a helpdesk's integration
   * would: a burst of 200 at once queued in the tickets service for a pooled connection past
   * its 5 s wait and came back 503.
   */
  private sendReplies(): void {
    const url = `${this.system.url('tickets')}/v1/tickets`;
    while (this.inFlight < MAX_REPLIES_IN_FLIGHT && this.ready.length > 0) {
      const r = this.ready.shift() as { token: string; ticketId: string };
      this.inFlight++;
      void post(
        `${url}/${r.ticketId}/replies`,
        {
          'content-type': 'application/json',
          authorization: `Bearer ${this.system.apiKey}`,
          'idempotency-key': `reply-${r.token}`,
        },
        Buffer.from(JSON.stringify({ text: 'Thank you, we are looking into it.', author: 'bench agent' })),
      ).then((status) => {
        this.inFlight--;
        this.replyStatuses[status] = (this.replyStatuses[status] ?? 0) + 1;
        if (status === '202') this.accepted++;
        this.sendReplies();
      });
    }
  }

  /**
   * This run's inbound messages stored since the last round, with their tickets, read from the
   * change feed's table in commit order (`message.created` events after a (txid, seq) position,
   * below the oldest running transaction, as the outbox relay reads it) — a helpdesk finds them
   * in its feed the same way. Each round reads only what is new: the text search this replaced
   * (`LIKE ANY` of 200 tokens) rescanned every stored message of the run and was PostgreSQL's
   * most expensive statement in e2e (0.73 ms per accepted message), counted as the system's.
   */
  private async readStored(): Promise<void> {
    const { rows } = await this.system.pool.query<{
      txid: string;
      seq: string;
      token: string | null;
      ticket_id: string | null;
    }>(
      `SELECT e.txid::text AS txid, e.seq::text AS seq,
              substring(m.text from '${TOKEN_SQL_PATTERN}') AS token, m.ticket_id
         FROM (SELECT txid, seq, type, data FROM events
                WHERE (txid, seq) > ($1::xid8, $2::bigint) AND txid < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY txid, seq LIMIT 20000) e
         -- Each message by its primary key: joined, the planner hashed every stored message per
         -- round while it took the table for small (0.14 ms per accepted message at 75/s).
         LEFT JOIN LATERAL (
           SELECT m.text, m.ticket_id FROM messages m
            WHERE e.type = 'message.created' AND m.id = (e.data->>'messageId')::uuid AND m.direction = 'inbound'
            LIMIT 1) m ON true
        ORDER BY e.txid, e.seq`,
      [this.feed.txid, this.feed.seq],
    );
    for (const r of rows) if (r.token && r.ticket_id) this.ticketOf.set(r.token, r.ticket_id);
    const last = rows.at(-1);
    if (last) this.feed = { txid: last.txid, seq: last.seq };
  }

  /** The platforms' status callbacks for every message the fakes received since the last round. */
  private async pumpStatuses(): Promise<void> {
    const { fakes, targets } = this.system;
    const now = Date.now();
    const requests: Array<{ channel: string; url: string; headers: Record<string, string>; body: Buffer }> =
      [];
    for (const s of fakes.viber.sent.slice(this.cursors.viber)) {
      for (const event of ['delivered', 'seen']) {
        // Viber's tokens exceed 2^53: a bare JSON number, as Viber writes it.
        const body = Buffer.from(
          JSON.stringify({ event, timestamp: now, message_token: '__T__', user_id: s.receiver }).replace(
            '"__T__"',
            s.messageToken,
          ),
        );
        const signature = createHmac('sha256', targets.viber.authToken).update(body).digest('hex');
        requests.push({
          channel: 'viber',
          url: targets.viber.url,
          body,
          headers: { 'content-type': 'application/json', 'x-viber-content-signature': signature },
        });
      }
    }
    this.cursors.viber = fakes.viber.sent.length;
    for (const s of fakes.facebook.sentMids.slice(this.cursors.facebook)) {
      const base = { sender: { id: s.psid }, recipient: { id: targets.facebook.pageId }, timestamp: now };
      for (const event of [{ delivery: { mids: [s.mid], watermark: now } }, { read: { watermark: now } }]) {
        const body = Buffer.from(
          JSON.stringify({
            object: 'page',
            entry: [{ id: targets.facebook.pageId, time: now, messaging: [{ ...base, ...event }] }],
          }),
        );
        const signature = `sha256=${createHmac('sha256', targets.facebook.appSecret).update(body).digest('hex')}`;
        requests.push({
          channel: 'facebook',
          url: targets.facebook.url,
          body,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        });
      }
    }
    this.cursors.facebook = fakes.facebook.sentMids.length;
    for (const s of fakes.vk.sent.slice(this.cursors.vk)) {
      const date = Math.floor(now / 1000);
      const echo = {
        id: s.messageId,
        date,
        from_id: -targets.vk.groupId,
        peer_id: s.peerId,
        out: 1,
        conversation_message_id: s.conversationMessageId,
        random_id: s.randomId,
        text: s.text,
        attachments: [],
      };
      const read = {
        from_id: s.peerId,
        peer_id: s.peerId,
        read_message_id: s.messageId,
        conversation_message_id: s.conversationMessageId,
      };
      for (const [type, object] of [
        ['message_reply', echo],
        ['message_read', read],
      ] as const)
        requests.push({
          channel: 'vk',
          url: targets.vk.url,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(
            JSON.stringify({
              type,
              object,
              group_id: targets.vk.groupId,
              event_id: `ev-${type}-${s.peerId}-${s.conversationMessageId}`,
              v: '5.199',
              secret: targets.vk.secret,
            }),
          ),
        });
    }
    this.cursors.vk = fakes.vk.sent.length;
    for (let i = 0; i < requests.length; i += 16)
      await Promise.all(
        requests.slice(i, i + 16).map(async (r) => {
          const status = await post(r.url, r.headers, r.body);
          this.statusWebhooks[r.channel] = (this.statusWebhooks[r.channel] ?? 0) + 1;
          this.statusWebhookStatuses[status] = (this.statusWebhookStatuses[status] ?? 0) + 1;
        }),
      );
  }
}

const lagSummary = (lags: number[]) => ({
  p50: percentile(lags, 50),
  p99: percentile(lags, 99),
  max: lags.reduce((a, b) => Math.max(a, b), 0),
});

/**
 * Replies that reached no fake (accepted but missing, picked but not sent), as both of the
 * bench's reports write them.
 */
export const repliesNotArrived = (r: Pick<ReplyMixResult, 'missing' | 'unsent'>): string =>
  `${r.missing} missing${r.unsent ? `, ${r.unsent} not sent (out of time)` : ''}`;

interface Sample {
  at: number;
  accepted: number;
  reached: number;
}

/**
 * How long each reply took from the API's 202 to its fake platform, read as a queue's wait from
 * the two counts of every round: the k-th reply to arrive is taken for the k-th accepted (all
 * replies carry the same text, so they cannot be told apart at the fakes). Exact while replies
 * leave in the order they were accepted, and to a round (~250 ms); across four channels the
 * order is only roughly kept, so it is an estimate of the lag, not of any one reply's.
 */
export function replyLagsMs(samples: readonly Sample[]): number[] {
  const lags: number[] = [];
  let acceptedAt = 0; // index of the first sample by which reply k had been accepted
  let reached = 0;
  for (const s of samples) {
    for (; reached < s.reached; reached++) {
      while (acceptedAt < samples.length && (samples[acceptedAt] as Sample).accepted <= reached) acceptedAt++;
      const accepted = samples[acceptedAt];
      // A reply at a fake before its 202 was counted (the same round): no wait to speak of.
      lags.push(accepted && accepted.at < s.at ? s.at - accepted.at : 0);
    }
  }
  return lags;
}
