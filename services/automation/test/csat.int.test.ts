import { randomUUID } from 'node:crypto';
import { InboundMessage, messageId, OutboundMessage } from '@omni/contracts';
import { replyChannelSettings } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { createHttpServer, createLogger, parseOmniConfig } from '@omni/service-kit';
import { type Harness, startHarness } from '@omni/testkit';
import { threadBatch } from '@omni/threading';
import { Registry } from 'prom-client';
import { automationMetrics } from '../src/automation-metrics';
import { signRatingToken } from '../src/csat-link';
import { sendDueSurveys } from '../src/csat-survey';
import { handleEvents } from '../src/event.consumer';
import { ratingPageRoutes } from '../src/routes/rating-page.routes';
import { seedTicket } from './seed';

const SECRET = 'a-rating-link-secret-of-32-chars!!';

/**
 * Surveys driven by hand (the clock and the passes are the test's): when one is due and when
 * not (reopened, loop protection, the per-customer limit, once per ticket), the signed rating
 * page of email surveys, and a reply that is only a number answering a messenger survey.
 */
describe('CSAT surveys', () => {
  let h: Harness;
  const config = parseOmniConfig(
    `channels:
  email:
    - { account: support }
automation:
  csat:
    publicUrl: https://help.example.com/
    linkSecret: "${SECRET}"
    ratingPageLimit: { max: 20, windowSeconds: 600 }
    surveys:
      - { channel: telegram, account: main, enabled: true, delayMinutes: 10, maxPerCustomer: 1, perDays: 7 }
      - { channel: email, account: support, enabled: true, delayMinutes: 10, maxPerCustomer: 5 }
      - { channel: webform, account: default, enabled: true, delayMinutes: 10, scale: thumbs }
`,
    {},
  ).automation;
  const replyChannels = replyChannelSettings({ email: [{ account: 'support' }], webform: [] });
  const metrics = automationMetrics(new Registry());
  const log = createLogger({ service: 'csat-test', level: 'silent' });

  beforeAll(async () => {
    h = await startHarness('csat');
  });
  afterAll(async () => {
    await h?.close();
  });

  const statusEvent = (ticketId: string, status: string, at: Date) =>
    handleEvents(
      [
        {
          id: randomUUID(),
          type: 'ticket.updated',
          occurredAt: at.toISOString(),
          data: status === 'open' ? { ticketId, status, reopened: true } : { ticketId, changes: { status } },
        },
      ],
      { pool: h.pool, log, config, replyChannels, metrics, now: () => at },
    );
  const setStatus = (ticketId: string, status: string) =>
    h.pool.query('UPDATE tickets SET status = $2 WHERE id = $1', [ticketId, status]);
  const resolve = async (ticketId: string, at: Date) => {
    await setStatus(ticketId, 'resolved');
    await statusEvent(ticketId, 'resolved', at);
  };
  const pass = (at: Date) => sendDueSurveys(h.pool, at, { config: config.csat, replyChannels });
  const survey = async (ticketId: string) =>
    (await h.pool.query('SELECT * FROM csat_surveys WHERE ticket_id = $1', [ticketId])).rows[0];
  const surveysOut = async (ticketId: string) =>
    (
      await h.pool.query<{ payload: unknown }>(
        `SELECT payload FROM outbox WHERE topic LIKE 'omni.outbound.%' AND key = $1 ORDER BY id`,
        [ticketId],
      )
    ).rows.map((r) => OutboundMessage.parse(r.payload));
  const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

  it('is due after the delay, not before; a reopened ticket gets none until it is resolved again', async () => {
    const t0 = new Date('2026-05-04T10:00:00Z');
    const t = await seedTicket(h.pool, { createdAt: t0 });
    await resolve(t.ticketId, minutes(t0, 30));
    expect((await pass(minutes(t0, 39))).sent).toBe(0);

    // Reopened by the customer: the event cancels the survey.
    await setStatus(t.ticketId, 'open');
    await statusEvent(t.ticketId, 'open', minutes(t0, 35));
    expect(await pass(minutes(t0, 60))).toMatchObject({ sent: 0, handled: 0 });
    expect((await survey(t.ticketId)).state).toBe('cancelled');

    // Resolved again, reopened again — its event still on the way: the pass sees the status.
    await resolve(t.ticketId, minutes(t0, 70));
    await setStatus(t.ticketId, 'open');
    expect(await pass(minutes(t0, 81))).toMatchObject({ sent: 0, skipped: { reopened: 1 } });
    expect(await surveysOut(t.ticketId)).toEqual([]);

    // Resolved for good: one survey, with the buttons, and never a second one.
    await resolve(t.ticketId, minutes(t0, 90));
    expect((await pass(minutes(t0, 101))).sent).toBe(1);
    await setStatus(t.ticketId, 'open');
    await statusEvent(t.ticketId, 'open', minutes(t0, 110));
    await resolve(t.ticketId, minutes(t0, 120));
    expect((await pass(minutes(t0, 200))).sent).toBe(0);
    const out = await surveysOut(t.ticketId);
    expect(out).toHaveLength(1);
    expect(out[0]?.automatic).toBe(true);
    expect(out[0]?.choices?.map((c) => c.payload)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `csat:${t.ticketId}:${n}`),
    );
  });

  it('never answers auto-replies or list mail, and respects the per-customer limit', async () => {
    const t0 = new Date('2026-05-05T10:00:00Z');
    const auto = await seedTicket(h.pool, { createdAt: t0, message: { flags: { autoReply: true } } });
    const list = await seedTicket(h.pool, { createdAt: t0, message: { flags: { list: true } } });
    const first = await seedTicket(h.pool, { createdAt: t0 });
    const second = await seedTicket(h.pool, { createdAt: t0, customerId: first.customerId });
    for (const t of [auto, list, first, second]) await resolve(t.ticketId, t0);
    const r = await pass(minutes(t0, 11));
    expect(r).toMatchObject({ sent: 1, skipped: { 'auto-reply': 1, list: 1, 'customer-limit': 1 } });
    expect((await survey(first.ticketId)).state).toBe('sent');
    expect((await survey(second.ticketId)).skip_reason).toBe('customer-limit');
  });

  it('a reply that is only a number answers a messenger survey; it is no message and reopens nothing', async () => {
    const t0 = new Date();
    const from = `tg-${Date.now()}`;
    const t = await seedTicket(h.pool, {
      createdAt: minutes(t0, -60),
      message: { sender: { externalId: from } },
    });
    await resolve(t.ticketId, minutes(t0, -30));
    expect((await pass(minutes(t0, -19))).sent).toBe(1);
    const reply = (text: string, externalId: string) =>
      InboundMessage.parse({
        version: 1,
        id: messageId('telegram', 'main', externalId),
        channel: 'telegram',
        account: 'main',
        externalId,
        direction: 'inbound',
        sentAt: t0.toISOString(),
        receivedAt: t0.toISOString(),
        sender: { externalId: from },
        identities: [{ kind: 'telegram', value: from, verified: true }],
        thread: { externalChatId: from },
        content: { kind: 'text', text },
        flags: {},
      });
    const settings = { reopenWindowDays: 7, defaultPhoneRegion: 'RU' };
    const four = reply('4️⃣', `${from}:2`);
    const result = await withTransaction(h.pool, (c) => threadBatch(c, [four], settings, t0));
    expect(result).toMatchObject({ stored: 0, ratings: 1 });
    // Redelivered: still not a message.
    expect(await withTransaction(h.pool, (c) => threadBatch(c, [four], settings, t0))).toMatchObject({
      stored: 0,
      ratings: 1,
    });
    const ticket = (await h.pool.query('SELECT status, csat FROM tickets WHERE id = $1', [t.ticketId]))
      .rows[0];
    expect(ticket.status).toBe('resolved');
    expect(ticket.csat).toMatchObject({ score: 4, channel: 'telegram' });
    // Answered once: a later "5" is an ordinary message.
    const later = await withTransaction(h.pool, (c) =>
      threadBatch(c, [reply('5', `${from}:3`)], settings, t0),
    );
    expect(later).toMatchObject({ stored: 1, ratings: 0 });
    expect(
      (await h.pool.query('SELECT csat FROM tickets WHERE id = $1', [t.ticketId])).rows[0].csat.score,
    ).toBe(4);
  });

  it('a web-form ticket is surveyed by email, with links (thumbs: two)', async () => {
    const t0 = new Date('2026-05-06T10:00:00Z');
    const email = `form-${Date.now()}@example.com`;
    const t = await seedTicket(h.pool, {
      channel: 'webform',
      account: 'default',
      createdAt: t0,
      message: { sender: { externalId: email, email } },
    });
    await resolve(t.ticketId, t0);
    expect((await pass(minutes(t0, 11))).sent).toBe(1);
    const [out] = await surveysOut(t.ticketId);
    expect(out).toMatchObject({ channel: 'email', account: 'support', recipient: { email } });
    expect(out?.choices).toBeUndefined();
    const scores = [
      ...(out?.content.text ?? '').matchAll(
        /^(\S+)\s+https:\/\/help\.example\.com\/csat\/\S+\?score=(\d)$/gmu,
      ),
    ];
    expect(scores.map((m) => [m[1], m[2]])).toEqual([
      ['👍', '5'],
      ['👎', '1'],
    ]);
  });

  describe('the rating page of email surveys', () => {
    // The service kit's server: errors (a 429) answer problem+json as in production.
    const app = createHttpServer({ log, metrics: new Registry(), readiness: [] });
    let clock = new Date();
    let ticketId: string;
    let link5: URL;

    beforeAll(async () => {
      await app.register(ratingPageRoutes(h.pool, config.csat, () => clock));
      const t0 = new Date();
      const email = `ann-${Date.now()}@example.com`;
      const t = await seedTicket(h.pool, {
        channel: 'email',
        account: 'support',
        email,
        createdAt: minutes(t0, -60),
        message: { subject: 'Refund', sender: { externalId: email, email } },
      });
      ticketId = t.ticketId;
      await resolve(ticketId, minutes(t0, -30));
      expect((await pass(minutes(t0, -19))).sent).toBe(1);
      const [out] = await surveysOut(ticketId);
      expect(out?.choices).toBeUndefined();
      const links = [...(out?.content.text ?? '').matchAll(/https:\/\/\S+/g)].map((m) => new URL(m[0]));
      expect(links.map((l) => l.searchParams.get('score'))).toEqual(['5', '4', '3', '2', '1']);
      link5 = links[0] as URL;
      expect(link5.origin).toBe('https://help.example.com');
    });
    afterAll(() => app.close());

    const path = (u: URL) => `${u.pathname}${u.search}`;
    const post = (u: URL, form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: u.pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });

    it('shows the scale without recording, then records a score with a comment once', async () => {
      const page = await app.inject({ url: path(link5) });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).toMatch(/value="5" checked/);
      expect(
        (await h.pool.query('SELECT csat FROM tickets WHERE id = $1', [ticketId])).rows[0].csat,
      ).toBeNull();

      const answer = await post(link5, { score: '4', comment: 'Quick <b>and</b> polite' });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('Thank you for your rating!');
      const csat = (await h.pool.query('SELECT csat FROM tickets WHERE id = $1', [ticketId])).rows[0].csat;
      expect(csat).toMatchObject({ score: 4, comment: 'Quick <b>and</b> polite', channel: 'email' });

      const again = await post(link5, { score: '1' });
      expect(again.statusCode).toBe(409);
      expect((await app.inject({ url: path(link5) })).statusCode).toBe(409);
      const rated = await h.pool.query(
        `SELECT count(*)::int AS n FROM events WHERE type = 'ticket.rated' AND data->>'ticketId' = $1`,
        [ticketId],
      );
      expect(rated.rows[0].n).toBe(1);
      expect(
        (await h.pool.query('SELECT csat FROM tickets WHERE id = $1', [ticketId])).rows[0].csat.score,
      ).toBe(4);
    });

    it('answers 429 problem+json to an address past its limit, other addresses go on', async () => {
      const from = (remoteAddress: string) => app.inject({ url: path(link5), remoteAddress });
      for (let i = 0; i < 20; i++) expect((await from('203.0.113.9')).statusCode).not.toBe(429);
      const limited = await from('203.0.113.9');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ type: 'urn:omni:problem:rate-limited', status: 429 });
      expect((await from('203.0.113.10')).statusCode).not.toBe(429);
    });

    it('refuses forged, foreign and expired tokens', async () => {
      const token = link5.pathname.split('/').pop() as string;
      const [claims, signature] = token.split('.') as [string, string];
      const tampered = `${claims}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      const otherTicket = `${signRatingToken(randomUUID(), minutes(new Date(), 60), SECRET).split('.')[0]}.${signature}`;
      const otherSecret = signRatingToken(
        ticketId,
        minutes(new Date(), 60),
        'another-secret-of-at-least-32-chars',
      );
      for (const bad of [tampered, otherTicket, otherSecret, 'not-a-token']) {
        const r = await post(new URL(`https://x/csat/${bad}`), { score: '5' });
        expect({ bad, status: r.statusCode }).toEqual({ bad, status: 404 });
      }
      const expired = signRatingToken(ticketId, minutes(new Date(), -1), SECRET);
      expect((await app.inject({ url: `/csat/${expired}` })).statusCode).toBe(410);
      clock = new Date(Date.now() + 365 * 86_400_000);
      expect((await app.inject({ url: path(link5) })).statusCode).toBe(410);
    });
  });
});
