import type { Bus } from '@omni/bus';
import { channelTraits, DeliveryReport, type IdentityKind, TOPICS, userIdentityValue } from '@omni/contracts';
import { recordEvents } from '@omni/customers';
import { type Pool, type PoolClient, withTransaction } from '@omni/db';
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
 * A batch of reports in one transaction, in order. Every message the batch is about is
 * locked first, all in one statement in id order, before any report is applied. The reports
 * of one message arrive under different keys, so on different partitions, handled at once:
 * `sent` from the outbound sender keyed by ticket, `delivered`/`read` from the platform's
 * callbacks keyed by recipient, and a Messenger watermark covers several messages. Locking
 * them report by report, two partitions' batches took the same rows in opposite orders and
 * deadlocked (PostgreSQL's log: only this consumer's statements on both sides, 5–6 per
 * 3,000-message mixed bench run), each retried after deadlock_timeout and a backoff. With
 * one lock order no two batches can wait on each other in a cycle.
 */
export async function applyDeliveryBatch(
  pool: Pool,
  reports: readonly DeliveryReport[],
  log: Logger,
): Promise<number> {
  return withTransaction(pool, async (client) => {
    // Locks only: each report's targets are read again below, after the reports before it.
    if (reports.length > 1) await targetsOf(client, reports);
    let changed = 0;
    for (const r of reports) changed += await applyDeliveryReport(client, r, log);
    return changed;
  });
}

interface Target {
  id: string;
  ticket_id: string;
  delivery_status: Status | null;
  external_id: string | null;
  /** The message the report names itself (by our id or the platform's): it may also carry the platform id. */
  named: boolean;
}

/**
 * The outbound messages these reports are about, locked in id order:
 * - ours by `messageId` (the adapter knew the send);
 * - else by the platform's id `(channel, account, externalId)` — sends of another adapter
 *   replica or before a restart cannot name our id, but the `sent` report stored theirs;
 * - and, for a watermark (Messenger names a time, not messages), every outbound message
 *   on that channel and account to the customer with identity `recipientExternalId`
 *   created at or before it that has not failed.
 * `named`: a report names the message itself (meaningful for a single report).
 */
async function targetsOf(client: PoolClient, reports: readonly DeliveryReport[]): Promise<Target[]> {
  const column = (f: (r: DeliveryReport) => string | null) => reports.map(f);
  const { rows } = await client.query<Target>(
    `WITH report AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
         AS r(message_id, channel, account, external_id, watermark, recipient, identity_kind)
     ), named AS (
       SELECT m.id FROM report r JOIN messages m ON m.id = r.message_id AND m.direction = 'outbound'
       UNION ALL
       SELECT m.id FROM report r JOIN messages m
           ON r.external_id IS NOT NULL AND m.channel = r.channel AND m.account = r.account
          AND m.external_id = r.external_id AND m.direction = 'outbound'
        WHERE NOT EXISTS (SELECT 1 FROM messages WHERE id = r.message_id AND direction = 'outbound')
     ), covered AS (
       -- The recipient's identity as threading stores it (identity_kind: the channel's user-id kind).
       SELECT m.id FROM report r
         JOIN identities i ON i.kind = r.identity_kind AND i.value = r.recipient
         JOIN customers c ON c.id = i.customer_id OR c.merged_into = i.customer_id
         JOIN messages m ON m.customer_id = c.id
        WHERE r.watermark IS NOT NULL
          AND m.channel = r.channel AND m.account = r.account AND m.direction = 'outbound' AND m.sent_at <= r.watermark
          AND m.delivery_status IN ('queued', 'sent', 'delivered')
     )
     SELECT m.id, m.ticket_id, m.delivery_status, m.external_id, m.id IN (SELECT id FROM named) AS named
       FROM messages m
      WHERE m.id IN (SELECT id FROM named UNION SELECT id FROM covered)
      ORDER BY m.id
        FOR UPDATE OF m`,
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
  );
  return rows;
}

const identityKindOf = (r: DeliveryReport): IdentityKind | undefined =>
  (channelTraits(r.channel).userIdentity as { kind: IdentityKind } | null)?.kind;

/** Applies one report in the caller's transaction: status only moves forward, each change is an event. */
export async function applyDeliveryReport(
  client: PoolClient,
  r: DeliveryReport,
  log: Logger,
): Promise<number> {
  const targets = await targetsOf(client, [r]);
  if (targets.length === 0) {
    log.warn(
      { messageId: r.messageId, externalId: r.externalId, watermark: r.watermark, status: r.status },
      'delivery report for an unknown message; ignored',
    );
    return 0;
  }
  let changed = 0;
  for (const m of targets) {
    const from = m.delivery_status ?? 'queued';
    // Only the message the report names gets the platform's id (a watermark names a time, not this message).
    const externalId = m.named && !m.external_id ? (r.externalId ?? null) : null;
    const moves = !(
      from === r.status ||
      RANK[r.status] < RANK[from] ||
      (r.status === 'failed' && RANK[from] > RANK.sent)
    );
    if (!moves) {
      // A `sent` arriving after a watermark already marked the message read still brings the platform's id.
      if (externalId) await setExternalId(client, m.id, externalId);
      continue;
    }
    // external_id is unique per channel+account: keep ours if the id already belongs to an echo we stored.
    await client.query(
      `UPDATE messages SET delivery_status = $2, delivery_error = $3,
              external_id = COALESCE(external_id, CASE WHEN $4::text IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM messages o WHERE o.channel = messages.channel AND o.account = messages.account AND o.external_id = $4)
                THEN $4 END),
              -- An email's platform id is its Message-ID: threading matches customer replies on it.
              email_message_id = COALESCE(email_message_id, CASE WHEN channel = 'email' THEN $4 END),
              updated_at = now()
        WHERE id = $1`,
      [m.id, r.status, r.error ? JSON.stringify(r.error) : null, externalId],
    );
    await recordEvents(
      client,
      [
        {
          type: 'message.delivery_updated',
          key: m.ticket_id,
          data: {
            ticketId: m.ticket_id,
            messageId: m.id,
            deliveryStatus: r.status,
            error: r.error ?? null,
          },
        },
      ],
      new Date(),
    );
    changed++;
    log.debug({ messageId: m.id, from, to: r.status }, 'delivery status updated');
  }
  return changed;
}

async function setExternalId(client: PoolClient, id: string, externalId: string): Promise<void> {
  await client.query(
    `UPDATE messages SET external_id = $2,
            email_message_id = COALESCE(email_message_id, CASE WHEN channel = 'email' THEN $2 END), updated_at = now()
      WHERE id = $1 AND external_id IS NULL AND NOT EXISTS (
        SELECT 1 FROM messages o WHERE o.channel = messages.channel AND o.account = messages.account AND o.external_id = $2)`,
    [id, externalId],
  );
}
