import { buildEmailAdapter } from '@omni/adapter-email';
import type { Bus } from '@omni/bus';
import { createPool, type Pool } from '@omni/db';
import { createMetrics, OmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { freePort, type Harness, startHarness, waitFor } from '@omni/testkit';
import { startDovecot, type TestDovecot } from '@omni/testkit/src/dovecot';
import { startSmtpReceiver, type TestSmtpReceiver } from '@omni/testkit/src/smtp-receiver';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { ImapFlow } from 'imapflow';
import { type ParsedMail, simpleParser } from 'mailparser';
import { type Browser, chromium } from 'playwright-core';
import type { Registry } from 'prom-client';
import {
  buildLivechatAdapter,
  ConversationRepository,
  LivechatAccount,
  offlineEmailAccounts,
  offlineEmailJob,
  sendOfflineEmails,
  signConversationLink,
} from '../src';
import { VisitorClient } from './support/livechat-app';

/**
 * Offline continuity end to end on real PostgreSQL, Kafka, SMTP and IMAP (Dovecot): replies
 * a visitor has not read in time leave as ONE email through the email adapter, a reply read
 * in time never does, the email's link reopens the conversation (in a real browser too),
 * and the answer to the email comes back through IMAP into the same live chat ticket.
 * Several replicas of the job send each reply once.
 */
const DELAY_SECONDS = 600;
let h: Harness;
let dovecot: TestDovecot;
let smtp: TestSmtpReceiver;
let bus: Bus;
let pool: Pool;
let running: RunningServices;
let metrics: Registry;
let config: OmniConfig;
let publicUrl: string;
const apiKey = generateApiKey();
/** The live chat adapter's clock: the tests move it past the delay. */
let skewMs = 0;
const now = () => new Date(Date.now() + skewMs);

beforeAll(async () => {
  [h, dovecot, smtp] = await Promise.all([
    startHarness('livechat-offline-email'),
    startDovecot(),
    startSmtpReceiver(),
  ]);
  bus = await h.kafkaBus();
  pool = createPool({ url: h.databaseUrl, log: h.log });
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  config = OmniConfig.parse({
    channels: {
      email: [
        {
          account: 'support',
          address: 'support@example.com',
          imap: {
            host: dovecot.host,
            port: dovecot.port,
            secure: false,
            user: 'support',
            password: 'secret',
          },
          smtp: { host: smtp.host, port: smtp.port, secure: false },
        },
      ],
      livechat: [
        {
          account: 'shop',
          offlineEmailDelaySeconds: DELAY_SECONDS,
          offlineEmailAccount: 'support',
          publicUrl,
        },
      ],
    },
  });
  metrics = createMetrics('livechat-offline-email');
  running = await runServices({
    log: h.log,
    metrics,
    bus,
    pool,
    host: '127.0.0.1',
    port,
    modules: [
      buildLivechatAdapter({ config, bus, pool, log: h.log, now, metrics, offlineEmailIntervalMs: 200 }),
      buildEmailAdapter({ config, bus, pool, log: h.log }),
      buildThreadingService({ pool, bus, log: h.log, settings: config.threading }),
      buildTicketsService({ pool, bus, log: h.log, bootstrapApiKey: apiKey }),
    ],
  });
}, 180_000);

// Each test starts at the real time: its replies are not due until it moves the clock.
beforeEach(() => {
  skewMs = 0;
});

afterAll(async () => {
  await running?.stop();
  await h?.close();
  await Promise.allSettled([dovecot?.stop(), smtp?.stop()]);
});

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${running.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
const reply = (ticketId: string, text: string) =>
  api<{ id: string }>(`/v1/tickets/${ticketId}/replies`, { text });

const stored = (text: string) =>
  waitFor(
    async () =>
      (
        await pool.query<{ ticket_id: string; customer_id: string }>(
          'SELECT ticket_id, customer_id FROM messages WHERE text = $1',
          [text],
        )
      ).rows[0],
    { description: `"${text}" stored` },
  );
const historyOf = async (v: VisitorClient, token = v.token) =>
  ((await (await v.history(undefined, token)).json()) as { data: Array<{ id: string; text: string }> }).data;
const inConversation = (v: VisitorClient, text: string) =>
  waitFor(async () => (await historyOf(v)).find((e) => e.text === text), {
    description: `"${text}" in the visitor's conversation`,
  });
/** The emails the SMTP server received, parsed, from the `from`-th on. */
const mails = async (from = 0): Promise<ParsedMail[]> =>
  Promise.all(smtp.messages.slice(from).map((m) => simpleParser(m.raw)));
const linkIn = (mail: ParsedMail): string => {
  const link = /(http:\/\/\S+\/frame#resume=\S+)/.exec(mail.text ?? '')?.[1];
  if (!link) throw new Error(`no conversation link in:\n${mail.text}`);
  return link;
};
const metric = async (name: string) =>
  ((await metrics.getSingleMetric(name)?.get())?.values ?? []).reduce((sum, v) => sum + v.value, 0);

async function deliver(raw: string): Promise<void> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: 'support', pass: 'secret' },
    logger: false,
  });
  await client.connect();
  try {
    await client.append('INBOX', raw.replace(/\r?\n/g, '\r\n'));
  } finally {
    await client.logout();
  }
}

