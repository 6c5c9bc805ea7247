import { PgBlobStore } from '@omni/db';
import { PrivacyConfig } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { Registry } from 'prom-client';
import { retentionJob } from '../src/retention.job';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('tickets-retention-job');
});
afterAll(async () => {
  await h?.close();
});

const metricValue = async (registry: Registry, name: string, kind: string) =>
  (await registry.getSingleMetric(name)?.get())?.values.find((v) => v.labels.kind === kind)?.value ?? 0;

it('runs on one replica at a time and reports its progress', async () => {
  const customerId = await seedCustomer(h.pool, 'Old Timer', [{ kind: 'telegram', value: '3131' }]);
  const ticketIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const ticket = await seedTicket(h.pool, { customerId, status: 'closed', subject: `old ${i}` });
    ticketIds.push(ticket.id);
    const old = new Date(Date.now() - 90 * 86_400_000);
    await seedMessage(h.pool, { ticketId: ticket.id, customerId, text: `old text ${i}`, sentAt: old });
    await h.pool.query('UPDATE tickets SET resolved_at = $2, updated_at = $2 WHERE id = $1', [
      ticket.id,
      old,
    ]);
  }
  // The first was rated with a comment (the customer's words) through a survey sent to their chat.
  const rated = ticketIds[0] as string;
  const rating = {
    score: 3,
    scale: 'five',
    comment: 'Old Timer says: slow',
    channel: 'telegram',
    at: new Date(0),
  };
  await h.pool.query('UPDATE tickets SET csat = $2 WHERE id = $1', [rated, JSON.stringify(rating)]);
  await h.pool.query(
    `INSERT INTO csat_surveys (ticket_id, customer_id, state, scale, due_at, via_channel, via_account, recipient)
     VALUES ($1, $2, 'answered', 'five', now(), 'telegram', 'main', '3131')`,
    [rated, customerId],
  );
  const privacy = PrivacyConfig.parse({
    retention: [{ channel: 'telegram', account: 'main', closedTicketDays: 30 }],
    retentionIntervalMinutes: 0.001,
  });
  // Two replicas: the lease lets one of them work; together they empty each ticket once.
  const registries = [new Registry(), new Registry()];
  const jobs = registries.map((metrics) =>
    retentionJob({ pool: h.pool, log: h.log, blobs: new PgBlobStore(h.pool), privacy, metrics }),
  );
  for (const job of jobs) job.start();
  const processed = async () =>
    (
      await Promise.all(
        registries.map((r) => metricValue(r, 'omni_privacy_retention_processed_total', 'tickets')),
      )
    ).reduce((a, b) => a + b, 0);
  await waitFor(async () => (await processed()) >= 3, { description: 'three tickets emptied' });
  for (const job of jobs) await job.stop();
  expect(await processed()).toBe(3);
  const lastPass = await Promise.all(
    registries.map(
      async (r) =>
        (await r.getSingleMetric('omni_privacy_retention_last_pass_timestamp_seconds')?.get())?.values[0]
          ?.value ?? 0,
    ),
  );
  expect(Math.max(...lastPass)).toBeGreaterThan(Date.now() / 1000 - 60);
  for (const r of registries) expect(await metricValue(r, 'omni_privacy_retention_due', 'tickets')).toBe(0);
  const { rows } = await h.pool.query(`SELECT count(*)::int AS n FROM messages WHERE text LIKE 'old text%'`);
  expect(rows[0].n).toBe(0);
  // The rating still counts; the comment and where the survey went are gone.
  const { rows: ratedNow } = await h.pool.query(
    'SELECT t.csat, s.recipient FROM tickets t JOIN csat_surveys s ON s.ticket_id = t.id WHERE t.id = $1',
    [rated],
  );
  expect(ratedNow).toEqual([
    { csat: { ...rating, at: rating.at.toISOString(), comment: null }, recipient: null },
  ]);
  const { rows: audits } = await h.pool.query(`SELECT counts FROM privacy_audit WHERE action = 'retention'`);
  expect(audits).toHaveLength(1);
  expect(audits[0].counts).toMatchObject({ tickets: 3, messages: 3 });
});
