import { InboundMessage, TOPICS } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { Kafka } from 'kafkajs';
import { type Pipeline, startPipeline } from './support/pipeline';

let h: Harness;
let p: Pipeline;
beforeAll(async () => {
  h = await startHarness('pipeline');
  p = await startPipeline(h, await h.kafkaBus());
});
afterAll(async () => {
  await p?.stop();
  await h?.close();
});

const count = async (sql: string, args: unknown[] = []) =>
  Number((await h.pool.query(sql, args)).rows[0].count);

describe('web form → Kafka → threading → ticket API', () => {
  it('serves a posted submission through GET /v1/tickets with its message and customer', async () => {
    const posted = await p.submit({
      name: 'Анна Петрова',
      email: 'Anna.Petrova@Example.com',
      subject: 'Заказ №1042 не пришёл',
      message: 'Здравствуйте! Заказ должен был прийти вчера 📦',
      submissionId: 'first-submission',
    });
    expect(posted.status).toBe(202);

    const ticket = await waitFor(
      async () =>
        (await p.api('/v1/tickets')).body.data.find(
          (t: { subject: string }) => t.subject === 'Заказ №1042 не пришёл',
        ),
      { description: 'the ticket to appear in /v1/tickets' },
    );
    expect(ticket).toMatchObject({ status: 'open', channels: ['webform'], messageCount: 1 });

    const messages = await p.api(`/v1/tickets/${ticket.id}/messages`);
    expect(messages.body.data).toHaveLength(1);
    expect(messages.body.data[0]).toMatchObject({
      id: posted.body.id,
      direction: 'inbound',
      channel: 'webform',
      account: 'default',
      text: 'Здравствуйте! Заказ должен был прийти вчера 📦',
      sender: { displayName: 'Анна Петрова' },
    });

    const customer = await p.api(`/v1/customers/${ticket.customerId}`);
    expect(customer.body).toMatchObject({ displayName: 'Анна Петрова', ticketCount: 1 });
    expect(customer.body.identities).toEqual([
      expect.objectContaining({ kind: 'email', value: 'anna.petrova@example.com', verified: false }),
    ]);
  });

  it('stores one message for a submission posted twice and for a Kafka redelivery of the same record', async () => {
    const submission = { name: 'Bob', email: 'bob@example.com', message: 'Twice?', submissionId: 'dup-1' };
    const first = await p.submit(submission);
    const second = await p.submit(submission);
    expect(second.body.id).toBe(first.body.id);
    await waitFor(
      async () => (await count('SELECT count(*) FROM messages WHERE id = $1', [first.body.id])) === 1,
      {
        description: 'the submission stored',
      },
    );

    // A redelivery: the very same record produced to the topic again (a producer retry, a replay).
    const stored = await h.pool.query('SELECT count(*) FROM messages');
    const record = InboundMessage.parse({
      version: 1,
      id: first.body.id,
      channel: 'webform',
      account: 'default',
      externalId: 'sub:dup-1',
      sentAt: new Date().toISOString(),
      receivedAt: new Date().toISOString(),
      sender: { externalId: 'bob@example.com', displayName: 'Bob' },
      identities: [{ kind: 'email', value: 'bob@example.com', verified: false }],
      content: { kind: 'form', text: 'Twice?' },
    });
    const marker = {
      name: 'Marker',
      email: 'marker@example.com',
      message: 'after the redelivery',
      submissionId: 'marker-1',
    };
    const producer = new Kafka({ brokers: h.brokers, logLevel: 0 }).producer();
    await producer.connect();
    await producer.send({
      topic: `${h.topicPrefix}${TOPICS.inbound}`,
      messages: [{ key: 'webform:default:bob@example.com', value: JSON.stringify(record) }],
    });
    await producer.disconnect();
    const markerId = (await p.submit(marker)).body.id;
    await waitFor(
      async () => (await count('SELECT count(*) FROM messages WHERE id = $1', [markerId])) === 1,
      {
        description: 'a later submission stored (so the redelivery was consumed)',
      },
    );
    expect(await count('SELECT count(*) FROM messages WHERE id = $1', [first.body.id])).toBe(1);
    expect(await count('SELECT count(*) FROM messages')).toBe(Number(stored.rows[0].count) + 1);
    expect(
      await count(
        `SELECT count(*) FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN identities i ON i.customer_id = c.id WHERE i.value = 'bob@example.com'`,
      ),
    ).toBe(1);
  });

  it('sends a poison record to the DLQ and still processes the records after it', async () => {
    const producer = new Kafka({ brokers: h.brokers, logLevel: 0 }).producer();
    await producer.connect();
    const key = 'webform:default:poison@example.com';
    await producer.send({
      topic: `${h.topicPrefix}${TOPICS.inbound}`,
      messages: [
        { key, value: '{"version":1,' },
        { key, value: JSON.stringify({ version: 1, id: 'not-a-uuid', channel: 'fax' }) },
      ],
    });
    await producer.disconnect();
    const after = await p.submit({
      name: 'After',
      email: 'poison@example.com',
      message: 'still here',
      submissionId: 'after-poison',
    });
    await waitFor(
      async () => (await count('SELECT count(*) FROM messages WHERE id = $1', [after.body.id])) === 1,
      {
        description: 'the record after the poison ones',
      },
    );

    const kafka = new Kafka({ brokers: h.brokers, logLevel: 0 });
    const consumer = kafka.consumer({ groupId: `${h.topicPrefix}dlq-reader` });
    const reasons: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${h.topicPrefix}${TOPICS.inbound}.dlq`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void reasons.push(String(message.headers?.['omni-dlq-reason'])),
    });
    await waitFor(() => reasons.length >= 2, { description: 'two dead letters' });
    await consumer.disconnect();
    expect(reasons[0]).toMatch(/^invalid JSON/);
    expect(reasons[1]).toMatch(/^schema validation failed/);
  });
});

describe('untrusted input', () => {
  const valid = { name: 'Eve', email: 'eve@example.com', message: 'hello' };
  it.each([
    ['a missing message', { name: 'Eve', email: 'eve@example.com' }, 'message'],
    ['a missing contact', { name: 'Eve', message: 'hi' }, 'email'],
    ['a wrongly typed name', { ...valid, name: 42 }, 'name'],
    ['an invalid email', { ...valid, email: 'not-an-address' }, 'email'],
    ['an array body', [valid], '(body)'],
  ])('answers %s with a 400 problem naming the field', async (_case, body, field) => {
    const res = await p.submit(body);
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: expect.any(String) });
    expect(Object.keys(res.body.errors)).toContain(field);
  });

  it('stores a submission carrying NUL, control characters and a lone surrogate, repaired and flagged', async () => {
    const posted = await p.submit({
      name: 'Nul\u0000 Name',
      email: 'nul-submitter@example.com',
      subject: 'Bell\u0007 subject',
      message: 'line one\r\n\ttab kept, NUL\u0000 and ESC\u001b[31m and \ud800 replaced',
      submissionId: 'sub-with-\u0000-nul',
    });
    expect(posted.status).toBe(202);
    const stored = await waitFor(
      async () =>
        (
          await h.pool.query<{
            text: string;
            subject: string;
            sender: { displayName: string };
            flags: object;
          }>('SELECT text, subject, sender, flags FROM messages WHERE id = $1', [posted.body.id])
        ).rows[0],
      { description: 'the submission with NUL stored' },
    );
    expect(stored.text).toBe('line one\r\n\ttab kept, NUL\ufffd and ESC\ufffd[31m and \ufffd replaced');
    expect(stored.subject).toBe('Bell\ufffd subject');
    expect(stored.sender.displayName).toBe('Nul\ufffd Name');
    expect(stored.flags).toMatchObject({
      textRepaired: expect.arrayContaining([
        'content.text',
        'sender.displayName',
        'thread.subject',
        'externalId',
      ]),
    });
  });

  it('answers a non-JSON body with 400 and a body over 1 MB with 413, as problem+json', async () => {
    const notJson = await p.submit('{"name": "Eve", ');
    expect(notJson.status).toBe(400);
    expect(notJson.contentType).toMatch(/^application\/problem\+json/);
    const huge = await p.submit({ ...valid, message: 'x'.repeat(1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(huge.contentType).toMatch(/^application\/problem\+json/);
  });

  it('answers an unknown account with 404 and publishes nothing', async () => {
    const res = await p.submit(valid, 'no-such-form');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:omni:problem:not-found');
  });

  it('answers the API without a key, or with an unknown key, with 401 problem+json', async () => {
    const none = await fetch(`${p.url}/v1/tickets`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${p.url}/v1/tickets`, { headers: { authorization: 'Bearer omni_nope' } });
    expect(wrong.status).toBe(401);
    const body = await wrong.json();
    expect(body).not.toHaveProperty('stack');
  });
});
