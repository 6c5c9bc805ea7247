import { randomUUID } from 'node:crypto';
import type { DeliveryReport } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import fc from 'fast-check';
import { applyDeliveryBatch } from '../src/delivery.consumer';
import { seedCustomer, seedOutbound, seedTicket } from './support/seed';

// The delivery consumer folds a batch's reports in memory and writes each message once. It
// must end exactly where applying the reports one after the other ends — statuses, platform
// ids, errors and the events, in order — and, writing each message once, it must not lock the
// ticket against a reply while the batch's transaction is open.
let h: Harness;

beforeAll(async () => {
  h = await startHarness('tickets-delivery-batch');
});
afterAll(async () => {
  await h?.close();
});

const WATERMARK = Date.parse('2026-03-02T10:00:00Z');
/** The seeded messages' send times, their statuses and platform ids, the same in every copy. */
const SEEDED = [
  { sentAt: WATERMARK - 30_000, status: 'queued', externalId: undefined },
  { sentAt: WATERMARK - 20_000, status: 'sent', externalId: 'mid-1' },
  { sentAt: WATERMARK - 10_000, status: 'failed', externalId: undefined },
  { sentAt: WATERMARK + 10_000, status: 'sent', externalId: undefined },
] as const;
const EXTERNAL_IDS = ['mid-1', 'mid-2', 'mid-3'] as const;

/** One report, in terms of the seeded messages (which copy it applies to is decided later). */
type ReportSpec =
  | { by: 'id'; message: number; status: DeliveryReport['status']; externalId?: string }
  | { by: 'externalId'; externalId: string; status: DeliveryReport['status'] }
  | { by: 'watermark'; offsetMs: number; status: DeliveryReport['status'] };

const status = fc.constantFrom<DeliveryReport['status']>('sent', 'delivered', 'read', 'failed');
const reportSpec: fc.Arbitrary<ReportSpec> = fc.oneof(
  fc.record({
    by: fc.constant('id' as const),
    message: fc.nat(SEEDED.length - 1),
    status,
    externalId: fc.option(fc.constantFrom(...EXTERNAL_IDS), { nil: undefined }),
  }),
  fc.record({ by: fc.constant('externalId' as const), externalId: fc.constantFrom(...EXTERNAL_IDS), status }),
  fc.record({ by: fc.constant('watermark' as const), offsetMs: fc.constantFrom(-15_000, 0, 20_000), status }),
);

/** A fresh copy of the seeded messages, on an account of its own (platform ids are unique per account). */
async function seedCopy() {
  const account = `page-${randomUUID().slice(0, 8)}`;
  const psid = `psid-${randomUUID().slice(0, 8)}`;
  const customerId = await seedCustomer(h.pool, psid, [{ kind: 'facebook', value: `${account}:${psid}` }]);
  const ticket = await seedTicket(h.pool, { customerId, channel: 'facebook', account });
  const ids: string[] = [];
  for (const m of SEEDED)
    ids.push(
      await seedOutbound(h.pool, {
        ticketId: ticket.id,
        customerId,
        channel: 'facebook',
        account,
        sentAt: new Date(m.sentAt),
        deliveryStatus: m.status,
        externalId: m.externalId,
      }),
    );
  return { account, psid, ids };
}

function reportFor(copy: { account: string; psid: string; ids: string[] }, spec: ReportSpec): DeliveryReport {
  const base = {
    version: 1 as const,
    messageId: randomUUID(),
    channel: 'facebook' as const,
    account: copy.account,
    status: spec.status,
    occurredAt: new Date().toISOString(),
    ...(spec.status === 'failed'
      ? { error: { code: '10', message: 'outside the window', retriable: false } }
      : {}),
  };
  if (spec.by === 'id')
    return { ...base, messageId: copy.ids[spec.message] as string, externalId: spec.externalId };
  if (spec.by === 'externalId')
    return { ...base, externalId: spec.externalId, recipientExternalId: copy.psid };
  return {
    ...base,
    watermark: new Date(WATERMARK + spec.offsetMs).toISOString(),
    recipientExternalId: copy.psid,
  };
}

/** Each message's end state and the delivery events recorded about it, in the order of the copy's ids. */
async function endState(ids: string[]) {
  const { rows } = await h.pool.query<{ id: string }>(
    `SELECT m.id, m.delivery_status, m.external_id, m.delivery_error,
            ARRAY(SELECT e.data->>'deliveryStatus' FROM events e
                   WHERE e.type = 'message.delivery_updated' AND e.data->>'messageId' = m.id::text ORDER BY e.seq) AS events
       FROM messages m WHERE m.id = ANY($1::uuid[])`,
    [ids],
  );
  return ids.map((id) => {
    const { id: _, ...state } = rows.find((r) => r.id === id) as { id: string };
    return state;
  });
}

