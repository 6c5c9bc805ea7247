import type { Bus } from '@omni/bus';
import { DeliveryReport, TOPICS } from '@omni/contracts';
import { recordEvents } from '@omni/customers';
import { type Pool, withTransaction } from '@omni/db';
import type { Logger } from '@omni/service-kit';

/**
 * Status order: a late `sent` never overwrites `delivered`/`read`. `failed` only follows
 * `queued` or `sent` (a message the platform already delivered did not fail).
 */
const RANK = { queued: 0, failed: 1, sent: 1, delivered: 2, read: 3 } as const;

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
        for (const { value: r } of records) {
          const { rows } = await client.query<{
            ticket_id: string;
            delivery_status: keyof typeof RANK | null;
          }>(
            `SELECT ticket_id, delivery_status FROM messages WHERE id = $1 AND direction = 'outbound' FOR UPDATE`,
            [r.messageId],
          );
          const current = rows[0];
          if (!current) {
            log.warn(
              { messageId: r.messageId, status: r.status },
              'delivery report for an unknown message; ignored',
            );
            continue;
          }
          const from = current.delivery_status ?? 'queued';
          if (
            from === r.status ||
            RANK[r.status] < RANK[from] ||
            (r.status === 'failed' && RANK[from] > RANK.sent)
          )
            continue;
          // external_id is unique per channel+account: keep ours if the id already belongs to an echo we stored.
          await client.query(
            `UPDATE messages SET delivery_status = $2, delivery_error = $3,
                    external_id = COALESCE(external_id, CASE WHEN $4::text IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM messages o WHERE o.channel = messages.channel AND o.account = messages.account AND o.external_id = $4)
                      THEN $4 END),
                    updated_at = now()
              WHERE id = $1`,
            [r.messageId, r.status, r.error ? JSON.stringify(r.error) : null, r.externalId ?? null],
          );
          await recordEvents(
            client,
            [
              {
                type: 'message.delivery_updated',
                key: current.ticket_id,
                data: {
                  ticketId: current.ticket_id,
                  messageId: r.messageId,
                  deliveryStatus: r.status,
                  error: r.error ?? null,
                },
              },
            ],
            new Date(),
          );
          log.debug({ messageId: r.messageId, from, to: r.status }, 'delivery status updated');
        }
      });
    },
  });
}
