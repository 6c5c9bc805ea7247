import type { Bus } from '@omni/bus';
import { channelTraits, DeliveryReport, type IdentityKind, TOPICS, userIdentityValue } from '@omni/contracts';
import { customerAndMergedIds, eventsInsert, recordEvents } from '@omni/customers';
import { named, type Pool, type PoolClient, withTransaction } from '@omni/db';
import type { Logger } from '@omni/service-kit';

/**
 * Status order: a late `sent` never overwrites `delivered`/`read`. `failed` only follows
 * `queued` or `sent` (a message the platform already delivered did not fail).
 */
const RANK = { queued: 0, failed: 1, sent: 1, delivered: 2, read: 3 } as const;
type Status = keyof typeof RANK;

/**
 * Consumes `omni.delivery.v1` and moves our outbound messages' delivery status. This lives
 * in the ticket service (not threading, as ARCHITECTURE.md sketches) so a reply's whole
 * lifecycle — queued, sent or failed — is owned by the service that created it. Redelivered
 * reports change nothing.
 */
export async function startDeliveryConsumer(opts: {
  bus: Bus;
  pool: Pool;
  log: Logger;
  groupId?: string;
}): Promise<void> {
  const log = opts.log.child({ component: 'delivery-consumer' });
  await opts.bus.subscribe({
    groupId: opts.groupId ?? 'omni-tickets-delivery',
    topic: TOPICS.delivery,
    schema: DeliveryReport,
    // A redelivered report changes no message and writes no event (applyDeliveryBatch).
    idempotent: true,
    handle: async (records) => {
      await applyDeliveryBatch(
        opts.pool,
        records.map((r) => r.value),
        log,
      );
    },
  });
}

/**
 * A batch of reports in one transaction. Every message the batch is about is locked first, all
 * in one statement in id order: the reports of one message arrive under different keys, so on
 * different partitions, handled at once (`sent` from the outbound sender keyed by ticket,
 * `delivered`/`read` from the platform's callbacks keyed by recipient, and a Messenger
 * watermark covers several messages). Locked report by report, two partitions' batches took
 * the same rows in opposite orders and deadlocked; with one lock order no two batches can
 * wait on each other in a cycle.
 *
 * The reports are then folded in order in memory and each message is written once, with all
 * the batch's events in one more statement: three statements a batch instead of three a
 * report. The locks are held for the whole transaction, and threading (an echo teaching a
 * reply's platform id) waits on them: applied report by report, a batch held them for
 * seconds under load (PostgreSQL's lock-wait log of a mixed bench run: 26 threading writes
 * and 20 other batches waiting over a second, inbound messages queued behind them). Writing a
 * message once also keeps a second UPDATE of a row in one transaction from re-checking its
 * foreign key, which KEY SHARE-locks the ticket until commit.
 */
export async function applyDeliveryBatch(
  pool: Pool,
  reports: readonly DeliveryReport[],
  log: Logger,
): Promise<number> {
  if (reports.length === 0) return 0;
  return withTransaction(pool, async (client) => {
    const outcome = foldReports(reports, await targetsOf(client, reports), log);
    await writeMessages(client, outcome.messages, outcome.events);
    return outcome.events.length;
  });
}

/** A message one of the reports is about, as locked, with the report it was found for. */
interface Target {
  /** Index of the report in the batch. */
  report: number;
  /** The report names the message itself (by our id or the platform's), not by a watermark. */
  named: boolean;
  id: string;
  ticket_id: string;
  channel: string;
  account: string;
  delivery_status: Status | null;
  external_id: string | null;
  /** Another message of the channel and account already holds the platform id the report names this one by. */
  external_id_taken: boolean;
}

/**
 * The outbound messages each report is about, locked in id order:
 * - ours by `messageId` (the adapter knew the send);
 * - else by the platform's id `(channel, account, externalId)` — sends of another adapter
 *   replica or before a restart cannot name our id, but the `sent` report stored theirs;
 * - and, for a watermark (Messenger names a time, not messages), every outbound message on
 *   that channel and account to the customer with identity `recipientExternalId` created at
 *   or before it that is not read yet (whether it failed is decided in order, by the fold).
 */
