import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { type LivechatApp, startLivechatApp, VisitorClient } from './support/livechat-app';

/**
 * A visitor who types someone else's email into the pre-chat form (an unverified claim):
 * replies in a live chat reach the visitor's socket, not the address, so the claim must not
 * put the visitor into that person's customer, ticket or conversation. Visitor A and
 * visitor B below claim the same address; B must see and receive nothing of A's.
 */
let h: Harness;
let app: LivechatApp;

beforeAll(async () => {
  h = await startHarness('livechat-identity-claims');
  app = await startLivechatApp(h, '    - account: shop\n      offlineEmailDelaySeconds: 0\n');
}, 120_000);
afterAll(async () => {
  await app?.running.stop();
  await h?.close();
});

interface Row {
  ticket_id: string;
  customer_id: string;
}
const stored = (text: string) =>
  waitFor(
    async () =>
      (await h.pool.query<Row>('SELECT ticket_id, customer_id FROM messages WHERE text = $1', [text]))
        .rows[0],
    { description: `"${text}" stored` },
  );
const texts = async (v: VisitorClient) =>
  ((await (await v.history()).json()) as { data: Array<{ text: string }> }).data.map((e) => e.text);

describe('an unverified email claim in the pre-chat form', () => {
  it('keeps the claimant out of the owner’s customer, ticket and conversation', async () => {
    const a = new VisitorClient(app.url, 'shop');
    await a.session({ name: 'Anna', email: 'anna@example.com' });
    await a.send('My order 1001 has not arrived', 'a-1');
    const fromA = await stored('My order 1001 has not arrived');
    await app.api(`/v1/tickets/${fromA.ticket_id}/replies`, {
      body: { text: 'Anna, order 1001 ships tomorrow to Lenina 5' },
    });
    await waitFor(async () => (await texts(a)).length === 2, {
      description: 'the reply in A’s conversation',
    });

    // B claims Anna's address.
    const b = new VisitorClient(app.url, 'shop');
    await b.session({ name: 'Boris', email: 'anna@example.com' });
    await b.send('Where is my order?', 'b-1');
    const fromB = await stored('Where is my order?');

    // Today's rule (identity-plan: a message with only unverified known identities goes to the
    // oldest customer holding them) put B into Anna's customer and so her continuous ticket.
    expect(fromB.customer_id).not.toBe(fromA.customer_id);
    expect(fromB.ticket_id).not.toBe(fromA.ticket_id);
    const { rows: conflicts } = await h.pool.query<{ owner: string; claimant: string }>(
      `SELECT owner_customer_id AS owner, claimant_customer_id AS claimant FROM identity_conflicts
        WHERE kind = 'email' AND value = 'anna@example.com'`,
    );
    expect(conflicts).toEqual([{ owner: fromA.customer_id, claimant: fromB.customer_id }]);
    // Nobody was merged and the address is still Anna's alone.
    const { rows: merged } = await h.pool.query('SELECT id FROM customers WHERE merged_into IS NOT NULL');
    expect(merged).toEqual([]);
    const { rows: owners } = await h.pool.query<{ customer_id: string }>(
      `SELECT customer_id FROM identities WHERE kind = 'email' AND value = 'anna@example.com'`,
    );
    expect(owners).toEqual([{ customer_id: fromA.customer_id }]);

    // Replies go to the visitor of their own ticket, each conversation shows its own only.
    await app.api(`/v1/tickets/${fromB.ticket_id}/replies`, { body: { text: 'Boris, which order?' } });
    await app.api(`/v1/tickets/${fromA.ticket_id}/replies`, { body: { text: 'Anna, tracking: RU123' } });
    await waitFor(async () => (await texts(a)).length === 3 && (await texts(b)).length === 2, {
      description: 'both replies in their conversations',
    });
    expect(await texts(a)).toEqual([
      'My order 1001 has not arrived',
      'Anna, order 1001 ships tomorrow to Lenina 5',
      'Anna, tracking: RU123',
    ]);
    expect(await texts(b)).toEqual(['Where is my order?', 'Boris, which order?']);

    // B writing again stays in B's own ticket; so does A.
    await b.send('Order 1001', 'b-2');
    await a.send('Thanks', 'a-2');
    expect((await stored('Order 1001')).ticket_id).toBe(fromB.ticket_id);
    expect((await stored('Thanks')).ticket_id).toBe(fromA.ticket_id);
  });
});
