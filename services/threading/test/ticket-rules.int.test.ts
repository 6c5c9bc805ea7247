import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { msg, stored, thread, uniq } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('thr-tickets');
});
afterAll(() => h.close());

const email = () => `${uniq('c')}@example.com`;

describe('email threading', () => {
  it('threads a reply by In-Reply-To into the ticket of the message it answers', async () => {
    const from = email();
    const first = msg({ channel: 'email', from, thread: { messageId: uniq('mid'), subject: 'Order' } });
    const reply = msg({
      channel: 'email',
      from,
      thread: { messageId: uniq('mid'), inReplyTo: first.thread.messageId, subject: 'Order' },
    });
    await thread(h.pool, [first]);
    await thread(h.pool, [reply]);
    expect((await stored(h.pool, reply)).ticketId).toBe((await stored(h.pool, first)).ticketId);
  });

  it('threads a reply by References alone', async () => {
    const from = email();
    const first = msg({ channel: 'email', from, thread: { messageId: uniq('mid') } });
    const reply = msg({
      channel: 'email',
      from,
      thread: { messageId: uniq('mid'), references: [uniq('other'), `<${first.thread.messageId}>`] },
    });
    await thread(h.pool, [first, reply]);
    expect((await stored(h.pool, reply)).ticketId).toBe((await stored(h.pool, first)).ticketId);
  });

  it('does not thread across mailboxes: references are scoped to the account', async () => {
    const from = email();
    const first = msg({ channel: 'email', account: 'sales', from, thread: { messageId: uniq('mid') } });
    const reply = msg({
      channel: 'email',
      account: 'support',
      from,
      thread: { inReplyTo: first.thread.messageId },
    });
    await thread(h.pool, [first, reply]);
    expect((await stored(h.pool, reply)).ticketId).not.toBe((await stored(h.pool, first)).ticketId);
  });

  it('lets a recipient of the thread (Cc) reply into it', async () => {
    const customer = email();
    const colleague = email();
    const first = msg({
      channel: 'email',
      from: customer,
      thread: {
        messageId: uniq('mid'),
        recipients: { to: ['support@shop.test'], cc: [`Colleague <${colleague}>`] },
      },
    });
    const reply = msg({ channel: 'email', from: colleague, thread: { inReplyTo: first.thread.messageId } });
    await thread(h.pool, [first]);
    await thread(h.pool, [reply]);
    const r = await stored(h.pool, reply);
    expect(r.ticketId).toBe((await stored(h.pool, first)).ticketId);
    expect(r.customerId).not.toBe(r.ticketCustomerId);
  });

  it("gives a stranger quoting a customer's References a new ticket linked to that one", async () => {
    const first = msg({ channel: 'email', from: email(), thread: { messageId: uniq('mid') } });
    const stranger = msg({
      channel: 'email',
      from: email(),
      thread: { references: [first.thread.messageId as string] },
    });
    await thread(h.pool, [first]);
    await thread(h.pool, [stranger]);
    const original = await stored(h.pool, first);
    const s = await stored(h.pool, stranger);
    expect(s.ticketId).not.toBe(original.ticketId);
    expect(s.linkedTicketId).toBe(original.ticketId);
  });

  it('threads by the subject token of a ticket of the same customer', async () => {
    const from = email();
    const first = msg({ channel: 'email', from, thread: { messageId: uniq('mid') } });
    await thread(h.pool, [first]);
    const { ticketNumber, ticketId } = await stored(h.pool, first);
    const again = msg({
      channel: 'email',
      from,
      thread: { messageId: uniq('mid'), subject: 'Re: order', ticketToken: ticketNumber },
    });
    await thread(h.pool, [again]);
    expect((await stored(h.pool, again)).ticketId).toBe(ticketId);
  });

  it("ignores the subject token of another customer's ticket", async () => {
    const first = msg({ channel: 'email', from: email(), thread: { messageId: uniq('mid') } });
    await thread(h.pool, [first]);
    const { ticketNumber, ticketId } = await stored(h.pool, first);
    const hijack = msg({ channel: 'email', from: email(), thread: { ticketToken: ticketNumber } });
    await thread(h.pool, [hijack]);
    const s = await stored(h.pool, hijack);
    expect(s.ticketId).not.toBe(ticketId);
    expect(s.linkedTicketId).toBeNull();
  });

  it('starts a new ticket linked to a closed one when a reply arrives', async () => {
    const from = email();
    const first = msg({ channel: 'email', from, thread: { messageId: uniq('mid') } });
    await thread(h.pool, [first]);
    const original = await stored(h.pool, first);
    await h.pool.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [original.ticketId]);
    const reply = msg({ channel: 'email', from, thread: { inReplyTo: first.thread.messageId } });
    await thread(h.pool, [reply]);
    const r = await stored(h.pool, reply);
    expect(r.ticketId).not.toBe(original.ticketId);
    expect(r.linkedTicketId).toBe(original.ticketId);
  });

  it('never threads by subject alone', async () => {
    const from = email();
    const a = msg({ channel: 'email', from, thread: { subject: 'Same subject' } });
    const b = msg({ channel: 'email', from, thread: { subject: 'Same subject' } });
    await thread(h.pool, [a, b]);
    expect((await stored(h.pool, a)).ticketId).not.toBe((await stored(h.pool, b)).ticketId);
  });
});

