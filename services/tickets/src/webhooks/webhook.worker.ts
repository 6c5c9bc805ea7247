import { type DomainEventType, EVENT_SPECS } from '@omni/contracts';
import { recordEvents } from '@omni/customers';
import { ChannelListener, named, type Pool, type PoolClient, withTransaction } from '@omni/db';
import {
  COMMIT_WAKE_CHANNEL,
  CommitWokenLoop,
  eventsWaitAfter,
  type Logger,
  type OutboundGuard,
  outboundRefusal,
  strictOutboundGuard,
} from '@omni/service-kit';
import { Webhook } from 'standardwebhooks';
import { getCustomer } from '../customer.queries';
import { getMessage, getTicket } from '../ticket.queries';

/**
 * Retry delays after the first attempt (the Standard Webhooks / Svix schedule): 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h — about 27.5 hours in all.
 */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

export interface WebhookWorkerOptions {
  pool: Pool;
  log: Logger;
  retryScheduleMs?: number[];
  /**
   * Fallback poll when idle. A commit that recorded events wakes the worker at once (migration
   * 21's notification, on a connection of its own); the poll catches deliveries due by the
   * clock (retries), events an older running transaction held back, a missed notification.
   */
  pollMs?: number;
  /**
   * Ceiling of the fallback poll while nothing is due (default 30 s; see {@link
   * CommitWokenLoop}): it doubles from `pollMs` after each poll that found nothing, never past
   * the next delivery's due time (a retry).
   */
  idlePollMaxMs?: number;
  /**
   * Pause after a round that did something. Without it a steady trickle of events (a few per
   * round, every event counts, subscribed or not) kept the dispatcher's transaction running
   * back to back: at a day's pace more PostgreSQL statements than the events themselves.
   */
  busyPauseMs?: number;
  /** Least time from the start of an empty round to the next (see {@link CommitWokenLoop}). */
  emptyGapMs?: number;
  /** A receiver gets this long to answer before the attempt counts as failed. */
  timeoutMs?: number;
  /** Deliveries claimed (and sent concurrently) per round. */
  batchSize?: number;
  /** Every delivery's connection is judged by it (`OMNI_OUTBOUND_ALLOW`). Default: no allowlist. */
  outboundGuard?: OutboundGuard;
}

interface Claimed {
  id: string;
  subscription_id: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
  /** The rotated-out secret while its overlap lasts, else null. */
  previous_secret: string | null;
}

/**
 * The `webhook-signature` header: `v1,<sig>` with the current secret and, while a rotation's
 * overlap lasts, a second one with the previous secret, space-separated (Standard Webhooks
 * sends several for exactly this): a receiver verifying with either secret accepts it.
 */
export function signDelivery(
  d: Pick<Claimed, 'id' | 'secret' | 'previous_secret'>,
  at: Date,
  body: string,
): string {
  const secrets = d.previous_secret ? [d.secret, d.previous_secret] : [d.secret];
  return secrets.map((secret) => new Webhook(secret).sign(d.id, at, body)).join(' ');
}

/**
 * Outbound webhooks, off the request path: a dispatcher fans new events out into
 * `webhook_deliveries` (one per matching subscription), and a sender claims due deliveries
 * with FOR UPDATE SKIP LOCKED, signs them (Standard Webhooks) and posts them. Any number of
 * replicas may run it: the cursor row and the claims keep every delivery to one sender.
 */
export class WebhookWorker {
  private readonly loop: CommitWokenLoop;
  /** Every replica dispatches and sends, so each listens on a connection of its own (no lease). */
  private readonly listener: ChannelListener;
  private readonly log: Logger;
  private readonly schedule: number[];
  /** The last dispatch found events after the cursor that a running transaction still holds back. */
  private heldBack = false;

  constructor(private readonly opts: WebhookWorkerOptions) {
    this.log = opts.log.child({ component: 'webhooks' });
    this.schedule = opts.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
    this.loop = new CommitWokenLoop({
      log: this.log,
      failure: 'webhook round failed; retrying',
      prepare: async () => {
        await this.listener.ensure();
        return true;
      },
      round: () => this.tick(),
      heldBack: () => this.heldBack,
      quietForMs: () => this.nextDueInMs(),
      pollMs: opts.pollMs ?? 500,
      idlePollMaxMs: opts.idlePollMaxMs ?? 30_000,
      busyPauseMs: opts.busyPauseMs ?? 20,
      emptyGapMs: opts.emptyGapMs ?? 100,
    });
    this.listener = new ChannelListener(opts.pool, COMMIT_WAKE_CHANNEL, this.loop.notify);
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.listener.close();
  }