describe('unread live chat replies by email', () => {
  const anna = new VisitorClient('', 'shop');
  let ticketId: string;
  let firstMail: ParsedMail;

  it('sends the replies unread after the delay as one email with a link back, not before', async () => {
    Object.assign(anna, { url: running.url });
    await anna.session({ name: 'Anna', email: 'Anna@Example.com', locale: 'en' });
    await anna.send('Is my order shipped?', 'c-1');
    ticketId = (await stored('Is my order shipped?')).ticket_id;
    await reply(ticketId, 'Checking with the warehouse.');
    await reply(ticketId, 'It ships tomorrow.');
    await inConversation(anna, 'It ships tomorrow.');
    // Within the delay: nothing is due (the job runs every 200 ms meanwhile).
    const passes = await metric('omni_livechat_offline_email_last_pass_timestamp_seconds');
    await waitFor(
      async () => (await metric('omni_livechat_offline_email_last_pass_timestamp_seconds')) > passes,
      { description: 'a pass within the delay' },
    );
    expect(smtp.messages).toHaveLength(0);

    skewMs = (DELAY_SECONDS + 1) * 1000;
    await waitFor(() => smtp.messages.length >= 1, { description: 'the email at the SMTP server' });
    [firstMail] = (await mails()) as [ParsedMail];
    expect(smtp.messages[0]?.to).toEqual(['anna@example.com']);
    const { rows } = await pool.query<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [
      ticketId,
    ]);
    expect(firstMail.subject).toBe(`Re: A reply in your chat with us [#${rows[0]?.number}]`);
    expect(firstMail.text).toContain('Hello, Anna!');
    expect(firstMail.text).toContain('You have not read our 2 replies in the chat yet:');
    expect(firstMail.text).toContain('Checking with the warehouse.');
    expect(firstMail.text).toContain('It ships tomorrow.');
    expect(linkIn(firstMail).startsWith(`${publicUrl}/channels/livechat/shop/frame#resume=lr1.`)).toBe(true);
    // On the ticket: one automatic outbound email, sent; the livechat replies marked as emailed.
    const sent = await waitFor(
      async () =>
        (
          await pool.query<{ id: string; delivery_status: string; email_message_id: string | null }>(
            `SELECT id, delivery_status, email_message_id FROM messages
              WHERE ticket_id = $1 AND channel = 'email' AND direction = 'outbound'`,
            [ticketId],
          )
        ).rows.find((m) => m.delivery_status === 'sent'),
      { description: 'the email marked sent on the ticket' },
    );
    expect(`<${sent.email_message_id}>`).toBe(firstMail.messageId);
    expect(await metric('omni_livechat_offline_emails_total')).toBe(1);
    expect(await metric('omni_livechat_offline_email_replies_total')).toBe(2);
  });

  it('never emails a reply read in time; a later unread one goes alone', async () => {
    const read = await reply(ticketId, 'Your tracking number is RU123.');
    await inConversation(anna, 'Your tracking number is RU123.');
    const receipt = await fetch(`${running.url}/channels/livechat/shop/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${anna.token}` },
      body: JSON.stringify({ status: 'read', id: read.id }),
    });
    expect(receipt.status).toBe(204);
    await reply(ticketId, 'Anything else?');
    await inConversation(anna, 'Anything else?');
    skewMs = (DELAY_SECONDS + 1) * 1000;
    await waitFor(() => smtp.messages.length >= 2, { description: 'the second email' });
    const [second] = (await mails(1)) as [ParsedMail];
    expect(second.text).toContain('You have not read our reply in the chat yet:');
    expect(second.text).toContain('Anything else?');
    expect(second.text).not.toContain('RU123');
    expect(smtp.messages).toHaveLength(2);
  });

  it('reopens the conversation from the link: history, and the visitor writes on in the same ticket', async () => {
    const credential = linkIn(firstMail).split('#resume=')[1] as string;
    const resumed = await fetch(`${running.url}/channels/livechat/shop/resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ link: credential }),
    });
    expect(resumed.status).toBe(200);
    const session = (await resumed.json()) as { visitorToken: string; messages: Array<{ text: string }> };
    expect(session.messages.map((m) => m.text)).toEqual([
      'Is my order shipped?',
      'Checking with the warehouse.',
      'It ships tomorrow.',
      'Your tracking number is RU123.',
      'Anything else?',
    ]);
    await anna.send('No, thanks!', 'c-2', session.visitorToken);
    expect((await stored('No, thanks!')).ticket_id).toBe(ticketId);

    // Forged, truncated, another account's, expired and revoked links open nothing.
    const resume = (link: string) =>
      fetch(`${running.url}/channels/livechat/shop/resume`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ link }),
      }).then((r) => r.status);
    const [prefix, body] = credential.split('.');
    expect(await resume(`${prefix}.${body}.AAAA`)).toBe(401);
    expect(await resume(credential.slice(0, -2))).toBe(401);
    expect(await resume(session.visitorToken)).toBe(401);
    const repository = new ConversationRepository(pool);
    const key = await repository.tokenKey('shop', undefined);
    const visitor = JSON.parse(Buffer.from(body as string, 'base64url').toString()).v as string;
    const expired = signConversationLink(
      { account: 'shop', visitor, version: 1, expiresAt: new Date(Date.now() + skewMs - 1000) },
      key,
    );
    expect(await resume(expired)).toBe(401);
    expect(await resume('')).toBe(400);
    await repository.revoke('shop', visitor);
    expect(await resume(credential)).toBe(401);
    // The visitor signs in again (the pre-chat form) for what follows.
    anna.token = '';
    await anna.session({ name: 'Anna', email: 'anna@example.com', locale: 'en' });
  });

  it('files the answer to the email in the same live chat ticket', async () => {
    await deliver(
      `From: Anna <anna@example.com>\nTo: support@example.com\nSubject: Re: ${firstMail.subject}\nMessage-ID: <anna-answer@example.com>\nIn-Reply-To: ${firstMail.messageId}\nReferences: ${firstMail.messageId}\nDate: ${new Date().toUTCString()}\nContent-Type: text/plain; charset=utf-8\n\nCan you deliver to my office instead?\n\n> It ships tomorrow.\n`,
    );
    const answer = await waitFor(
      async () =>
        (
          await pool.query<{ ticket_id: string; channel: string }>(
            "SELECT ticket_id, channel FROM messages WHERE external_id = 'anna-answer@example.com'",
          )
        ).rows[0],
      { description: 'the email answer stored' },
    );
    expect(answer).toEqual({ ticket_id: ticketId, channel: 'email' });
  });
});

describe('several replicas', () => {
  it('email each reply once, whether the lease or only the row locks stand between them', async () => {
    const v = new VisitorClient(running.url, 'shop');
    await v.session({ email: 'boris@example.com', locale: 'en' });
    await v.send('Hello from Boris', 'b-1');
    const ticket = (await stored('Hello from Boris')).ticket_id;
    await reply(ticket, 'Hello Boris, one moment.');
    await inConversation(v, 'Hello Boris, one moment.');
    const before = smtp.messages.length;
    const accounts = offlineEmailAccounts(
      config,
      [LivechatAccount.parse(config.channels.livechat?.[0])],
      h.log,
    );
    const repository = new ConversationRepository(pool);
    const deps = { pool, accounts, log: h.log, tokenKey: (a: string) => repository.tokenKey(a, undefined) };
    // Two more replicas' jobs (the same lease as the adapter's), and two passes with no lease at all.
    const jobs = [1, 2].map(() => offlineEmailJob({ ...deps, intervalMs: 50, now }));
    for (const job of jobs) job.start();
    skewMs = (DELAY_SECONDS + 1) * 1000;
    const direct = await Promise.all([sendOfflineEmails(deps, now()), sendOfflineEmails(deps, now())]);
    await waitFor(() => smtp.messages.length > before, { description: 'the email for Boris' });
    await Promise.all(jobs.map((job) => job.stop()));
    expect(direct.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM messages WHERE ticket_id = $1 AND channel = 'email' AND direction = 'outbound'`,
      [ticket],
    );
    expect(Number(rows[0]?.n)).toBe(1);
    await waitFor(
      async () =>
        (
          await pool.query(
            `SELECT 1 FROM messages WHERE ticket_id = $1 AND channel = 'email' AND delivery_status = 'sent'`,
            [ticket],
          )
        ).rowCount === 1,
      { description: 'Boris’s email sent' },
    );
    expect(smtp.messages.length - before).toBe(1);
  });
});