describe('messenger threading', () => {
  it("continues the customer's open ticket on the same channel and account", async () => {
    const from = uniq('tg');
    const a = msg({ channel: 'telegram', from });
    const b = msg({ channel: 'telegram', from });
    const other = msg({ channel: 'telegram', account: 'second-bot', from });
    await thread(h.pool, [a]);
    await thread(h.pool, [b, other]);
    expect((await stored(h.pool, b)).ticketId).toBe((await stored(h.pool, a)).ticketId);
    expect((await stored(h.pool, other)).ticketId).not.toBe((await stored(h.pool, a)).ticketId);
  });

  it('reopens a resolved ticket inside the reopen window', async () => {
    const from = uniq('vb');
    const a = msg({ channel: 'viber', from });
    await thread(h.pool, [a]);
    const { ticketId } = await stored(h.pool, a);
    await h.pool.query(
      `UPDATE tickets SET status = 'resolved', resolved_at = now() - interval '6 days' WHERE id = $1`,
      [ticketId],
    );
    const b = msg({ channel: 'viber', from });
    await thread(h.pool, [b]);
    const s = await stored(h.pool, b);
    expect(s.ticketId).toBe(ticketId);
    expect(s.ticketStatus).toBe('open');
  });

  it('starts a new ticket after the reopen window', async () => {
    const from = uniq('vk');
    const a = msg({ channel: 'vk', from });
    await thread(h.pool, [a]);
    const { ticketId } = await stored(h.pool, a);
    await h.pool.query(
      `UPDATE tickets SET status = 'resolved', resolved_at = now() - interval '8 days' WHERE id = $1`,
      [ticketId],
    );
    const b = msg({ channel: 'vk', from });
    await thread(h.pool, [b]);
    const s = await stored(h.pool, b);
    expect(s.ticketId).not.toBe(ticketId);
    expect(s.ticketStatus).toBe('open');
  });

  it('starts a new ticket linked to the closed one when the conversation goes on', async () => {
    const from = uniq('fb');
    const a = msg({ channel: 'facebook', from });
    await thread(h.pool, [a]);
    const { ticketId } = await stored(h.pool, a);
    await h.pool.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [ticketId]);
    const b = msg({ channel: 'facebook', from });
    await thread(h.pool, [b]);
    const s = await stored(h.pool, b);
    expect(s.ticketId).not.toBe(ticketId);
    expect(s.linkedTicketId).toBe(ticketId);
  });

  it('starts a new ticket for every web-form submission', async () => {
    const address = email();
    const claims = [{ kind: 'email' as const, value: address, verified: false }];
    const a = msg({ channel: 'webform', from: address, identities: claims });
    const b = msg({ channel: 'webform', from: address, identities: claims });
    await thread(h.pool, [a, b]);
    const [sa, sb] = [await stored(h.pool, a), await stored(h.pool, b)];
    expect(sa.ticketId).not.toBe(sb.ticketId);
    expect(sa.customerId).toBe(sb.customerId);
  });
});

