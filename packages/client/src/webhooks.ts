import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookEvent } from './schema.js';

export class WebhookSignatureError extends Error {
  readonly code = 'webhook-signature-invalid';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookSignatureError';
  }
}

/** The headers a webhook request carries (any casing; Node lower-cases them). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

const isEvent = (v: unknown): v is WebhookEvent => {
  const e = v as Record<string, unknown> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    ['id', 'type', 'timestamp', 'occurredAt'].every((k) => typeof e[k] === 'string') &&
    typeof e.data === 'object' &&
    e.data !== null
  );
};

/**
 * Verifies an omni webhook (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` over the raw body with the subscription's `whsec_…` secret, at most
 * five minutes old) and returns its event. Pass the body exactly as received — text or
 * bytes (a Node `Buffer` is a `Uint8Array`), never re-serialized JSON. Throws
 * `WebhookSignatureError` otherwise. Dedupe by `webhook-id`: a delivery may arrive more
 * than once. Works in Node and in browsers/edge runtimes alike.
 */
export function verifyWebhook(
  secret: string,
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
): WebhookEvent {
  const single: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) single[k.toLowerCase()] = value;
  }
  let payload: unknown;
  try {
    payload = new Webhook(secret).verify(
      typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody),
      single,
    );
  } catch (err) {
    const reason = err instanceof WebhookVerificationError ? err.message : (err as Error).message;
    throw new WebhookSignatureError(`webhook rejected: ${reason}`, { cause: err });
  }
  if (!isEvent(payload)) throw new WebhookSignatureError('webhook body is not an omni event');
  return payload;
}
