import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@omni/contracts';
import type { Pool } from '@omni/db';
import { parseOmniConfig } from '@omni/service-kit';
import { type Harness, startHarness } from '@omni/testkit';
import { Registry } from 'prom-client';
import { automationMetrics } from '../src/automation-metrics';
import { handleEvents } from '../src/event.consumer';
import { seedOutbound, seedTicket } from './seed';

/**
 * A batch of events costs the statements of one: new tickets in one transaction, each still
 * routed and clocked once (a ticket another transaction holds is not waited for with the
 * others held, but handled after them); the batch's answers stop their first-response clocks
 * in one statement.
 */
describe('automation, a batch of events at a time', () => {
  let h: Harness;
  const config = parseOmniConfig(
    `automation:
  routing:
    rules:
      - { name: key-accounts, when: { customerDomain: [bigcorp.com] }, set: { group: key-accounts, priority: urgent } }
`,
    {},
  ).automation;
  const now = new Date('2026-03-06T10:00:00Z');

  beforeAll(async () => {
    h = await startHarness('auto-event-batch');
  });
  afterAll(async () => {
    await h?.close();
  });

  const created = (ticketId: string): DomainEvent => ({
    id: randomUUID(),
    type: 'ticket.created',
    occurredAt: now.toISOString(),
    data: { ticketId },
  });
  const deps = (pool: Pool) => ({
    pool,
    log: h.log,
    config,
    metrics: automationMetrics(new Registry()),
    now: () => now,
  });
  const routed = async (ids: string[]) =>
    (
      await h.pool.query<{ id: string; group: string | null; priority: string; clocks: number }>(
        `SELECT t.id, t."group", t.priority, (SELECT count(*)::int FROM ticket_sla s WHERE s.ticket_id = t.id) AS clocks
           FROM tickets t WHERE t.id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  const updates = async (ids: string[]) =>
    (
      await h.pool.query<{ key: string }>(
        `SELECT key FROM events WHERE type = 'ticket.updated' AND key = ANY($1::text[]) ORDER BY seq`,
        [ids],
      )
    ).rows.map((r) => r.key);

  /** The statements `fn` sends, through the pool or a client it checked out. */
  async function countStatements(fn: (pool: Pool) => Promise<void>): Promise<number> {
    let statements = 0;
    const counting = new Proxy(h.pool, {
      get(target, prop) {
        if (prop === 'query')
          return (...args: unknown[]) => {
            statements += 1;
            return (target.query as (...a: unknown[]) => unknown).apply(target, args);
          };
        if (prop !== 'connect') return Reflect.get(target, prop, target);
        return async () => {
          const client = await target.connect();
          return new Proxy(client, {
            get(c, p, r) {
              if (p !== 'query') return Reflect.get(c, p, r);
              return (...args: unknown[]) => {
                statements += 1;
                return (c.query as (...a: unknown[]) => unknown).apply(c, args);
              };
            },
          });
        };
      },
    });
    await fn(counting);
    return statements;
  }

  it('routes and clocks a batch of new tickets in the statements of one, each once, the events in the batch order', async () => {
    const one = await seedTicket(h.pool, { createdAt: now });
    const oneTicket = await countStatements((pool) => handleEvents([created(one.ticketId)], deps(pool)));

    const vip = await seedTicket(h.pool, { createdAt: now, email: 'cfo@bigcorp.com' });
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await seedTicket(h.pool, { createdAt: now }));
    const ids = [others[3], vip, others[0], others[4], others[1], others[2]].map(
      (t) => t?.ticketId as string,
    );
    // A redelivered event in the same batch and the already handled ticket change nothing.
    const batch = [...ids, ids[0] as string, one.ticketId].map(created);
    const sixTickets = await countStatements((pool) => handleEvents(batch, deps(pool)));

    expect(sixTickets).toBe(oneTicket);
    const rows = await routed(ids);
    expect(rows.map((r) => r.clocks)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(rows[1]).toMatchObject({ group: 'key-accounts', priority: 'urgent' }); // by the customer's email domain
    expect(rows.filter((r) => r.group === null)).toHaveLength(5);
    expect(await updates([...ids, one.ticketId])).toEqual([one.ticketId, ...ids]);
  });

  it("routes by the email of a customer merged into the ticket's customer", async () => {
    const survivor = await seedTicket(h.pool, { createdAt: now });
    const merged = randomUUID();
    await h.pool.query(`INSERT INTO customers (id, display_name, merged_into) VALUES ($1, 'Ann', $2)`, [
      merged,
      survivor.customerId,
    ]);
    await h.pool.query(
      `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified) VALUES ($1, $2, 'email', 'ann@bigcorp.com', 'ann@bigcorp.com', true)`,
      [randomUUID(), merged],
    );
    await handleEvents([created(survivor.ticketId)], deps(h.pool));
    expect((await routed([survivor.ticketId]))[0]).toMatchObject({ group: 'key-accounts', clocks: 1 });
  });

  it('handles the tickets it can lock, then waits for the one another transaction holds', async () => {
    const free = await seedTicket(h.pool, { createdAt: now });
    const held = await seedTicket(h.pool, { createdAt: now });
    const other = await h.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE tickets SET message_count = message_count + 1 WHERE id = $1`, [
        held.ticketId,
      ]);
      const handling = handleEvents([created(held.ticketId), created(free.ticketId)], deps(h.pool));
      // The free ticket is done (committed) while the other one is still held.
      const deadline = Date.now() + 10_000;
      while ((await routed([free.ticketId]))[0]?.clocks !== 1) {
        if (Date.now() > deadline) throw new Error('the free ticket waited for the held one');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await routed([held.ticketId]))[0]?.clocks).toBe(0);
      await other.query('COMMIT');
      await handling;
    } finally {
      await other.query('ROLLBACK').catch(() => undefined); // after COMMIT: nothing to undo
      other.release();
    }
    expect((await routed([held.ticketId, free.ticketId])).map((r) => r.clocks)).toEqual([1, 1]);
  });

  it("stops each ticket's first-response clock at its first answer, a batch's answers in one statement", async () => {
    const outbound = (ticketId: string, messageId: string): DomainEvent => ({
      id: randomUUID(),
      type: 'message.created',
      occurredAt: now.toISOString(),
      data: { ticketId, messageId, direction: 'outbound' },
    });
    const a = await seedTicket(h.pool, { createdAt: now });
    const b = await seedTicket(h.pool, { createdAt: now });
    const c = await seedTicket(h.pool, { createdAt: now });
    await handleEvents(
      [a, b, c].map((t) => created(t.ticketId)),
      deps(h.pool),
    );
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const ack = await seedOutbound(h.pool, a.ticketId, a.customerId, at(0), true);
    const later = await seedOutbound(h.pool, a.ticketId, a.customerId, at(9));
    const first = await seedOutbound(h.pool, a.ticketId, a.customerId, at(5));
    const onB = await seedOutbound(h.pool, b.ticketId, b.customerId, at(7));
    const onC = await seedOutbound(h.pool, c.ticketId, c.customerId, at(1));

    const oneAnswer = await countStatements((pool) => handleEvents([outbound(c.ticketId, onC)], deps(pool)));
    const batch = [outbound(a.ticketId, ack), outbound(a.ticketId, later), outbound(b.ticketId, onB)];
    batch.push(outbound(a.ticketId, first), outbound(c.ticketId, onC));
    const answers = await countStatements((pool) => handleEvents(batch, deps(pool)));

    expect(answers).toBe(oneAnswer);
    const { rows } = await h.pool.query<{ ticket_id: string; first_response_at: Date }>(
      'SELECT ticket_id, first_response_at FROM ticket_sla WHERE ticket_id = ANY($1::uuid[])',
      [[a.ticketId, b.ticketId, c.ticketId]],
    );
    const firstResponse = new Map(rows.map((r) => [r.ticket_id, r.first_response_at.toISOString()]));
    // A: the earliest non-automatic answer; C: stopped by the first call, not moved by the second.
    expect(firstResponse.get(a.ticketId)).toBe(at(5).toISOString());
    expect(firstResponse.get(b.ticketId)).toBe(at(7).toISOString());
    expect(firstResponse.get(c.ticketId)).toBe(at(1).toISOString());
  });

  it("acknowledges the tickets of a batch each under its customer's daily limit", async () => {
    const acking = parseOmniConfig(
      `automation:
  acknowledgements:
    - { channel: telegram, account: main, enabled: true, maxPerCustomerPerDay: 1, templates: { en: "Thanks!" } }
`,
      {},
    ).automation;
    const ann = await seedTicket(h.pool, { createdAt: now });
    const bob = await seedTicket(h.pool, { createdAt: now });
    const annAgain = await seedTicket(h.pool, { createdAt: now, customerId: ann.customerId });
    const tickets = [annAgain, bob, ann];
    await handleEvents(
      tickets.map((t) => created(t.ticketId)),
      { ...deps(h.pool), config: acking },
    );
    const { rows } = await h.pool.query<{ ticket_id: string }>(
      'SELECT ticket_id FROM acknowledgements WHERE ticket_id = ANY($1::uuid[])',
      [tickets.map((t) => t.ticketId)],
    );
    // One a day for Ann: her first ticket in the batch; Bob's own.
    expect(rows.map((r) => r.ticket_id).sort()).toEqual([annAgain.ticketId, bob.ticketId].sort());
    expect((await routed(tickets.map((t) => t.ticketId))).map((r) => r.clocks)).toEqual([1, 1, 1]);
  });
});
