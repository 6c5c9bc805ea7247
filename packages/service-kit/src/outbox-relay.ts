import type { Bus } from '@omni/bus';
import { TOPICS } from '@omni/contracts';
import { AdvisoryLease, named, type Pool } from '@omni/db';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { COMMIT_WAKE_CHANNEL, CommitWokenLoop } from './commit-woken-loop';
import { eventsWaitAfter } from './event-log';
import { processMetrics } from './omni-metrics';

/** Whether events wait after the relay's position (see {@link eventsWaitAfter}). */
const HELD_BACK_SQL = `SELECT ${eventsWaitAfter(
  '((SELECT last_txid FROM event_relay_cursor), (SELECT last_seq FROM event_relay_cursor))',
)} AS held`;

/** What one batch published, and whether it was full (more may wait). */
interface Relayed {
  relayed: number;
  full: boolean;
}

export interface OutboxRelayOptions {
  pool: Pool;
  bus: Bus;
  log: Logger;
  /** Rows per round trip. */
  batchSize?: number;
  /**
   * Fallback poll interval when idle. The relay is woken as soon as a transaction that added
   * events or outbox rows commits (migration 21 notifies {@link COMMIT_WAKE_CHANNEL}); the poll
   * only catches what a notification cannot announce: an event held back by an older
   * transaction that wrote no events itself, a notification missed while the connection was down.
   */
  pollMs?: number;
  /**
   * Ceiling of the fallback poll while nothing is pending (default 30 s; see
   * {@link CommitWokenLoop}): it doubles from `pollMs` after each poll that found nothing.
   */
  idlePollMaxMs?: number;
  /** Pause after a round that relayed something (default 20 ms; see {@link CommitWokenLoop}). */
  busyPauseMs?: number;
  /** Least time from the start of an empty round to the next (default 100 ms; see {@link CommitWokenLoop}). */
  emptyGapMs?: number;
  /** How long published rows are kept (for inspection) before they are deleted. */
  retainMs?: number;
  /** Where the backlog gauge lives (default: the process's registry). */
  metrics?: Registry;
}

/**
 * Publishes outbox rows (written in the same transaction as the change that caused them)
 * to Kafka, in id order, and marks them published; and the domain events of the change
 * feed's table to `omni.events.v1`, in (txid, seq) order after a stored position (one row
 * per event serves both, see migration 20). Exactly one replica relays at a time (a
 * PostgreSQL advisory lock held on a dedicated connection); another takes over within
 * seconds when it dies. A crash between publish and mark re-publishes: consumers are
 * idempotent by the ids inside the payloads.
 */
