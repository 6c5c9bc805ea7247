import { buildEmailAdapter } from '@omni/adapter-email';
import { buildWebformAdapter } from '@omni/adapter-webform';
import type { Bus } from '@omni/bus';
import { replyChannelSettings } from '@omni/customers';
import { createPool, type Pool } from '@omni/db';
import { createMetrics, OmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { freePort, type Harness, startHarness, waitFor } from '@omni/testkit';
import { startSmtpReceiver, type TestSmtpReceiver } from '@omni/testkit/src/smtp-receiver';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { simpleParser } from 'mailparser';
import { type Browser, chromium } from 'playwright-core';
import { buildLivechatAdapter, signConversationLink } from '../src';
import { VisitorClient } from './support/livechat-app';

/**
 * A web-form customer's conversation link (issue 21 §3), end to end on real PostgreSQL,
 * Kafka and SMTP: an agent's reply to a web-form ticket leaves by email with a link; the
 * link (only the mailbox holder has it) opens the ticket's conversation in the live chat,
 * what the customer writes there lands in the same ticket, and the next reply reaches the
 * chat. A forged link opens nothing.
 */
let h: Harness;
let smtp: TestSmtpReceiver;
let bus: Bus;
let pool: Pool;
let running: RunningServices;
let publicUrl: string;
const apiKey = generateApiKey();

beforeAll(async () => {
  [h, smtp] = await Promise.all([startHarness('livechat-webform-link'), startSmtpReceiver()]);
  bus = await h.kafkaBus();
  pool = createPool({ url: h.databaseUrl, log: h.log });
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  const config = OmniConfig.parse({
    channels: {
      email: [
        {
          account: 'support',
          address: 'support@example.com',
          // Never reached: this test answers nothing by email (the IMAP side is offline-email's test).
          imap: { host: '127.0.0.1', port: 1, secure: false, user: 'support', password: 'secret' },
          smtp: { host: smtp.host, port: smtp.port, secure: false },
        },
      ],
      webform: [{ account: 'shop' }],
      livechat: [{ account: 'shop', publicUrl, offlineEmailDelaySeconds: false }],
    },
  });
  running = await runServices({
    log: h.log,
    metrics: createMetrics('livechat-webform-link'),
    bus,
    pool,
    host: '127.0.0.1',
    port,
    modules: [
      buildWebformAdapter({ config, bus, log: h.log }),
      buildLivechatAdapter({ config, bus, pool, log: h.log }),
      buildEmailAdapter({ config, bus, pool, log: h.log }),
      buildThreadingService({ pool, bus, log: h.log, settings: config.threading }),
      buildTicketsService({ pool, bus, log: h.log, bootstrapApiKey: apiKey, channels: config.channels }),
    ],
  });
}, 180_000);

afterAll(async () => {
  await running?.stop();
  await h?.close();
  await smtp?.stop();
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
const stored = (text: string) =>
  waitFor(
    async () =>
      (
        await pool.query<{ ticket_id: string; channel: string }>(
          'SELECT ticket_id, channel FROM messages WHERE text = $1',
          [text],
        )
      ).rows[0],
    { description: `"${text}" stored` },
  );
async function submit(email: string, message: string): Promise<void> {
  const submitted = await fetch(`${running.url}/channels/webform/shop/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ name: 'Customer', email, message }).toString(),
  });
  expect(submitted.status).toBeLessThan(300);
}
const resume = (link: string) =>
  fetch(`${running.url}/channels/livechat/shop/resume`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ link }),
  });

describe('a web-form customer continues in the live chat', () => {
  it('gets a link in the reply email that opens the ticket in the chat, and writes on in the same ticket', async () => {
    await submit('Anna@Example.com', 'My payment for order 1042 failed');
    const { ticket_id: ticketId } = await stored('My payment for order 1042 failed');

    await api(`/v1/tickets/${ticketId}/replies`, { text: 'We refunded it; please try again.' });
    await waitFor(() => smtp.messages.length >= 1, { description: 'the reply at the SMTP server' });
    expect(smtp.messages[0]?.to).toEqual(['anna@example.com']);
    const mail = await simpleParser(smtp.messages[0]?.raw as Buffer);
    expect(mail.text).toContain('We refunded it; please try again.');
    const url = /(http:\/\/\S+\/channels\/livechat\/shop\/frame#resume=(\S+))/.exec(mail.text ?? '');
    if (!url) throw new Error(`no conversation link in:\n${mail.text}`);
    expect(url[1]?.startsWith(`${publicUrl}/`)).toBe(true);
    const credential = url[2] as string;
    // The link is a credential: the ticket's stored reply does not carry it.
    const { rows: replyRows } = await pool.query<{ text: string }>(
      "SELECT text FROM messages WHERE ticket_id = $1 AND direction = 'outbound'",
      [ticketId],
    );
    expect(replyRows.map((r) => r.text)).toEqual(['We refunded it; please try again.']);

    // Opening the link: the ticket's conversation so far, in order.
    const opened = await resume(credential);
    expect(opened.status).toBe(200);
    const session = (await opened.json()) as {
      visitorToken: string;
      verified: boolean;
      messages: Array<{ direction: string; text: string }>;
    };
    expect(session.messages.map((m) => [m.direction, m.text])).toEqual([
      ['inbound', 'My payment for order 1042 failed'],
      ['outbound', 'We refunded it; please try again.'],
    ]);
    // Opened twice: the history is not repeated.
    const again = (await (await resume(credential)).json()) as { messages: unknown[] };
    expect(again.messages).toHaveLength(2);

    // What the customer writes in the chat lands in the same ticket.
    const anna = new VisitorClient(running.url, 'shop');
    anna.token = session.visitorToken;
    // A session resumed later cannot swap the verified address for a typed one.
    await anna.session({ email: 'mallory@example.com' });
    expect((await anna.send('It worked, thank you!', 'c-1')).status).toBe(202);
    const written = await stored('It worked, thank you!');
    expect(written).toEqual({ ticket_id: ticketId, channel: 'livechat' });
    const { rows: sender } = await pool.query<{ email: string }>(
      "SELECT sender->>'email' AS email FROM messages WHERE text = 'It worked, thank you!'",
    );
    expect(sender).toEqual([{ email: 'anna@example.com' }]);
    const { rows: tickets } = await pool.query('SELECT id FROM tickets');
    expect(tickets).toHaveLength(1);

    // The next reply reaches the chat (the customer wrote there last), not the mailbox.
    const next = await api<{ channel: string }>(`/v1/tickets/${ticketId}/replies`, { text: 'Glad to help!' });
    expect(next.channel).toBe('livechat');
    await waitFor(
      async () => {
        const res = await anna.history();
        const data = ((await res.json()) as { data: Array<{ text: string }> }).data;
        return data.some((e) => e.text === 'Glad to help!');
      },
      { description: 'the next reply in the chat' },
    );
    expect(smtp.messages).toHaveLength(1);

    // Erasing the customer closes the link and empties the conversation.
    const { rows: owner } = await pool.query<{ customer_id: string }>(
      'SELECT customer_id FROM tickets WHERE id = $1',
      [ticketId],
    );
    const erased = await fetch(`${running.url}/v1/customers/${owner[0]?.customer_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(erased.status).toBe(204);
    expect((await resume(credential)).status).toBe(401);
    const { rows: left } = await pool.query(
      "SELECT 1 FROM livechat_entries WHERE visitor LIKE 't-' || $1 || '-%'",
      [ticketId],
    );
    expect(left).toHaveLength(0);
  });

  it('closes the link of a customer who never wrote in the chat when they are erased', async () => {
    await submit('Boris@Example.com', 'Where is my parcel?');
    const { ticket_id: ticketId } = await stored('Where is my parcel?');
    const before = smtp.messages.length;
    await api(`/v1/tickets/${ticketId}/replies`, { text: 'On its way.' });
    await waitFor(() => smtp.messages.length > before, { description: 'the reply at the SMTP server' });
    const mail = await simpleParser(smtp.messages[before]?.raw as Buffer);
    const credential = /#resume=(\S+)/.exec(mail.text ?? '')?.[1] as string;
    const { rows: owner } = await pool.query<{ customer_id: string }>(
      'SELECT customer_id FROM tickets WHERE id = $1',
      [ticketId],
    );
    const erased = await fetch(`${running.url}/v1/customers/${owner[0]?.customer_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(erased.status).toBe(204);
    expect((await resume(credential)).status).toBe(401);
    const { rows: visitors } = await pool.query<{ profile: object }>(
      "SELECT profile FROM livechat_visitors WHERE visitor LIKE 't-' || $1 || '-%'",
      [ticketId],
    );
    expect(visitors).toEqual([{ profile: {} }]);
  });

  it('refuses a forged link with 401', async () => {
    const forged = signConversationLink(
      {
        account: 'shop',
        visitor: 't-00000000-0000-0000-0000-000000000000-x',
        version: 1,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      'not-the-account-key-0123456789',
    );
    expect((await resume(forged)).status).toBe(401);
    expect((await resume(`${forged.slice(0, -2)}xx`)).status).toBe(401);
  });
});

describe('the web-form link in a real browser', () => {
  let browser: Browser;
  afterAll(async () => browser?.close());

  it('shows the ticket in the chat and what is written there lands in the ticket', async () => {
    await submit('vera@example.com', 'Do you ship to Kazan?');
    const { ticket_id: ticketId } = await stored('Do you ship to Kazan?');
    const before = smtp.messages.length;
    await api(`/v1/tickets/${ticketId}/replies`, { text: 'Yes, in three days.' });
    await waitFor(() => smtp.messages.length > before, { description: 'the reply at the SMTP server' });
    const mail = await simpleParser(smtp.messages[before]?.raw as Buffer);
    const link = /(http:\/\/\S+\/frame#resume=\S+)/.exec(mail.text ?? '')?.[1] as string;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(link);
    await page.getByText('Yes, in three days.').waitFor();
    await page.getByText('Do you ship to Kazan?').waitFor();
    expect(page.url()).not.toContain('resume');
    expect(requested.some((u) => u.includes('lr1.'))).toBe(false);
    await page.locator('textarea').fill('Great, ordering now.');
    await page.keyboard.press('Enter');
    expect(await stored('Great, ordering now.')).toEqual({ ticket_id: ticketId, channel: 'livechat' });
  });
});

describe('which live chat account a web form links to', () => {
  const email = [{ account: 'support' }];
  const chat = { account: 'shop', publicUrl: 'https://chat.example.com' };

  it('defaults to the live chat account of the same name with a publicUrl', () => {
    expect(
      replyChannelSettings({ email, webform: [{ account: 'shop' }], livechat: [chat] }).conversationLinks
        .webform,
    ).toEqual({ shop: { livechatAccount: 'shop', publicUrl: 'https://chat.example.com' } });
    expect(
      replyChannelSettings({ email, webform: [{ account: 'shop' }], livechat: [{ account: 'shop' }] })
        .conversationLinks.webform,
    ).toEqual({});
    expect(
      replyChannelSettings({
        email,
        webform: [{ account: 'shop', conversationLink: false }],
        livechat: [chat],
      }).conversationLinks.webform,
    ).toEqual({});
  });

  it('takes a named one, and fails the start when it does not exist or has no publicUrl', () => {
    const named = (livechatAccount: string, livechat: Array<{ account: string }>) =>
      replyChannelSettings({
        email,
        webform: [{ account: 'form', conversationLink: { livechatAccount } }],
        livechat,
      });
    expect(named('shop', [chat]).conversationLinks.webform).toEqual({
      form: { livechatAccount: 'shop', publicUrl: 'https://chat.example.com' },
    });
    expect(() => named('nope', [chat])).toThrow(
      'channels.webform[form].conversationLink.livechatAccount: no live chat account "nope" is configured',
    );
    expect(() => named('shop', [{ account: 'shop' }])).toThrow('has no publicUrl');
  });
});