describe('message history', () => {
  it('orders late arrivals by sent time, then received time', async () => {
    const from = uniq('tg');
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
    const second = msg({ channel: 'telegram', from, text: 'second', sentAt: t(2), receivedAt: t(3) });
    const first = msg({ channel: 'telegram', from, text: 'first', sentAt: t(1), receivedAt: t(9) });
    const third = msg({ channel: 'telegram', from, text: 'third', sentAt: t(2), receivedAt: t(4) });
    await thread(h.pool, [second]);
    await thread(h.pool, [third, first]);
    const { customerId, ticketId } = await stored(h.pool, first);
    const { rows } = await h.pool.query<{ text: string }>(
      'SELECT text FROM messages WHERE customer_id = $1 ORDER BY sent_at, received_at, id',
      [customerId],
    );
    expect(rows.map((r) => r.text)).toEqual(['first', 'second', 'third']);
    const ticket = await h.pool.query<{ message_count: number; last_message_at: Date }>(
      'SELECT message_count, last_message_at FROM tickets WHERE id = $1',
      [ticketId],
    );
    expect(ticket.rows[0]).toEqual({ message_count: 3, last_message_at: new Date(t(2)) });
  });

  it('keeps the previous text of an edited message', async () => {
    const from = uniq('tg');
    const original = msg({ channel: 'telegram', from, text: 'helo' });
    const edit = { ...original, content: { ...original.content, text: 'hello' }, flags: { edited: true } };
    await thread(h.pool, [original]);
    const result = await thread(h.pool, [edit, edit]);
    expect(result.edited).toBe(1);
    const { rows } = await h.pool.query<{ text: string; previous_versions: { text: string }[] }>(
      'SELECT text, previous_versions FROM messages WHERE id = $1',
      [original.id],
    );
    expect(rows[0]?.text).toBe('hello');
    expect(rows[0]?.previous_versions.map((v) => v.text)).toEqual(['helo']);
  });

  it('matches an outbound echo to our stored reply instead of storing it again', async () => {
    const from = uniq('fb');
    const incoming = msg({ channel: 'facebook', from });
    await thread(h.pool, [incoming]);
    const { ticketId, customerId } = await stored(h.pool, incoming);
    const platformId = uniq('mid');
    // Our reply as the ticket API stores it, with the platform id the delivery report gave.
    await h.pool.query(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text)
       VALUES (gen_random_uuid(), $1, $2, 'outbound', 'facebook', 'main', $3, now(), now(), 'our reply')`,
      [ticketId, customerId, platformId],
    );
    const echo = msg({
      channel: 'facebook',
      from,
      direction: 'outbound',
      externalId: platformId,
      text: 'our reply',
    });
    const result = await thread(h.pool, [echo]);
    expect(result).toMatchObject({ stored: 0, duplicates: 1 });
    // A reply an agent typed in the platform's own inbox: stored as outbound on the current ticket.
    const foreign = msg({
      channel: 'facebook',
      from,
      direction: 'outbound',
      text: 'typed in the page inbox',
    });
    await thread(h.pool, [foreign]);
    const f = await stored(h.pool, foreign);
    expect(f).toMatchObject({ ticketId, customerId, direction: 'outbound' });
    // An echo naming our message id (Send API metadata) before the delivery report: matched, its platform id learned.
    const ourId = randomUUID();
    await h.pool.query(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, sent_at, received_at, text)
       VALUES ($1, $2, $3, 'outbound', 'facebook', 'main', now(), now(), 'second reply')`,
      [ourId, ticketId, customerId],
    );
    const early = {
      ...msg({ channel: 'facebook', from, direction: 'outbound', text: 'second reply' }),
      id: ourId,
    };
    expect(await thread(h.pool, [early, early])).toMatchObject({ stored: 0, duplicates: 2 });
    const learned = await h.pool.query<{ external_id: string }>(
      'SELECT external_id FROM messages WHERE id = $1',
      [ourId],
    );
    expect(learned.rows[0]?.external_id).toBe(early.externalId);
    const count = await h.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1',
      [ticketId],
    );
    expect(count.rows[0]?.n).toBe(4);
  });

  it('stores a redelivered batch once and records its events once', async () => {
    const batch = [msg({ channel: 'viber', from: uniq('vb') }), msg({ channel: 'email', from: email() })];
    const first = await thread(h.pool, batch);
    const again = await thread(h.pool, batch);
    expect(first.stored).toBe(2);
    expect(again).toMatchObject({ stored: 0, duplicates: 2 });
    const events = await h.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE type = 'message.created' AND data->>'messageId' = ANY($1::text[])`,
      [batch.map((m) => m.id)],
    );
    expect(events.rows[0]?.n).toBe(2);
  });
});