  /** One round: dispatch new events, send due deliveries. Returns how much was done. */
  async tick(): Promise<number> {
    const dispatched = await this.dispatch();
    const sent = await this.sendDue();
    return dispatched + sent;
  }

  /**
   * Events after the cursor, of transactions older than every running one, become
   * deliveries; those of `full` subscriptions get their resource in the same transaction.
   */
  async dispatch(): Promise<number> {
    return withTransaction(this.opts.pool, async (client) => {
      // One statement: the cursor locked, the batch fanned out, the cursor moved past it. A round
      // is three round trips with BEGIN and COMMIT (five before); at a quiet hour every commit
      // elsewhere wakes one.
      const { rows } = await client.query<{
        locked: boolean;
        n: number;
        held: boolean;
        full: FullDelivery[];
      }>(
        named(
          `WITH at AS (
           SELECT last_txid, last_seq FROM webhook_dispatch_cursor FOR UPDATE SKIP LOCKED
         ), batch AS (
           -- The position as values (subqueries run once), not joined: joined, the events were
           -- read whole (a sequential scan and a sort per round) instead of from it along the index.
           SELECT seq, txid, id, type, occurred_at, data FROM events
            WHERE (txid, seq) > ((SELECT last_txid FROM at), (SELECT last_seq FROM at))
              AND txid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY txid, seq LIMIT 500
         ), fanned AS (
           INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, payload)
           SELECT gen_random_uuid(), s.id, b.id, b.type,
                  jsonb_build_object('id', b.id, 'type', b.type, 'timestamp', ${ISO_OCCURRED_AT},
                    'occurredAt', ${ISO_OCCURRED_AT}, 'data', b.data)
             FROM batch b JOIN webhook_subscriptions s ON s.disabled_at IS NULL AND b.type = ANY (s.events) AND b.txid >= s.start_txid
           ON CONFLICT DO NOTHING
           RETURNING id, subscription_id, event_type, payload
         ), last AS (
           SELECT txid, seq FROM batch ORDER BY txid DESC, seq DESC LIMIT 1
         ), moved AS (
           -- Runs whether or not it is read, as every data-modifying WITH does.
           UPDATE webhook_dispatch_cursor SET last_txid = last.txid, last_seq = last.seq FROM last
         )
         SELECT EXISTS (SELECT 1 FROM at) AS locked,
                (SELECT count(*)::int FROM batch) AS n,
                -- Nothing to take, yet events after the cursor: a transaction older than them still runs.
                NOT EXISTS (SELECT 1 FROM batch) AND ${eventsWaitAfter('((SELECT last_txid FROM at), (SELECT last_seq FROM at))')} AS held,
                (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', f.id, 'type', f.event_type, 'data', f.payload->'data')), '[]')
                   FROM fanned f JOIN webhook_subscriptions s ON s.id = f.subscription_id AND s.payload = 'full') AS full`,
        ),
      );
      const round = rows[0];
      // Without the lock there is no position, so `held` is false.
      this.heldBack = round?.held === true;
      // Not locked: another replica is dispatching.
      if (!round?.locked || round.n === 0) return 0;
      await addResources(client, round.full);
      return round.n;
    });
  }

  /**
   * Time until the first pending delivery is due (a retry; 0 when one is due now, claimed or
   * not), Infinity when none is pending. A new delivery comes from an event, whose commit
   * notifies; a retry's time is only here.
   */
  async nextDueInMs(): Promise<number> {
    const { rows } = await this.opts.pool.query<{ ms: number | null }>(
      named(
        `SELECT (EXTRACT(EPOCH FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
           FROM webhook_deliveries WHERE status = 'pending'`,
      ),
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? Number.POSITIVE_INFINITY : Math.max(0, ms);
  }

  private async sendDue(): Promise<number> {
    const { rows } = await this.opts.pool.query<Claimed>(
      named(
        `WITH due AS (
         SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET locked_until = now() + ($2::bigint * interval '1 millisecond')
         FROM due, webhook_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.payload, d.attempts, s.url, s.secret,
                 CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END AS previous_secret`,
        [this.opts.batchSize ?? 50, (this.opts.timeoutMs ?? 10_000) * 2 + 5_000],
      ),
    );
    await Promise.all(rows.map((d) => this.attempt(d)));
    return rows.length;
  }

  private async attempt(d: Claimed): Promise<void> {
    const body = JSON.stringify(d.payload);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const now = new Date();
      const signature = signDelivery(d, now, body);
      const res = await (this.opts.outboundGuard ?? strictOutboundGuard()).fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'omni-webhooks/1',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      const refusal = outboundRefusal(err);
      refused = refusal !== undefined;
      error = refusal
        ? refusal.message
        : (err as Error).name === 'TimeoutError'
          ? 'timed out'
          : `request failed: ${(err as Error).message}`;
    }
    await this.record(d, statusCode, error, Date.now() - started, refused);
  }

