import { buildEmailAdapter } from '@omni/adapter-email';
import { createPool } from '@omni/db';
import {
  createApiKey,
  createMetrics,
  parseOmniConfig,
  type RunningServices,
  runServices,
} from '@omni/service-kit';
import { freePort, type Harness, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { startSmtpReceiver, type TestSmtpReceiver } from '@omni/testkit/src/smtp-receiver';
import { buildThreadingService } from '@omni/threading';
import { buildAutomationService } from '../src';

/**
 * Email the whole way: a raw message into the email adapter → threading → a new ticket →
 * the acknowledgement → the adapter's SMTP sender → a real SMTP server, marked
 * `Auto-Submitted: auto-replied` and threaded under the customer's message; an
 * out-of-office reply and a bounce start tickets but get no answer.
 */
describe('acknowledgement by email', () => {
  let h: Harness;
  let smtp: TestSmtpReceiver;
  let running: RunningServices;
  let key: string;

  beforeAll(async () => {
    h = await startHarness('auto-mail');
    smtp = await startSmtpReceiver();
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    // No IMAP server listens on this port: only the MIME route feeds the adapter here.
    const imapPort = await freePort();
    const always = '["00:00-24:00"]';
    const config = parseOmniConfig(
      `channels:
  email:
    - account: support
      address: support@shop.example
      imap: { host: 127.0.0.1, port: ${imapPort}, secure: false, user: support, password: x }
      smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false }
automation:
  calendars:
    default: { timeZone: UTC, hours: { mon: ${always}, tue: ${always}, wed: ${always}, thu: ${always}, fri: ${always}, sat: ${always}, sun: ${always} } }
  sla: { targets: { normal: { firstResponseMinutes: 120, resolutionMinutes: 600 } } }
  acknowledgements:
    - { channel: email, account: support, enabled: true, templates: { en: "We got your message and will answer {{wait}}." } }
`,
      {},
    );
    const metrics = createMetrics('auto-mail');
    running = await runServices({
      log: h.log,
      metrics,
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        buildEmailAdapter({ config, bus, pool, log: h.log, initialBackoffMs: 60_000 }),
        buildThreadingService({
          pool,
          bus,
          log: h.log,
          settings: config.threading,
          groupId: uniqueName('thr'),
        }),
        buildAutomationService({
          pool,
          bus,
          log: h.log,
          metrics,
          config: config.automation,
          groupId: uniqueName('auto'),
          scheduler: false,
        }),
      ],
    });
    key = (await createApiKey(h.pool, 'mail-admin', ['admin'])).key;
  });
  afterAll(async () => {
    await running?.stop();
    await smtp?.stop();
    await h?.close();
  });

  const mime = (lines: string[]) =>
    fetch(`${running.url}/channels/email/support/mime`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'message/rfc822' },
      body: `${lines.join('\r\n')}\r\n`,
    });
  const date = new Date().toUTCString();

  it('answers a customer once and never an out-of-office reply or a bounce', async () => {
    const ooo = await mime([
      'From: Bob <bob@client.example>',
      'To: support@shop.example',
      'Subject: Out of office',
      'Message-ID: <ooo-1@client.example>',
      `Date: ${date}`,
      'Auto-Submitted: auto-replied',
      '',
      'I am away until Monday.',
    ]);
    expect(ooo.status).toBe(202);
    const bounce = await mime([
      'From: Mail Delivery System <mailer-daemon@client.example>',
      'To: support@shop.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@client.example>',
      `Date: ${date}`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--b1--',
    ]);
    expect(bounce.status).toBe(202);
    const customer = await mime([
      'From: Ann <ann@client.example>',
      'To: support@shop.example',
      'Subject: Broken kettle',
      'Message-ID: <ann-1@client.example>',
      `Date: ${date}`,
      '',
      'My kettle arrived broken.',
    ]);
    expect(customer.status).toBe(202);

    const mail = await waitFor(() => smtp.messages[0], {
      description: 'the acknowledgement at the SMTP server',
      // the first run of a consumer group on a busy broker can take a while to join
      timeoutMs: 45_000,
    });
    const raw = mail.raw.toString('utf8');
    expect(mail.to).toEqual(['ann@client.example']);
    expect(raw).toMatch(/^Auto-Submitted: auto-replied\r?$/im);
    expect(raw).toMatch(/^In-Reply-To: <ann-1@client\.example>\r?$/im);
    expect(raw).toContain('We got your message and will answer within 2 hours.');

    // All three became tickets; only Ann's has an outbound record (the outbox is the only way out).
    await waitFor(
      async () => (await h.pool.query('SELECT count(*)::int AS n FROM ticket_sla')).rows[0].n === 3,
      {
        description: 'the three tickets handled by automation',
        timeoutMs: 45_000,
      },
    );
    const out = await h.pool.query(
      `SELECT t.subject FROM outbox o JOIN tickets t ON t.id::text = o.key WHERE o.topic LIKE '%omni.outbound.email.v1'`,
    );
    expect(out.rows.map((r) => r.subject)).toEqual(['Broken kettle']);
    expect(smtp.messages).toHaveLength(1);
  });
});
