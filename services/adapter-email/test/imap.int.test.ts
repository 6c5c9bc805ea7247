import type { Bus, IncomingRecord } from '@omni/bus';
import {
  DeliveryReport,
  InboundMessage,
  type OutboundMessageInput,
  outboundTopic,
  TOPICS,
} from '@omni/contracts';
import { createApiKey, createHttpServer, createMetrics, type OmniConfig } from '@omni/service-kit';
import { type Harness, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { startDovecot, type TestDovecot } from '@omni/testkit/src/dovecot';
import { startSmtpReceiver, type TestSmtpReceiver } from '@omni/testkit/src/smtp-receiver';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { buildEmailAdapter, type EmailAdapter } from '../src/email.adapter';
import { supportAccountConfig } from './email-stack';

/**
 * Real servers: Dovecot (IMAP), Kafka, PostgreSQL and an SMTP receiver. Messages are
 * APPENDed by a second IMAP client, as a mail server would deliver them.
 */
let h: Harness;
let dovecot: TestDovecot;
let smtp: TestSmtpReceiver;
let bus: Bus;
let adapter: EmailAdapter | undefined;
/** Each adapter gets a bus of its own, closed with it: a restart is a new process. */
const busOf = new Map<EmailAdapter, Bus>();
let config: OmniConfig;
const inbound: InboundMessage[] = [];
const deliveries: DeliveryReport[] = [];

const MAX_MESSAGE_BYTES = 50_000;

beforeAll(async () => {
  [h, dovecot, smtp] = await Promise.all([startHarness('email-imap'), startDovecot(), startSmtpReceiver()]);
  bus = await h.kafkaBus();
  config = supportAccountConfig(dovecot, {
    fromName: 'Example Support',
    smtp: { host: smtp.host, port: smtp.port, secure: false },
    // Long enough that only IDLE can explain a prompt arrival.
    pollIntervalSeconds: 600,
    maxMessageBytes: MAX_MESSAGE_BYTES,
  });
  await bus.subscribe({
    groupId: uniqueName('inbound-watch'),
    topic: TOPICS.inbound,
    schema: InboundMessage,
    handle: async (records: IncomingRecord<InboundMessage>[]) => {
      inbound.push(...records.map((r) => r.value));
    },
  });
  await bus.subscribe({
    groupId: uniqueName('delivery-watch'),
    topic: TOPICS.delivery,
    schema: DeliveryReport,
    handle: async (records: IncomingRecord<DeliveryReport>[]) => {
      deliveries.push(...records.map((r) => r.value));
    },
  });
});

afterAll(async () => {
  await stopAdapter();
  await h?.close();
  await Promise.allSettled([dovecot?.stop(), smtp?.stop()]);
});

/** How many of the adapter's next publishes to omni.inbound.v1 fail (a bus outage). */
let failInbound = 0;

async function startAdapter(): Promise<EmailAdapter> {
  const real = await h.kafkaBus();
  const flaky: Bus = {
    publish: async (topic, records) => {
      if (topic === TOPICS.inbound && failInbound > 0) {
        failInbound -= 1;
        throw new Error('the bus is down (test)');
      }
      return real.publish(topic, records);
    },
    subscribe: (o) => real.subscribe(o),
    health: () => real.health(),
    close: () => real.close(),
  };
  const a = buildEmailAdapter({
    config,
    bus: flaky,
    pool: h.pool,
    log: h.log,
    initialBackoffMs: 100,
    leaseRetryMs: 100,
  });
  busOf.set(a, real);
  await a.start?.();
  return a;
}

async function stopAdapter(a = adapter): Promise<void> {
  if (!a) return;
  await a.stop?.();
  await busOf.get(a)?.close();
  busOf.delete(a);
  if (a === adapter) adapter = undefined;
}

async function append(raw: string): Promise<void> {
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

function mail(id: string, subject: string, body: string, extra = ''): string {
  return `From: Customer <customer@example.net>\nTo: support@example.com\nSubject: ${subject}\nMessage-ID: <${id}>\nDate: Mon, 10 Mar 2025 10:00:00 +0000\n${extra}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;
}

const byExternalId = (id: string) => inbound.filter((m) => m.externalId === id);
const cursor = async () =>
  (
    await h.pool.query<{ uidvalidity: string; last_uid: string }>(
      "SELECT uidvalidity, last_uid FROM email_cursors WHERE account = 'support'",
    )
  ).rows[0];

describe('IMAP ingestion from a real Dovecot', () => {
  it('ingests mail already in the mailbox, then new mail as it arrives through IDLE', async () => {
    await append(mail('before-start@example.net', 'Waiting since yesterday', 'Привет! Где мой заказ?'));
    adapter = await startAdapter();
    await waitFor(() => byExternalId('before-start@example.net').length === 1, {
      description: 'the mail already there',
    });

    const watcher = adapter.watchers.get('support');
    await waitFor(() => (watcher?.syncs ?? 0) >= 1, { description: 'the first sync' });
    await append(mail('live@example.net', 'Re: Live one [#5]', 'こんにちは'));
    const [live] = await waitFor(
      () => byExternalId('live@example.net').length === 1 && byExternalId('live@example.net'),
      {
        description: 'the new mail through IDLE',
      },
    );
    expect(live).toMatchObject({
      content: { text: 'こんにちは' },
      thread: { subject: 'Live one', ticketToken: 5 },
    });
    // The cursor moves right after the bus accepted the batch.
    await waitFor(async () => (await cursor())?.last_uid === '2', { description: 'the cursor past UID 2' });
  });

  it('lets one replica read the mailbox; a standby takes over on stop without publishing anything twice', async () => {
    const standby = await startAdapter();
    await append(mail('while-standby@example.net', 'Two replicas', 'Third'));
    await waitFor(() => byExternalId('while-standby@example.net').length === 1, {
      description: 'the mail with two replicas',
    });
    expect(standby.watchers.get('support')?.leaseHeld).toBe(false);
    expect(adapter?.watchers.get('support')?.leaseHeld).toBe(true);

    await stopAdapter();
    adapter = standby;
    await waitFor(() => standby.watchers.get('support')?.leaseHeld, {
      description: 'the standby taking the lease',
    });
    await append(mail('after-restart@example.net', 'After restart', 'Fourth'));
    await waitFor(() => byExternalId('after-restart@example.net').length === 1, {
      description: 'the mail after the takeover',
    });
    expect(inbound.map((m) => m.externalId).sort()).toEqual([
      'after-restart@example.net',
      'before-start@example.net',
      'live@example.net',
      'while-standby@example.net',
    ]);
  });

  it('re-scans after a UIDVALIDITY change without publishing duplicates', async () => {
    await stopAdapter();
    await dovecot.doveadm(['mailbox', 'update', '-u', 'support', '--uid-validity', '4242', 'INBOX']);
    adapter = await startAdapter();
    await append(mail('after-uidvalidity@example.net', 'After UIDVALIDITY', 'Fourth'));
    await waitFor(() => byExternalId('after-uidvalidity@example.net').length === 1, {
      description: 'the mail after the change',
    });
    await waitFor(async () => (await cursor())?.last_uid === '5', { description: 'the cursor past UID 5' });
    expect(await cursor()).toMatchObject({ uidvalidity: '4242' });
    expect(h.log.lines.some((l) => l.includes('UIDVALIDITY changed; re-scanning'))).toBe(true);
    expect(inbound).toHaveLength(5);
  });

  it('never lets a malformed or oversized message block the mailbox', async () => {
    const huge = 'x'.repeat(MAX_MESSAGE_BYTES + 1000);
    await append(mail('oversized@example.net', 'Huge', huge));
    await append(
      'From: broken\nSubject: =?utf-8?B?!!!?=\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; charset=bogus\n\nhalf a message',
    );
    await append(mail('after-bad@example.net', 'After the bad ones', 'Still flowing'));
    await waitFor(() => byExternalId('after-bad@example.net').length === 1, {
      description: 'the mail after the bad ones',
    });
    const [oversized] = byExternalId('oversized@example.net');
    expect(oversized?.content.text).toMatch(
      /^\(The body of this email was not ingested: message of \d+ bytes is larger than the 50000-byte limit\.\)$/,
    );
    expect(oversized?.content.attachments).toEqual([
      expect.objectContaining({ mimeType: 'message/rfc822', skipped: expect.stringMatching(/larger than/) }),
    ]);
    const broken = inbound.find((m) => m.externalId.startsWith('sha256:'));
    expect(broken?.content.text).toBe('half a message');
    await waitFor(async () => (await cursor())?.last_uid === '8', { description: 'the cursor past UID 8' });
  });
  it('reconnects when the server drops the connection, and holds the cursor while the bus refuses', async () => {
    failInbound = 2;
    await dovecot.doveadm(['kick', 'support']);
    await append(mail('after-kick@example.net', 'After the kick', 'Fifth'));
    await waitFor(() => byExternalId('after-kick@example.net').length === 1, {
      description: 'the mail after the reconnect',
    });
    expect(failInbound).toBe(0);
    await waitFor(async () => (await cursor())?.last_uid === '9', { description: 'the cursor past UID 9' });
    expect(byExternalId('after-kick@example.net')).toHaveLength(1);
    expect(h.log.lines.some((l) => l.includes('mailbox connection failed; reconnecting'))).toBe(true);
  });
});

describe('SMTP replies and the MIME route', () => {
  it('sends a reply with our Message-ID, threading headers and ticket token, and reports it sent', async () => {
    smtp.failNext(451); // greylisted once: retried, not reported failed
    const outbound: OutboundMessageInput = {
      version: 1,
      id: '3f6d1c2e-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
      ticketId: '0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b',
      ticketNumber: 5,
      channel: 'email',
      account: 'support',
      recipient: { externalId: 'customer@example.net', email: 'customer@example.net' },
      content: { text: 'Ваш заказ уже в пути.\nСпасибо!', attachments: [] },
      thread: {
        subject: 'Re: Live one [#5]',
        inReplyTo: 'live@example.net',
        references: ['first@example.net'],
      },
      automatic: true,
      createdAt: new Date().toISOString(),
    };
    await bus.publish(outboundTopic('email'), [{ key: outbound.ticketId, value: outbound }]);
    const report = await waitFor(() => deliveries.find((d) => d.messageId === outbound.id), {
      description: 'the delivery report',
    });
    const messageId = 'omni.3f6d1c2e-9b8a-4c7d-8e6f-5a4b3c2d1e0f@example.com';
    expect(report).toMatchObject({ status: 'sent', externalId: messageId, ticketId: outbound.ticketId });

    expect(smtp.messages).toHaveLength(1);
    const sent = await simpleParser(smtp.messages[0]?.raw ?? Buffer.alloc(0));
    expect(smtp.messages[0]?.to).toEqual(['customer@example.net']);
    expect(sent.messageId).toBe(`<${messageId}>`);
    expect(sent.inReplyTo).toBe('<live@example.net>');
    expect(sent.references).toEqual(['<first@example.net>', '<live@example.net>']);
    expect(sent.subject).toBe('Re: Live one [#5]');
    expect(sent.from?.value).toEqual([{ address: 'support@example.com', name: 'Example Support' }]);
    expect(sent.headers.get('auto-submitted')).toBe('auto-replied');
    expect(sent.text?.trim()).toBe('Ваш заказ уже в пути.\nСпасибо!');
    expect(sent.html).toContain('Ваш заказ уже в пути.<br>');
  });

  it('reports a permanent SMTP refusal as failed without retrying', async () => {
    smtp.failNext(550);
    const id = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
    await bus.publish(outboundTopic('email'), [
      {
        key: 'k',
        value: {
          version: 1,
          id,
          ticketId: '0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b',
          ticketNumber: 5,
          channel: 'email',
          account: 'support',
          recipient: { externalId: 'nobody@example.net' },
          content: { text: 'hello', attachments: [] },
          thread: {},
          automatic: false,
          createdAt: new Date().toISOString(),
        },
      },
    ]);
    const report = await waitFor(() => deliveries.find((d) => d.messageId === id), {
      description: 'the failure report',
    });
    expect(report).toMatchObject({ status: 'failed', error: { code: 'smtp-550', retriable: false } });
  });

  it('accepts one raw message on POST /channels/email/{account}/mime with an admin key only', async () => {
    const app = createHttpServer({ log: h.log, metrics: createMetrics('email-test'), readiness: [] });
    await app.register(adapter?.routes ?? (async () => undefined));
    const admin = await createApiKey(h.pool, 'mta', ['admin']);
    const reader = await createApiKey(h.pool, 'reader', ['tickets:read']);
    const payload = mail('piped@example.net', 'Через MTA', 'Письмо из конвейера');
    const post = (key: string | undefined, body = payload) =>
      app.inject({
        method: 'POST',
        url: '/channels/email/support/mime',
        headers: { 'content-type': 'message/rfc822', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        payload: body,
      });
    expect((await post(undefined)).statusCode).toBe(401);
    expect((await post(reader.key)).statusCode).toBe(403);
    expect((await post(admin.key, '')).statusCode).toBe(400);
    // Not a mail at all: kept (an MTA would bounce it otherwise), as text, flagged, the raw body stored.
    const odd = await post(admin.key, 'not a mail at all');
    expect(odd.statusCode).toBe(202);
    const stored = await waitFor(() => inbound.find((m) => m.id === odd.json().id), {
      description: 'the odd body on the bus',
    });
    expect(stored).toMatchObject({
      sender: { externalId: 'unknown-sender@invalid' },
      content: { text: 'not a mail at all' },
      flags: { malformed: true },
    });
    expect(stored.rawRef).toBeDefined();
    const ok = await post(admin.key);
    expect(ok.statusCode).toBe(202);
    await waitFor(() => byExternalId('piped@example.net').length === 1, { description: 'the piped mail' });
    expect(byExternalId('piped@example.net')[0]).toMatchObject({
      id: ok.json().id,
      content: { text: 'Письмо из конвейера' },
    });
    await app.close();
  });
});