async function targetsOf(client: PoolClient, reports: readonly DeliveryReport[]): Promise<Target[]> {
  const column = (f: (r: DeliveryReport) => string | null) => reports.map(f);
  const { rows } = await client.query<Target>(
    named(
      `WITH report AS (
       SELECT r.*, (r.ordinality - 1)::int AS report
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
              WITH ORDINALITY AS r(message_id, channel, account, external_id, watermark, recipient, identity_kind)
     ), by_id AS (
       -- \`m.id = ANY\`: by key (joined to the reports alone, a young database's messages were
       -- hashed whole; see the intake in automation's ticket-intake.ts).
       SELECT r.report, m.id FROM report r JOIN messages m ON m.id = r.message_id AND m.direction = 'outbound'
        WHERE m.id = ANY($1::uuid[])
     ), target AS (
       SELECT report, id, true AS named FROM by_id
       UNION ALL
       SELECT r.report, m.id, true FROM report r JOIN messages m
           ON r.external_id IS NOT NULL AND m.channel = r.channel AND m.account = r.account
          AND m.external_id = r.external_id AND m.direction = 'outbound'
        WHERE r.report NOT IN (SELECT report FROM by_id)
       UNION ALL
       -- The recipient's identity as threading stores it (identity_kind: the channel's user-id kind),
       -- probed by its unique key per report: joined, a batch's estimate of many reports made a
       -- hash join of every identity (a scan of the whole table per batch with a watermark).
       -- Then the messages of each of that customer's ids (with those merged into it), along the
       -- customer's (customer_id, sent_at) index. Joined to the customers by an OR, they were read
       -- with a scan of every message wherever the statistics did not say otherwise (a new
       -- database before autovacuum's first ANALYZE, and the generic plan): in \`pnpm bench e2e\`
       -- the costliest statement per message, 11 ms a call at 13,000 messages.
       SELECT r.report, m.id, false FROM report r
        CROSS JOIN LATERAL (
          SELECT customer_id FROM identities WHERE kind = r.identity_kind AND value = r.recipient LIMIT 1) i
        CROSS JOIN LATERAL unnest(${customerAndMergedIds('i.customer_id')}) AS c(id)
        CROSS JOIN LATERAL (
          SELECT m.id FROM messages m
           WHERE m.customer_id = c.id AND m.sent_at <= r.watermark
             AND m.channel = r.channel AND m.account = r.account AND m.direction = 'outbound'
             AND m.delivery_status IN ('queued', 'sent', 'delivered', 'failed')
           ORDER BY m.sent_at) m
        WHERE r.watermark IS NOT NULL
     ), locked AS MATERIALIZED (
       -- By primary key (\`IN (SELECT …)\` was a hash join over every message in the generic plan).
       SELECT m.id, m.ticket_id, m.channel, m.account, m.delivery_status, m.external_id
         FROM messages m
        WHERE m.id = ANY(ARRAY(SELECT id FROM target))
        ORDER BY m.id
          FOR UPDATE
     )
     SELECT t.report, t.named, l.*,
            t.named AND r.external_id IS NOT NULL AND l.external_id IS NULL AND EXISTS (
              SELECT 1 FROM messages o WHERE o.channel = l.channel AND o.account = l.account AND o.external_id = r.external_id
            ) AS external_id_taken
       FROM target t JOIN locked l USING (id) JOIN report r USING (report)
      ORDER BY t.report, l.id`,
      [
        column((r) => r.messageId),
        column((r) => r.channel),
        column((r) => r.account),
        column((r) => r.externalId ?? null),
        column((r) => r.watermark ?? null),
        column((r) => {
          const identity = identityKindOf(r);
          return identity && r.watermark && r.recipientExternalId
            ? userIdentityValue(identity, r.account, r.recipientExternalId)
            : null;
        }),
        column((r) => identityKindOf(r) ?? null),
      ],
    ),
  );
  return rows;
}

const identityKindOf = (r: DeliveryReport): IdentityKind | undefined =>
  (channelTraits(r.channel).userIdentity as { kind: IdentityKind } | null)?.kind;

/** A message's state as the batch's reports leave it, and what of it the batch changed. */
interface MessageState {
  id: string;
  ticketId: string;
  channel: string;
  account: string;
  status: Status;
  externalId: string | null;
  /** Set when a report moved the status: the status and its error are written. */
  moved?: { error: DeliveryReport['error'] | null };
  /** The platform id a report taught this message (written only if no other message of the account holds it). */
  learnedExternalId?: string;
}

interface Outcome {
  /** The messages a report changed, once each, in id order. */
  messages: MessageState[];
  events: NewEvent[];
}

type NewEvent = Parameters<typeof recordEvents>[1][number];

/** How a report found a message: named (by our id or the platform's) or under its watermark. */
interface ReportTarget {
  named: boolean;
  externalIdTaken: boolean;
}

/**
 * Applies the reports in order to the locked messages' states, exactly as one report after
 * the other would have: a report naming only the platform id also finds the message an
 * earlier report of the batch taught that id, and a watermark skips messages that failed by then.
 */
