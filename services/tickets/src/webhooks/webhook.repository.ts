import { randomUUID } from 'node:crypto';
import type { DomainEventType, WebhookPayload } from '@omni/contracts';
import type { Pool, PoolClient } from '@omni/db';
import { decodeCursor, generateWebhookSecret, page } from '@omni/service-kit';

export interface WebhookSubscriptionJson {
  id: string;
  url: string;
  events: DomainEventType[];
  payload: WebhookPayload;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
}

interface SubscriptionRow {
  id: string;
  url: string;
  events: DomainEventType[];
  payload: WebhookPayload;
  secret: string;
  created_at: Date;
  disabled_at: Date | null;
  disabled_reason: string | null;
  secret_rotated_at: Date | null;
  previous_secret_expires_at: Date | null;
  created_key: string;
}

const subscriptionJson = (r: SubscriptionRow): WebhookSubscriptionJson => ({
  id: r.id,
  url: r.url,
  events: r.events,
  payload: r.payload,
  createdAt: r.created_at.toISOString(),
  disabledAt: r.disabled_at?.toISOString() ?? null,
  disabledReason: r.disabled_reason,
  secretRotatedAt: r.secret_rotated_at?.toISOString() ?? null,
  // An overlap that ended is no state worth showing: only the new secret signs.
  previousSecretExpiresAt:
    r.previous_secret_expires_at && r.previous_secret_expires_at > new Date()
      ? r.previous_secret_expires_at.toISOString()
      : null,
});

/** Receives events recorded from now on (the feed position of this transaction). */
export async function createSubscription(
  db: Pool | PoolClient,
  input: { url: string; events: DomainEventType[]; payload: WebhookPayload },
  createdBy: string | undefined,
) {
  const { rows } = await db.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (id, url, events, payload, secret, start_txid, created_by)
     VALUES ($1, $2, $3, $4, $5, pg_current_xact_id(), $6) RETURNING *, created_at::text AS created_key`,
    [randomUUID(), input.url, input.events, input.payload, generateWebhookSecret(), createdBy ?? null],
  );
  const row = rows[0] as SubscriptionRow;
  return { ...subscriptionJson(row), secret: row.secret };
}

export async function listSubscriptions(pool: Pool, limit: number, cursor?: string) {
  const args: unknown[] = [limit + 1];
  let after = '';
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, ['timestamp', 'uuid']);
    after = 'WHERE (created_at, id) > ($2::timestamptz, $3::uuid)';
    args.push(createdAt, id);
  }
  const { rows } = await pool.query<SubscriptionRow>(
    `SELECT *, created_at::text AS created_key FROM webhook_subscriptions ${after} ORDER BY created_at, id LIMIT $1`,
    args,
  );
  return page(rows, limit, subscriptionJson, (r) => [r.created_key, r.id]);
}

export async function getSubscription(
  db: Pool | PoolClient,
  id: string,
): Promise<WebhookSubscriptionJson | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    'SELECT *, created_at::text AS created_key FROM webhook_subscriptions WHERE id = $1',
    [id],
  );
  return rows[0] && subscriptionJson(rows[0]);
}

export async function deleteSubscription(pool: Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM webhook_subscriptions WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

export async function subscriptionExists(pool: Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM webhook_subscriptions WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: DomainEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  created_key: string;
  attempt_list: Array<{
    attemptedAt: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }>;
}

/** Deliveries of a subscription, newest first, each with every attempt. */
export async function listDeliveries(pool: Pool, subscriptionId: string, limit: number, cursor?: string) {
  const args: unknown[] = [subscriptionId, limit + 1];
  let after = '';
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, ['timestamp', 'uuid']);
    after = 'AND (d.created_at, d.id) < ($3::timestamptz, $4::uuid)';
    args.push(createdAt, id);
  }
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT d.*, d.created_at::text AS created_key,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('attemptedAt', a.attempted_at, 'statusCode', a.status_code,
                        'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.id)
                        FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_list
       FROM webhook_deliveries d WHERE d.subscription_id = $1 ${after}
      ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
    args,
  );
  return page(
    rows,
    limit,
    (r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      attemptCount: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      attempts: r.attempt_list.map((a) => ({ ...a, attemptedAt: new Date(a.attemptedAt).toISOString() })),
    }),
    (r) => [r.created_key, r.id],
  );
}