it('a batch ends where its reports applied one after the other end', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(reportSpec, { minLength: 1, maxLength: 8 }), async (specs) => {
      const oneByOne = await seedCopy();
      const batched = await seedCopy();
      let changedOneByOne = 0;
      for (const spec of specs)
        changedOneByOne += await applyDeliveryBatch(h.pool, [reportFor(oneByOne, spec)], h.log);
      const changedBatched = await applyDeliveryBatch(
        h.pool,
        specs.map((spec) => reportFor(batched, spec)),
        h.log,
      );

      expect(changedBatched).toBe(changedOneByOne);
      expect(await endState(batched.ids)).toEqual(await endState(oneByOne.ids));
    }),
    { numRuns: 60 },
  );
});

it('a batch moving one message twice holds no lock on its ticket', async () => {
  // A second UPDATE of a row in one transaction re-checks its foreign key, which locks the
  // ticket (KEY SHARE) until the batch commits; the reply commands and automation once waited
  // on it with their FOR UPDATE. Written once, the message leaves the ticket alone.
  const copy = await seedCopy();
  const { rows } = await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE id = $1', [
    copy.ids[0],
  ]);
  const ticketId = rows[0]?.ticket_id as string;
  // Hold the batch's transaction open at its `delivered` event, after every message write.
  await h.pool.query(`
    CREATE FUNCTION pause_at_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.data->>'deliveryStatus' = 'delivered' THEN PERFORM pg_advisory_xact_lock(4242); END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER pause_at_delivered BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION pause_at_delivered();`);
  const pauser = await h.pool.connect();
  try {
    await pauser.query('BEGIN');
    await pauser.query('SELECT pg_advisory_xact_lock(4242)');
    const batch = applyDeliveryBatch(
      h.pool,
      [
        reportFor(copy, { by: 'id', message: 0, status: 'sent', externalId: 'mid-2' }),
        reportFor(copy, { by: 'id', message: 0, status: 'delivered' }),
      ],
      h.log,
    );
    await waitFor(
      async () => {
        const { rows: waiting } = await h.pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`,
        );
        return waiting.length === 1;
      },
      { timeoutMs: 20_000, description: 'the batch paused at its delivered event' },
    );

    // The strongest row lock there is: it would wait for any lock the batch held on the ticket.
    const { rows: locked } = await h.pool.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE NOWAIT', [
      ticketId,
    ]);
    expect(locked).toHaveLength(1);

    await pauser.query('COMMIT');
    expect(await batch).toBe(2);
  } finally {
    pauser.release();
    await h.pool.query('DROP TRIGGER pause_at_delivered ON events; DROP FUNCTION pause_at_delivered()');
  }
  expect((await endState([copy.ids[0] as string]))[0]).toMatchObject({
    delivery_status: 'delivered',
    external_id: 'mid-2',
    events: ['sent', 'delivered'],
  });
});

it("a watermark reaches the messages of a customer merged into the recipient's", async () => {
  const account = `page-${randomUUID().slice(0, 8)}`;
  const psid = `psid-${randomUUID().slice(0, 8)}`;
  const survivor = await seedCustomer(h.pool, 'survivor', [
    { kind: 'facebook', value: `${account}:${psid}` },
  ]);
  const mergedAway = await seedCustomer(h.pool, 'merged away');
  await h.pool.query('UPDATE customers SET merged_into = $1 WHERE id = $2', [survivor, mergedAway]);
  const ticket = await seedTicket(h.pool, { customerId: mergedAway, channel: 'facebook', account });
  const before = await seedOutbound(h.pool, {
    ticketId: ticket.id,
    customerId: mergedAway,
    channel: 'facebook',
    account,
    sentAt: new Date(WATERMARK - 1_000),
  });
  const after = await seedOutbound(h.pool, {
    ticketId: ticket.id,
    customerId: mergedAway,
    channel: 'facebook',
    account,
    sentAt: new Date(WATERMARK + 1_000),
  });
  const read = reportFor({ account, psid, ids: [] }, { by: 'watermark', offsetMs: 0, status: 'read' });

  expect(await applyDeliveryBatch(h.pool, [read], h.log)).toBe(1);
  expect(await endState([before, after])).toMatchObject([
    { delivery_status: 'read', events: ['read'] },
    { delivery_status: 'sent', events: [] },
  ]);
});