function foldReports(reports: readonly DeliveryReport[], targets: readonly Target[], log: Logger): Outcome {
  const states = new Map<string, MessageState>();
  /** Per report: the messages it is about (one both named and under the watermark counts once, as named). */
  const byReport = new Map<number, Map<string, ReportTarget>>();
  for (const t of targets) {
    if (!states.has(t.id))
      states.set(t.id, {
        id: t.id,
        ticketId: t.ticket_id,
        channel: t.channel,
        account: t.account,
        status: t.delivery_status ?? 'queued',
        externalId: t.external_id,
      });
    const found = byReport.get(t.report) ?? new Map<string, ReportTarget>();
    const seen = found.get(t.id);
    found.set(t.id, {
      named: t.named || (seen?.named ?? false),
      externalIdTaken: t.external_id_taken || (seen?.externalIdTaken ?? false),
    });
    byReport.set(t.report, found);
  }
  /** `channel account externalId` → the message an earlier report of this batch taught it. */
  const learned = new Map<string, MessageState>();
  const events: NewEvent[] = [];

  reports.forEach((r, index) => {
    const found = byReport.get(index) ?? new Map<string, ReportTarget>();
    const targets = [...found].map(([id, f]) => ({ state: states.get(id) as MessageState, ...f }));
    const taught = r.externalId ? learned.get(platformKey(r.channel, r.account, r.externalId)) : undefined;
    if (taught && !targets.some((t) => t.named || t.state === taught))
      targets.push({ state: taught, named: true, externalIdTaken: false });
    const applicable = targets.filter(
      ({ state, named }) =>
        named || state.status === 'queued' || state.status === 'sent' || state.status === 'delivered',
    );
    if (applicable.length === 0) {
      log.warn(
        { messageId: r.messageId, externalId: r.externalId, watermark: r.watermark, status: r.status },
        'delivery report for an unknown message; ignored',
      );
      return;
    }
    for (const { state, named, externalIdTaken } of applicable) {
      // Only the message the report names gets the platform's id (a watermark names a time, not
      // this message), and only if no other message of the channel and account holds it already
      // (unique): stored before the batch, or given by an earlier report of it.
      const key = r.externalId ? platformKey(state.channel, state.account, r.externalId) : undefined;
      if (named && r.externalId && key && !state.externalId && !externalIdTaken && !learned.has(key)) {
        state.externalId = r.externalId;
        state.learnedExternalId = r.externalId;
        learned.set(key, state);
      }
      const from = state.status;
      const moves = !(
        from === r.status ||
        RANK[r.status] < RANK[from] ||
        (r.status === 'failed' && RANK[from] > RANK.sent)
      );
      if (!moves) continue;
      state.status = r.status;
      state.moved = { error: r.error ?? null };
      events.push({
        type: 'message.delivery_updated',
        key: state.ticketId,
        data: {
          ticketId: state.ticketId,
          messageId: state.id,
          deliveryStatus: r.status,
          error: r.error ?? null,
        },
      });
      log.debug({ messageId: state.id, from, to: r.status }, 'delivery status updated');
    }
  });
  const messages = [...states.values()]
    .filter((m) => m.moved || m.learnedExternalId)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { messages, events };
}

const platformKey = (channel: string, account: string, externalId: string) =>
  `${channel} ${account} ${externalId}`;

/**
 * Each changed message and the events in one statement (one round trip). external_id is
 * unique per channel and account: a platform id that already belongs to another message (an
 * echo we stored) is not taken.
 */
async function writeMessages(
  client: PoolClient,
  messages: readonly MessageState[],
  events: NewEvent[],
): Promise<void> {
  if (messages.length === 0) return recordEvents(client, events, new Date());
  const recorded = events.length > 0 ? eventsInsert(events, new Date(), '$5') : undefined;
  const update = `UPDATE messages m
        SET delivery_status = COALESCE(x.status, m.delivery_status),
            delivery_error = CASE WHEN x.status IS NULL THEN m.delivery_error ELSE x.error::jsonb END,
            -- One probe of messages_external per message (as NOT EXISTS, planned as a hash of every
            -- message's platform id wherever the table looked small).
            external_id = COALESCE(m.external_id, CASE WHEN (
              SELECT 1 FROM messages o WHERE o.channel = m.channel AND o.account = m.account AND o.external_id = x.external_id
               LIMIT 1) IS NULL
              THEN x.external_id END),
            -- An email's platform id is its Message-ID: threading matches customer replies on it.
            email_message_id = COALESCE(m.email_message_id, CASE WHEN m.channel = 'email' THEN x.external_id END),
            updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(id, status, error, external_id)
      WHERE m.id = x.id AND m.id = ANY($1::uuid[])`;
  await client.query(
    named(recorded ? `WITH written AS (${update}) ${recorded.sql}` : update, [
      messages.map((m) => m.id),
      messages.map((m) => (m.moved ? m.status : null)),
      messages.map((m) => (m.moved?.error ? JSON.stringify(m.moved.error) : null)),
      messages.map((m) => m.learnedExternalId ?? null),
      ...(recorded ? [recorded.value] : []),
    ]),
  );
}
