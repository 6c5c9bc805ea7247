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
      await withTransaction(opts.pool, async (client) => {
        for (const { value } of records) await applyDeliveryReport(client, value, log);
      });
    },
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
 * The outbound messages one report is about, locked:
 * - ours by `messageId` (the adapter knew the send);
 * - else by the platform's id `(channel, account, externalId)` — sends of another adapter
 *   replica or before a restart cannot name our id, but the `sent` report stored theirs;
 * - and, for a watermark (Messenger names a time, not messages), every outbound message
 *   on that channel and account to the customer with identity `recipientExternalId`
 *   created at or before it that has not failed.
 */
async function targetsOf(client: PoolClient, r: DeliveryReport): Promise<Target[]> {
  const identity = channelTraits(r.channel).userIdentity as { kind: IdentityKind } | null;
  const { rows } = await client.query<Target>(
    `WITH named AS (
       SELECT id FROM messages WHERE id = $1 AND direction = 'outbound'
       UNION ALL
       SELECT id FROM messages
        WHERE $4::text IS NOT NULL AND channel = $2 AND account = $3 AND external_id = $4 AND direction = 'outbound'
          AND NOT EXISTS (SELECT 1 FROM messages WHERE id = $1 AND direction = 'outbound')
     ), covered AS (
       -- The recipient's identity as threading stores it ($7: the channel's user-id kind).
       SELECT m.id FROM identities i
         JOIN customers c ON c.id = i.customer_id OR c.merged_into = i.customer_id
         JOIN messages m ON m.customer_id = c.id
        WHERE $5::timestamptz IS NOT NULL AND $6::text IS NOT NULL
          AND i.kind = $7 AND i.value = $6
          AND m.channel = $2 AND m.account = $3 AND m.direction = 'outbound' AND m.sent_at <= $5::timestamptz
          AND m.delivery_status IN ('queued', 'sent', 'delivered')
     )
     SELECT m.id, m.ticket_id, m.delivery_status, m.external_id, m.id IN (SELECT id FROM named) AS named
       FROM messages m
      WHERE m.id IN (SELECT id FROM named UNION SELECT id FROM covered)
      ORDER BY m.id
        FOR UPDATE OF m`,
    [
      r.messageId,
      r.channel,
      r.account,
      r.externalId ?? null,
      r.watermark ?? null,
      identity && r.watermark && r.recipientExternalId
        ? userIdentityValue(identity.kind, r.account, r.recipientExternalId)
        : null,
      identity?.kind ?? null,
    ],
  );
  return rows;
}

/** Applies one report in the caller's transaction: status only moves forward, each change is an event. */
export async function applyDeliveryReport(
  client: PoolClient,
  r: DeliveryReport,
  log: Logger,
): Promise<number> {
  const targets = await targetsOf(client, r);
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