describe('replies that cannot go', () => {
  it('are taken out of the scan (their ticket is gone) and never hold up the others', async () => {
    const gone = new VisitorClient(running.url, 'shop');
    await gone.session({ email: 'gone@example.com', locale: 'en' });
    await gone.send('Hello from a deleted ticket', 'g-1');
    const goneTicket = (await stored('Hello from a deleted ticket')).ticket_id;
    const { id: goneReply } = await reply(goneTicket, 'A reply whose ticket retention deletes');
    await inConversation(gone, 'A reply whose ticket retention deletes');
    // As if retention deleted the ticket: the conversation keeps a ticket id that names nothing.
    await pool.query('UPDATE livechat_entries SET ticket_id = gen_random_uuid() WHERE message_id = $1', [
      goneReply,
    ]);
    const ok = new VisitorClient(running.url, 'shop');
    await ok.session({ email: 'ok@example.com', locale: 'en' });
    await ok.send('Hello from Olga', 'o-1');
    const okTicket = (await stored('Hello from Olga')).ticket_id;
    await reply(okTicket, 'Hello Olga.');
    await inConversation(ok, 'Hello Olga.');
    const before = smtp.messages.length;
    skewMs = (DELAY_SECONDS + 1) * 1000;
    await waitFor(async () => (await mails(before)).some((m) => m.text?.includes('Hello Olga.')), {
      description: 'Olga’s email',
    });
    const marked = await waitFor(
      async () =>
        (
          await pool.query<{ emailed_in: string | null }>(
            'SELECT emailed_in FROM livechat_entries WHERE message_id = $1',
            [goneReply],
          )
        ).rows[0]?.emailed_in,
      { description: 'the unsendable reply marked' },
    );
    expect(marked).toBe('00000000-0000-0000-0000-000000000000');
    expect((await mails(before)).some((m) => m.text?.includes('retention deletes'))).toBe(false);
  });
});

