import { DomainEvent } from '@omni/contracts';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export class WebhookSignatureError extends Error {
  readonly code = 'webhook-signature-invalid';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookSignatureError';
  }
}

/** The headers a webhook request carries (any casing; Node lower-cases them). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/**
 * Verifies an omni webhook (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` over the raw body with the subscription's `whsec_…` secret, at most
 * five minutes old) and returns its event. Pass the body exactly as received — bytes or
 * text, never re-serialized JSON. Throws `WebhookSignatureError` otherwise. Dedupe by
 * `webhook-id`: a delivery may arrive more than once.
 */
export function verifyWebhook(
  secret: string,
  rawBody: string | Buffer,
  headers: WebhookHeaders,
): DomainEvent {
  const single: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) single[k.toLowerCase()] = value;
  }
  let payload: unknown;
  try {
    payload = new Webhook(secret).verify(
      typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'),
      single,
    );
  } catch (err) {
    const reason = err instanceof WebhookVerificationError ? err.message : (err as Error).message;
    throw new WebhookSignatureError(`webhook rejected: ${reason}`, { cause: err });
  }
  const event = DomainEvent.safeParse(payload);
  if (!event.success)
    throw new WebhookSignatureError('webhook body is not an omni event', { cause: event.error });
  return event.data;
}
