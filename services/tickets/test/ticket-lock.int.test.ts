import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { lockTicket } from '../src/ticket.commands';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

// A reply or a merge locks its ticket. Meanwhile threading may be storing the customer's next
// message in it, and the delivery consumer or automation writing rows that reference it: their
// foreign-key checks hold KEY SHARE on the ticket until they commit. The command's lock must
// not wait for them (nor keep them out while it runs).
let h: Harness;

beforeAll(async () => {
  h = await startHarness('tickets-ticket-lock');
});
afterAll(async () => {
  await h?.close();
});

it('a reply locking its ticket does not wait for a message being stored in it', async () => {
  const customerId = await seedCustomer(h.pool, 'Ira');
  const ticket = await seedTicket(h.pool, { customerId });
  await seedMessage(h.pool, { ticketId: ticket.id, customerId, text: 'hello' });
  const writer = await h.pool.connect();
  const reply = await h.pool.connect();
  try {
    await writer.query('BEGIN');
    await writer.query(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text)
       VALUES ($1, $2, $3, 'inbound', 'telegram', 'main', $4, now(), now(), 'still there?')`,
      [randomUUID(), ticket.id, customerId, randomUUID()],
    );

    await reply.query('BEGIN');
    await reply.query("SET LOCAL lock_timeout = '2s'");
    await expect(lockTicket(reply, ticket.id)).resolves.toMatchObject({ id: ticket.id });
  } finally {
    await reply.query('ROLLBACK');
    await writer.query('ROLLBACK');
    reply.release();
    writer.release();
  }
});