  private async record(
    d: Claimed,
    statusCode: number | null,
    error: string | null,
    durationMs: number,
    /** The address is forbidden (a subscription made before the policy, or DNS now answering an internal address): no retry will help. */
    refused = false,
  ): Promise<void> {
    await withTransaction(this.opts.pool, async (client) => {
      await client.query(
        'INSERT INTO webhook_attempts (delivery_id, status_code, error, duration_ms) VALUES ($1, $2, $3, $4)',
        [d.id, statusCode, error, durationMs],
      );
      const attempts = d.attempts + 1;
      if (!error) {
        await client.query(
          `UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), locked_until = NULL, last_error = NULL
            WHERE id = $1 AND status = 'pending'`,
          [d.id, attempts],
        );
        return;
      }
      const delay = refused ? undefined : this.schedule[attempts - 1];
      if (delay !== undefined) {
        await client.query(
          `UPDATE webhook_deliveries SET attempts = $2, last_error = $3, locked_until = NULL,
                  next_attempt_at = now() + ($4::bigint * interval '1 millisecond') WHERE id = $1 AND status = 'pending'`,
          [d.id, attempts, error, delay],
        );
        this.log.info(
          { deliveryId: d.id, attempts, error, retryInMs: delay },
          'webhook delivery failed; will retry',
        );
        return;
      }
      await client.query(
        `UPDATE webhook_deliveries SET status = 'failed', attempts = $2, last_error = $3, locked_until = NULL WHERE id = $1`,
        [d.id, attempts, error],
      );
      await this.disable(
        client,
        d.subscription_id,
        refused && error ? error : `deliveries failed for the whole retry schedule (last: ${error})`,
      );
    });
  }

  private async disable(client: PoolClient, subscriptionId: string, reason: string): Promise<void> {
    const { rowCount } = await client.query(
      'UPDATE webhook_subscriptions SET disabled_at = now(), disabled_reason = $2 WHERE id = $1 AND disabled_at IS NULL',
      [subscriptionId, reason],
    );
    if (!rowCount) return;
    await client.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = 'subscription disabled', locked_until = NULL
        WHERE subscription_id = $1 AND status = 'pending'`,
      [subscriptionId],
    );
    await recordEvents(
      client,
      [{ type: 'webhook.disabled', key: subscriptionId, data: { subscriptionId, reason } }],
      new Date(),
    );
    this.log.warn({ subscriptionId, reason }, 'webhook subscription disabled');
  }
}

/** `occurred_at` of the batch row as JavaScript's `toISOString()` writes it. */
const ISO_OCCURRED_AT = `to_char(b.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface FullDelivery {
  id: string;
  type: DomainEventType;
  data: Record<string, unknown>;
}

const RESOURCE_ID = { ticket: 'ticketId', message: 'messageId', customer: 'customerId' } as const;
const READ_RESOURCE = { ticket: getTicket, message: getMessage, customer: getCustomer } as const;

/**
 * Full events: `data.<ticket|message|customer>` as the API answers it now, read once per
 * resource of the batch. An event whose resource is gone stays thin.
 */
async function addResources(client: PoolClient, deliveries: FullDelivery[]): Promise<void> {
  const read = new Map<string, Promise<unknown>>();
  const updates: Array<{ id: string; key: string; value: unknown }> = [];
  for (const d of deliveries) {
    const resource = EVENT_SPECS[d.type]?.resource;
    const id = resource ? d.data[RESOURCE_ID[resource]] : undefined;
    if (!resource || typeof id !== 'string') continue;
    const key = `${resource}:${id}`;
    if (!read.has(key)) read.set(key, READ_RESOURCE[resource](client, id));
    const value = await read.get(key);
    if (value) updates.push({ id: d.id, key: resource, value });
  }
  if (updates.length === 0) return;
  await client.query(
    `UPDATE webhook_deliveries d SET payload = jsonb_set(d.payload, ARRAY['data', v.key], v.value)
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS v(id, key, value) WHERE d.id = v.id`,
    [updates.map((u) => u.id), updates.map((u) => u.key), updates.map((u) => JSON.stringify(u.value))],
  );
}