export class OutboxRelay {
  private readonly loop: CommitWokenLoop;
  /** Exactly one replica relays, in id order. */
  private readonly lease: AdvisoryLease;
  private readonly log: Logger;
  private lastCleanup = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.log = opts.log.child({ component: 'outbox-relay' });
    this.lease = new AdvisoryLease(opts.pool, 'omni-outbox-relay');
    this.loop = new CommitWokenLoop({
      log: this.log,
      failure: 'outbox relay failed; retrying',
      prepare: () => this.holdLease(),
      round: async () => {
        const relayed = await this.relayPending();
        await this.cleanup();
        return relayed;
      },
      recover: () => this.lease.release(),
      quietForMs: () => this.quietForMs(),
      pollMs: opts.pollMs ?? 1_000,
      idlePollMaxMs: opts.idlePollMaxMs ?? 30_000,
      busyPauseMs: opts.busyPauseMs ?? 20,
      emptyGapMs: opts.emptyGapMs ?? 100,
    });
  }

  /** Starting twice is harmless: the gauge's sources are a set, and the loop starts once. */
  start(): void {
    processMetrics(this.opts.metrics)?.outboxBacklogSources.add(this.backlog);
    this.loop.start();
  }

  async stop(): Promise<void> {
    processMetrics(this.opts.metrics)?.outboxBacklogSources.delete(this.backlog);
    await this.loop.stop();
    await this.lease.release();
  }

  /** Outbox rows and events not yet published (the `omni_outbox_backlog` gauge, read at scrape time). */
  readonly backlog = async (): Promise<number> => {
    const { rows } = await this.opts.pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)
            + (SELECT count(*) FROM events WHERE key IS NOT NULL AND (txid, seq) >
                 ((SELECT last_txid FROM event_relay_cursor), (SELECT last_seq FROM event_relay_cursor))) AS n`,
    );
    return Number(rows[0]?.n ?? 0);
  };

  /**
   * Publishes what is pending now (tests and the one-process launcher use it to wait less): a
   * batch of outbox rows and a batch of events in turn, until neither fills its batch. Relaying
   * every pending event first, as this did, held the outbox (agents' replies) back for as long
   * as a stream of events outran the relay: threading records about four events a message, and
   * in `bench e2e` at 200,000 messages no reply reached a platform for 110 s.
   */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const outbox = await this.relayOutboxBatch();
      const events = await this.relayEventsBatch();
      total += outbox.relayed + events.relayed;
      if (!outbox.full && !events.full) return total;
    }
  }

  /**
   * Domain events after the relay's position, of transactions older than every running one
   * (so none committed later with a smaller txid is ever skipped), to `omni.events.v1`;
   * then the position moves past them (never back: a concurrent `relayPending` only
   * re-publishes). Events without a key were recorded by a previous version, which also
   * put them in the outbox: only the outbox relays those. One batch.
   */
  private async relayEventsBatch(): Promise<Relayed> {
    const { pool, bus, batchSize = 500 } = this.opts;
    const { rows } = await pool.query<{ txid: string; seq: string; key: string | null; payload: unknown }>(
      named(
        // `e.txid`, not the output column `txid` (text): ordered as text, '10' would come before
        // '9' (a batch cut by the LIMIT would move the position past events not yet relayed) and
        // no index would serve the order (a sort of the whole table every round).
        `SELECT e.txid::text AS txid, e.seq, e.key,
                jsonb_build_object('id', e.id, 'type', e.type, 'occurredAt', e.occurred_at, 'data', e.data) AS payload
           FROM events e
          WHERE (e.txid, e.seq) > ((SELECT last_txid FROM event_relay_cursor), (SELECT last_seq FROM event_relay_cursor))
            AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY e.txid, e.seq LIMIT $1`,
        [batchSize],
      ),
    );
    const last = rows.at(-1);
    if (!last) return { relayed: 0, full: false };
    const records = rows.flatMap((r) => (r.key === null ? [] : [{ key: r.key, value: r.payload }]));
    await bus.publish(TOPICS.events, records);
    await pool.query(
      named(
        `UPDATE event_relay_cursor SET last_txid = $1::xid8, last_seq = $2
          WHERE (last_txid, last_seq) < ($1::xid8, $2::bigint)`,
        [last.txid, last.seq],
      ),
    );
    return { relayed: records.length, full: rows.length === batchSize };
  }

  /**
   * For how long nothing can be pending that no notification announces (the loop's poll grows
   * no further): 0 while events after the position wait (a round that relayed nothing left
   * them: a running transaction holds them back, whose commit may notify no one), else never.
   */
  async quietForMs(): Promise<number> {
    const { rows } = await this.opts.pool.query<{ held: boolean }>(named(HELD_BACK_SQL));
    return rows[0]?.held === true ? 0 : Number.POSITIVE_INFINITY;
  }

  /** Outbox rows not yet published, in id order, to their topics; then marked published. One batch. */
  private async relayOutboxBatch(): Promise<Relayed> {
    const { pool, bus, batchSize = 500 } = this.opts;
    const { rows } = await pool.query<{
      id: string;
      topic: string;
      key: string;
      payload: unknown;
      payload_text: string | null;
      headers: Record<string, string>;
    }>(
      named(
        'SELECT id, topic, key, payload, payload_text, headers FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1',
        [batchSize],
      ),
    );
    if (rows.length === 0) return { relayed: 0, full: false };
    const byTopic = new Map<string, typeof rows>();
    for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await Promise.all(
      [...byTopic].map(([topic, list]) =>
        bus.publish(
          topic,
          list.map((r) => ({
            key: r.key,
            // JSON text where jsonb could not hold it (a replayed dead letter).
            value: r.payload_text === null ? r.payload : JSON.parse(r.payload_text),
            headers: r.headers,
          })),
        ),
      ),
    );
    await pool.query(
      named('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]),
    );
    return { relayed: rows.length, full: rows.length === batchSize };
  }

  private async holdLease(): Promise<boolean> {
    if (this.lease.held) return true;
    const acquired = await this.lease.tryAcquire();
    if (acquired) {
      this.log.info('outbox relay lease acquired');
      // Listening before the first round: nothing committed after it goes unannounced.
      await this.lease.listen(COMMIT_WAKE_CHANNEL, this.loop.notify);
    }
    return acquired;
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    const retainMs = this.opts.retainMs ?? 86_400_000;
    await this.opts.pool.query(
      `DELETE FROM outbox WHERE published_at < now() - ($1::bigint * interval '1 millisecond')`,
      [retainMs],
    );
  }
}
