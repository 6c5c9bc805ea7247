import type { OutboundMessage } from '@omni/contracts';
import { type Harness, startHarness } from '@omni/testkit';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

// The reply window (CHANNEL_TRAITS replyWindowHours / replyWindowExtensions) enforced where a
// reply is accepted: the per-account facts come from the configuration the API is given.
let h: Harness;
let api: ApiFixture;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await startHarness('tickets-reply-window');
  api = await startApi(h.pool, h.log, {
    channels: {
      email: [],
      whatsapp: [
        { account: 'wa-plain' },
        { account: 'wa-template', windowTemplate: { name: 'follow_up', language: 'en_US' } },
      ],
      facebook: [{ account: 'page-agent', messageTag: 'HUMAN_AGENT' }, { account: 'page-plain' }],
      instagram: [{ account: 'ig-agent', messageTag: 'HUMAN_AGENT' }],
    },
  });
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

let n = 0;
/** A ticket whose customer last wrote `hoursAgo` on that channel and account. */
async function ticketWritten(channel: string, account: string, hoursAgo: number, kind = channel) {
  n++;
  const senderId = `${channel}-${n}`;
  const customer = await seedCustomer(h.pool, `C${n}`, [{ kind, value: `${account}:${senderId}` }]);
  const ticket = await seedTicket(h.pool, { customerId: customer, channel, account });
  await seedMessage(h.pool, {
    ticketId: ticket.id,
    customerId: customer,
    channel,
    account,
    senderId,
    text: 'hello',
    sentAt: new Date(Date.now() - hoursAgo * HOUR),
  });
  return ticket.id;
}

const reply = (ticketId: string) =>
  api.app.inject({
    method: 'POST',
    url: `/v1/tickets/${ticketId}/replies`,
    headers: { ...bearer(api.adminKey), 'content-type': 'application/json' },
    payload: { text: 'Here is the answer' },
  });

async function outboxOf(replyId: string): Promise<OutboundMessage | undefined> {
  const { rows } = await h.pool.query<{ payload: OutboundMessage }>(
    "SELECT payload FROM outbox WHERE payload->>'id' = $1",
    [replyId],
  );
  return rows[0]?.payload;
}

it('takes a reply inside the 24-hour window as a free-form message', async () => {
  const res = await reply(await ticketWritten('whatsapp', 'wa-plain', 23));
  expect(res.statusCode).toBe(202);
  expect((await outboxOf(res.json().id))?.outsideWindow).toBeUndefined();
});

it('refuses a reply after the window with 409 reply-window-closed, queueing nothing', async () => {
  const ticketId = await ticketWritten('whatsapp', 'wa-plain', 25);
  const res = await reply(ticketId);
  expect(res.statusCode).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({
    type: 'urn:omni:problem:reply-window-closed',
    status: 409,
    detail: expect.stringMatching(/last wrote on WhatsApp 25 hours ago.*24 hours/),
  });
  const { rows } = await h.pool.query(
    "SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'outbound'",
    [ticketId],
  );
  expect(rows).toEqual([]);
});

it('takes it when the account configures a template, marking it to be sent as one', async () => {
  const res = await reply(await ticketWritten('whatsapp', 'wa-template', 24 * 30));
  expect(res.statusCode).toBe(202);
  expect((await outboxOf(res.json().id))?.outsideWindow).toBe(true);
});

it('extends Messenger and Instagram to 7 days with HUMAN_AGENT, and no further', async () => {
  const fb = await reply(await ticketWritten('facebook', 'page-agent', 24 * 6));
  expect(fb.statusCode).toBe(202);
  expect((await outboxOf(fb.json().id))?.outsideWindow).toBe(true);
  expect((await reply(await ticketWritten('facebook', 'page-agent', 24 * 8))).statusCode).toBe(409);
  expect((await reply(await ticketWritten('facebook', 'page-plain', 30))).statusCode).toBe(409);
  expect((await reply(await ticketWritten('instagram', 'ig-agent', 24 * 6))).statusCode).toBe(202);
  expect((await reply(await ticketWritten('instagram', 'ig-agent', 24 * 7 + 1))).statusCode).toBe(409);
  // An account the configuration does not list has the bare window.
  expect((await reply(await ticketWritten('instagram', 'ig-unknown', 25))).statusCode).toBe(409);
});

it('counts from the newest message the customer wrote there, on any of their tickets', async () => {
  const ticketId = await ticketWritten('whatsapp', 'wa-plain', 72);
  const { rows } = await h.pool.query<{ customer_id: string }>(
    'SELECT customer_id FROM tickets WHERE id = $1',
    [ticketId],
  );
  const customer = rows[0]?.customer_id as string;
  const senderId = `whatsapp-${n}`;
  const other = await seedTicket(h.pool, { customerId: customer, channel: 'whatsapp', account: 'wa-plain' });
  await seedMessage(h.pool, {
    ticketId: other.id,
    customerId: customer,
    channel: 'whatsapp',
    account: 'wa-plain',
    senderId,
    text: 'again',
    sentAt: new Date(Date.now() - HOUR),
  });
  expect((await reply(ticketId)).statusCode).toBe(202);
});

it('puts no window on channels without one', async () => {
  const res = await reply(await ticketWritten('telegram', 'main', 24 * 365));
  expect(res.statusCode).toBe(202);
});
