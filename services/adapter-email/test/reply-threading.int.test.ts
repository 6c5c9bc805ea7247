import type { Bus } from '@omni/bus';
import type { Pool } from '@omni/db';
import type { RunningServices } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { startDovecot, type TestDovecot } from '@omni/testkit/src/dovecot';
import { startSmtpReceiver, type TestSmtpReceiver } from '@omni/testkit/src/smtp-receiver';
import { generateApiKey } from '@omni/tickets';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { startEmailStack, supportAccountConfig } from './email-stack';

/**
 * The email channel end to end, as `pnpm start` composes it: Dovecot → email adapter →
 * Kafka → threading → ticket API → reply → outbox → email adapter → SMTP, and the
 * customer's answer to that reply back through Dovecot into the same ticket.
 */
let h: Harness;
let dovecot: TestDovecot;
let smtp: TestSmtpReceiver;
let bus: Bus;
let pool: Pool;
let running: RunningServices;
const apiKey = generateApiKey();

beforeAll(async () => {
  [h, dovecot, smtp] = await Promise.all([startHarness('email-e2e'), startDovecot(), startSmtpReceiver()]);
  bus = await h.kafkaBus();
  const config = supportAccountConfig(dovecot, { smtp: { host: smtp.host, port: smtp.port, secure: false } });
  ({ running, pool } = await startEmailStack(h, bus, config, apiKey));
});

afterAll(async () => {
  await running?.stop();
  await h?.close();
  await Promise.allSettled([dovecot?.stop(), smtp?.stop()]);
});

async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

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

type Message = { direction: string; text: string; deliveryStatus?: string };
type Ticket = { id: string; number: number; subject: string; messageCount: number };
const tickets = async (): Promise<Ticket[]> => (await api<{ data: Ticket[] }>('/v1/tickets')).body.data;

describe('email end to end through a real IMAP and SMTP server', () => {
  let ticket: Ticket;
  let sentMessageId: string;
  let sentReferences: string[];

  it('opens a ticket for a new email and sends the agent reply with threading headers', async () => {
    await deliver(
      'From: Ольга <olga@example.ru>\nTo: support@example.com\nSubject: Не работает вход\nMessage-ID: <first@example.ru>\nDate: Mon, 10 Mar 2025 10:00:00 +0300\nContent-Type: text/plain; charset=utf-8\n\nНе могу войти в личный кабинет.\n',
    );
    ticket = await waitFor(async () => (await tickets()).find((t) => t.subject === 'Не работает вход'), {
      description: 'the new ticket',
    });

    const reply = await api<{ id: string }>(`/v1/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: { text: 'Сбросили пароль, попробуйте снова.' },
    });
    expect(reply.status).toBe(202);
    await waitFor(() => smtp.messages.length === 1, { description: 'the reply at the SMTP server' });
    const sent = await simpleParser(smtp.messages[0]?.raw ?? Buffer.alloc(0));
    expect(sent.subject).toBe(`Re: Не работает вход [#${ticket.number}]`);
    expect(sent.inReplyTo).toBe('<first@example.ru>');
    sentMessageId = sent.messageId ?? '';
    expect(sentMessageId).toBe(`<omni.${reply.body.id}@example.com>`);
    sentReferences = Array.isArray(sent.references) ? sent.references : [sent.references ?? ''];
    await waitFor(
      async () =>
        (await api<{ data: Message[] }>(`/v1/tickets/${ticket.id}/messages`)).body.data.some(
          (m: { deliveryStatus?: string }) => m.deliveryStatus === 'sent',
        ),
      {
        description: 'the reply marked sent',
      },
    );
  });

  it('files the customer answer to our reply in the same ticket, and a new email in a new ticket', async () => {
    await deliver(
      `From: Ольга <olga@example.ru>\nTo: support@example.com\nSubject: Re: Не работает вход [#${ticket.number}]\nMessage-ID: <second@example.ru>\nIn-Reply-To: ${sentMessageId}\nReferences: ${[...sentReferences, sentMessageId].join(' ')}\nDate: ${new Date().toUTCString()}\nContent-Type: text/plain; charset=utf-8\n\nСпасибо, получилось!\n\nOn Mon, 10 Mar 2025 Support <support@example.com> wrote:\n> Сбросили пароль, попробуйте снова.\n`,
    );
    await deliver(
      'From: Ольга <olga@example.ru>\nTo: support@example.com\nSubject: Счёт за март\nMessage-ID: <third@example.ru>\nDate: Tue, 11 Mar 2025 09:00:00 +0300\nContent-Type: text/plain; charset=utf-8\n\nПришлите, пожалуйста, счёт.\n',
    );
    const updated = await waitFor(
      async () => (await tickets()).find((t) => t.id === ticket.id && t.messageCount === 3),
      {
        description: 'the answer in the first ticket',
      },
    );
    expect(updated).toBeDefined();
    const messages = (await api<{ data: Message[] }>(`/v1/tickets/${ticket.id}/messages`)).body
      .data as Array<{
      direction: string;
      text: string;
    }>;
    // Order by sent time is the API's business (the Date header has one-second precision); the set is ours.
    expect(messages.map((m) => [m.direction, m.text]).sort()).toEqual([
      ['inbound', 'Не могу войти в личный кабинет.'],
      ['inbound', 'Спасибо, получилось!'],
      ['outbound', 'Сбросили пароль, попробуйте снова.'],
    ]);
    const second = await waitFor(async () => (await tickets()).find((t) => t.subject === 'Счёт за март'), {
      description: 'the second ticket',
    });
    expect(second.id).not.toBe(ticket.id);
  });

  it('files a reply that names our message only in In-Reply-To (no References, no ticket token) in the same ticket', async () => {
    await deliver(
      `From: Ольга <olga@example.ru>\nTo: support@example.com\nSubject: Ещё вопрос\nMessage-ID: <bare-reply@example.ru>\nIn-Reply-To: ${sentMessageId}\nDate: ${new Date().toUTCString()}\nContent-Type: text/plain; charset=utf-8\n\nА пароль можно сменить?\n`,
    );
    const stored = await waitFor(
      async () =>
        (
          await pool.query<{ ticket_id: string }>(
            "SELECT ticket_id FROM messages WHERE external_id = 'bare-reply@example.ru'",
          )
        ).rows[0],
      { description: 'the bare reply stored' },
    );
    expect(stored.ticket_id).toBe(ticket.id);
  });

  it('flags an out-of-office answer and sends nothing back', async () => {
    await deliver(
      `From: Ольга <olga@example.ru>\nTo: support@example.com\nSubject: Автоответ: Re: Не работает вход [#${ticket.number}]\nMessage-ID: <ooo@example.ru>\nIn-Reply-To: ${sentMessageId}\nAuto-Submitted: auto-replied\nX-Autoreply: yes\nContent-Type: text/plain; charset=utf-8\n\nЯ в отпуске до понедельника.\n`,
    );
    const stored = await waitFor(
      async () =>
        (
          await pool.query<{ flags: { autoReply?: boolean } }>(
            "SELECT flags FROM messages WHERE external_id = 'ooo@example.ru'",
          )
        ).rows[0],
      { description: 'the out-of-office message stored' },
    );
    expect(stored.flags.autoReply).toBe(true);
    expect(smtp.messages).toHaveLength(1);
  });
});