describe('the link in a real browser', () => {
  let browser: Browser;
  afterAll(async () => browser?.close());

  it('shows the conversation and lets the visitor write on', async () => {
    const v = new VisitorClient(running.url, 'shop');
    await v.session({ name: 'Vera', email: 'vera@example.com', locale: 'en' });
    await v.send('Do you ship to Kazan?', 'v-1');
    const ticket = (await stored('Do you ship to Kazan?')).ticket_id;
    await reply(ticket, 'Yes, in three days.');
    await inConversation(v, 'Yes, in three days.');
    const before = smtp.messages.length;
    skewMs = (DELAY_SECONDS + 1) * 1000;
    await waitFor(async () => (await mails(before)).find((m) => m.text?.includes('Yes, in three days.')), {
      description: 'Vera’s email',
    });
    const mail = (await mails(before)).find((m) => m.text?.includes('Yes, in three days.')) as ParsedMail;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(linkIn(mail));
    await page.getByText('Yes, in three days.').waitFor();
    await page.getByText('Do you ship to Kazan?').waitFor();
    // The credential left the address bar and was never part of a requested URL.
    expect(page.url()).not.toContain('resume');
    expect(requested.some((u) => u.includes('lr1.'))).toBe(false);
    await page.locator('textarea').fill('Great, ordering now.');
    await page.keyboard.press('Enter');
    expect((await stored('Great, ordering now.')).ticket_id).toBe(ticket);
  });
});
