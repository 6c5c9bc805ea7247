import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verifyWebhook, WebhookSignatureError } from '../src';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const event = {
  id: randomUUID(),
  type: 'ticket.created',
  timestamp: '2026-11-22T10:00:00.000Z',
  occurredAt: '2026-11-22T10:00:00.000Z',
  data: { ticketId: randomUUID() },
};

function signed(body: string, at = new Date(), key = secret) {
  const id = randomUUID();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(key).sign(id, at, body),
  };
}

it('returns the event of a correctly signed delivery (body as text or bytes)', () => {
  const body = JSON.stringify(event);
  const headers = signed(body);
  expect(verifyWebhook(secret, body, headers)).toEqual(event);
  expect(
    verifyWebhook(secret, Buffer.from(body), { ...headers, 'Webhook-Id': headers['webhook-id'] }),
  ).toEqual(event);
});

it('rejects a changed body, another secret, an old timestamp and a missing signature', () => {
  const body = JSON.stringify(event);
  const headers = signed(body);
  expect(() => verifyWebhook(secret, body.replace('ticket.created', 'ticket.updated'), headers)).toThrow(
    WebhookSignatureError,
  );
  const other = `whsec_${randomBytes(32).toString('base64')}`;
  expect(() => verifyWebhook(other, body, headers)).toThrow(WebhookSignatureError);
  const old = new Date(Date.now() - 60 * 60 * 1000);
  expect(() => verifyWebhook(secret, body, signed(body, old))).toThrow(/timestamp/i);
  expect(() => verifyWebhook(secret, body, { 'webhook-id': 'x' })).toThrow(WebhookSignatureError);
});

it('rejects a signed body that is not an omni event', () => {
  const body = JSON.stringify({ hello: 'world' });
  expect(() => verifyWebhook(secret, body, signed(body))).toThrow('not an omni event');
  const { timestamp: _, ...withoutTimestamp } = event;
  const old = JSON.stringify(withoutTimestamp);
  expect(() => verifyWebhook(secret, old, signed(old))).toThrow('not an omni event');
});

it('takes the body as bytes of any kind (a Uint8Array, not only a Node Buffer)', () => {
  const body = JSON.stringify(event);
  expect(verifyWebhook(secret, new TextEncoder().encode(body), signed(body))).toEqual(event);
});
