import { randomUUID } from 'node:crypto';
import { createPool, withTransaction } from '@omni/db';
import { parseOmniConfig } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { Registry } from 'prom-client';
import { automationMetrics } from '../src/automation-metrics';
import { handleEvents } from '../src/event.consumer';
import { checkSlaClocks, SlaScheduler } from '../src/sla-scheduler';
import { handleTicketsCreated } from '../src/ticket-intake';
import { seedOutbound, seedTicket } from './seed';

/** SLA clocks on a real PostgreSQL: due times in business time, and each event once. */
describe('SLA clocks and events', () => {
  let h: Harness;
  const config = parseOmniConfig(
    'automation:\n  calendars:\n    default: { timeZone: Europe/Moscow }\n',
    {},
  ).automation;
  const friday1600 = new Date('2026-03-06T13:00:00Z');

  beforeAll(async () => {
    h = await startHarness('auto-sla');
  });
  afterAll(async () => {
    await h?.close();
  });

  const intake = (ticketId: string, now = friday1600) =>
    withTransaction(
      h.pool,
      async (c) => (await handleTicketsCreated(c, [ticketId], config, now)).results[0] ?? null,
    );
  const eventsOf = async (type: string) =>
    (
      await h.pool.query<{ data: { ticketId: string; clock: string } }>(
        'SELECT data FROM events WHERE type = $1 ORDER BY seq',
        [type],
      )
    ).rows.map((r) => `${r.data.ticketId}:${r.data.clock}`);

  it('emits a warning and a breach once per unanswered ticket, none for an answered one, none while paused', async () => {
    const late = await seedTicket(h.pool, { createdAt: friday1600 });
    const answered = await seedTicket(h.pool, { createdAt: friday1600 });
    const ackedOnly = await seedTicket(h.pool, { createdAt: friday1600 });
    for (const t of [late, answered, ackedOnly]) expect(await intake(t.ticketId)).not.toBeNull();
    expect(await intake(late.ticketId)).toBeNull(); // a redelivered ticket.created changes nothing

    const { rows } = await h.pool.query(
      'SELECT first_response_due_at, resolution_due_at FROM tickets WHERE id = $1',
      [late.ticketId],
    );
    // 240 business minutes: two hours on Friday, two on Monday (09:00–11:00 Moscow)
    expect(rows[0].first_response_due_at.toISOString()).toBe('2026-03-09T08:00:00.000Z');

    await seedOutbound(h.pool, answered.ticketId, answered.customerId, new Date('2026-03-06T14:00:00Z'));
    await seedOutbound(h.pool, ackedOnly.ticketId, ackedOnly.customerId, friday1600, true); // the acknowledgement stops nothing

    expect(await checkSlaClocks(h.pool, new Date('2026-03-08T20:00:00Z'))).toEqual({
      warnings: 0,
      breaches: 0,
    }); // weekend
    expect(await checkSlaClocks(h.pool, new Date('2026-03-09T07:30:00Z'))).toEqual({
      warnings: 2,
      breaches: 0,
    });
    const at = new Date('2026-03-09T08:00:00Z');
    const both = await Promise.all([
      checkSlaClocks(h.pool, at),
      checkSlaClocks(h.pool, at),
      checkSlaClocks(h.pool, at),
    ]);
    expect(both.reduce((n, r) => n + r.breaches, 0)).toBe(2);
    expect(await checkSlaClocks(h.pool, new Date('2026-03-10T08:00:00Z'))).toEqual({
      warnings: 0,
      breaches: 0,
    });

    const expected = [`${late.ticketId}:firstResponse`, `${ackedOnly.ticketId}:firstResponse`].sort();
    expect((await eventsOf('sla.warning')).sort()).toEqual(expected);
    expect((await eventsOf('sla.breached')).sort()).toEqual(expected);
    const flags = await h.pool.query('SELECT id, first_response_breached FROM tickets WHERE id = ANY($1)', [
      [late.ticketId, answered.ticketId],
    ]);
    expect(Object.fromEntries(flags.rows.map((r) => [r.id, r.first_response_breached]))).toEqual({
      [late.ticketId]: true,
      [answered.ticketId]: false,
    });
    // the events reach the stream from the change feed's table (the relay publishes those with a key)
    const relayed = await h.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'sla.breached' AND key IS NOT NULL`,
    );
    expect(relayed.rows[0].n).toBe(2);
  });

  it('stops the first-response clock at the first non-automatic answer and the resolution clock at resolved, until reopened', async () => {
    const t = await seedTicket(h.pool, { createdAt: friday1600 });
    await intake(t.ticketId);
    const deps = {
      pool: h.pool,
      log: h.log,
      config,
      metrics: automationMetrics(new Registry()),
      now: () => friday1600,
    };
    const event = (
      type: 'message.created' | 'ticket.updated',
      data: Record<string, unknown>,
      at = '2026-03-06T14:30:00Z',
    ) =>
      handleEvents(
        [{ id: randomUUID(), type, occurredAt: at, data: { ticketId: t.ticketId, ...data } }],
        deps,
      );
    const state = async () =>
      (
        await h.pool.query('SELECT first_response_at, resolved_at FROM ticket_sla WHERE ticket_id = $1', [
          t.ticketId,
        ])
      ).rows[0];

    const ack = await seedOutbound(h.pool, t.ticketId, t.customerId, new Date('2026-03-06T13:00:05Z'), true);
    await event('message.created', { messageId: ack, direction: 'outbound' });
    expect((await state()).first_response_at).toBeNull();
    const reply = await seedOutbound(h.pool, t.ticketId, t.customerId, new Date('2026-03-06T14:00:00Z'));
    await event('message.created', { messageId: reply, direction: 'outbound' });
    expect((await state()).first_response_at.toISOString()).toBe('2026-03-06T14:00:00.000Z');

    await event('ticket.updated', { changes: { status: 'resolved' } });
    expect((await state()).resolved_at.toISOString()).toBe('2026-03-06T14:30:00.000Z');
    await event('ticket.updated', { status: 'open', reopened: true }, '2026-03-06T15:00:00Z');
    expect((await state()).resolved_at).toBeNull();
  });

  it('runs on one replica at a time, and another takes over when it stops', async () => {
    const clock = { now: new Date('2026-03-20T12:00:00Z') }; // long after every due time above
    const replicas = [0, 1].map(() => {
      const pool = createPool({ url: h.databaseUrl, log: h.log, max: 3 });
      return {
        pool,
        scheduler: new SlaScheduler({ pool, log: h.log, intervalMs: 50, now: () => clock.now }),
      };
    });
    const breaches = async (ticketId: string) =>
      (
        await h.pool.query(
          `SELECT count(*)::int AS n FROM events WHERE type = 'sla.breached' AND data->>'ticketId' = $1`,
          [ticketId],
        )
      ).rows[0].n;
    try {
      for (const r of replicas) r.scheduler.start();
      const a = await seedTicket(h.pool, { createdAt: friday1600 });
      await intake(a.ticketId);
      await waitFor(async () => (await breaches(a.ticketId)) === 2, {
        description: 'both clocks of A breached',
      });
      await replicas[0]?.scheduler.stop();
      const b = await seedTicket(h.pool, { createdAt: friday1600 });
      await intake(b.ticketId);
      await waitFor(async () => (await breaches(b.ticketId)) === 2, {
        description: 'B breached by the remaining replica',
      });
      await replicas[1]?.scheduler.stop();
      expect([await breaches(a.ticketId), await breaches(b.ticketId)]).toEqual([2, 2]);
    } finally {
      for (const r of replicas) {
        await r.scheduler.stop();
        await r.pool.end();
      }
    }
  });

  it("starts a new ticket without waiting for the customer's next message being stored in it", async () => {
    // Threading's foreign-key check holds KEY SHARE on the ticket until it commits.
    const t = await seedTicket(h.pool, { createdAt: friday1600 });
    const writer = await h.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text)
         VALUES ($1, $2, $3, 'inbound', 'telegram', 'main', $4, now(), now(), 'one more thing')`,
        [randomUUID(), t.ticketId, t.customerId, randomUUID()],
      );
      const started = await withTransaction(h.pool, async (c) => {
        await c.query("SET LOCAL lock_timeout = '2s'");
        return (await handleTicketsCreated(c, [t.ticketId], config, friday1600)).results[0] ?? null;
      });
      expect(started).not.toBeNull();
    } finally {
      await writer.query('ROLLBACK');
      writer.release();
    }
  });
});
