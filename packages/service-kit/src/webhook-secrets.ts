import type { Pool, PoolClient } from '@omni/db';
import { generateWebhookSecret } from './api-key-auth';

/** How long a rotated-out webhook secret keeps signing beside the new one, unless told otherwise. */
export const DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS = 86_400;
/** The longest overlap a rotation may ask for (a week): an old secret should not live on for long. */
export const MAX_WEBHOOK_SECRET_GRACE_SECONDS = 7 * 86_400;

export interface RotatedWebhookSecret {
  /** The new secret (shown once). */
  secret: string;
  secretRotatedAt: Date;
  /** Until when deliveries also carry a signature with the previous secret; null without overlap. */
  previousSecretExpiresAt: Date | null;
}

/**
 * Gives a subscription a new signing secret. For `graceSeconds` the previous one keeps
 * signing too — deliveries carry both `v1,` signatures (Standard Webhooks allows several),
 * so receivers verifying with either keep working until they are redeployed; 0 cuts over at
 * once. Rotating again during an overlap drops the oldest secret: only the last two sign.
 * Undefined when there is no such subscription.
 */
export async function rotateWebhookSecret(
  db: Pool | PoolClient,
  id: string,
  graceSeconds: number = DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS,
): Promise<RotatedWebhookSecret | undefined> {
  const { rows } = await db.query<{
    secret: string;
    secret_rotated_at: Date;
    previous_secret_expires_at: Date | null;
  }>(
    `UPDATE webhook_subscriptions
        SET previous_secret = CASE WHEN $3::int > 0 THEN secret END,
            previous_secret_expires_at = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3::int) END,
            secret = $2, secret_rotated_at = now()
      WHERE id = $1
      RETURNING secret, secret_rotated_at, previous_secret_expires_at`,
    [id, generateWebhookSecret(), graceSeconds],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    secret: row.secret,
    secretRotatedAt: row.secret_rotated_at,
    previousSecretExpiresAt: row.previous_secret_expires_at,
  };
}
