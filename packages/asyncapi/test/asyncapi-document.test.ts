import { Parser } from '@asyncapi/parser';
import { DLQ_HEADERS, InProcessBus } from '@omni/bus';
import {
  CHANNELS,
  DOMAIN_EVENT_TYPES,
  InboundMessage,
  type InboundMessageInput,
  messageId,
  outboundTopic,
  Ticket,
  TOPICS,
} from '@omni/contracts';
import { testLogger } from '@omni/testkit';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { buildAsyncApiDocument, RecordValidator } from '../src';

const log = testLogger('asyncapi-test');

function inbound(overrides: Partial<InboundMessageInput> = {}): InboundMessageInput {
  return {
    version: 1,
    id: messageId('webform', 'default', 'sub-1'),
    channel: 'webform',
    account: 'default',
    externalId: 'sub-1',
    sentAt: '2026-11-22T10:00:00.000Z',
    receivedAt: '2026-11-22T10:00:01.000+03:00',
    sender: { externalId: 'anna@example.com', displayName: 'Анна', email: 'anna@example.com' },
    identities: [{ kind: 'email', value: 'anna@example.com', verified: false }],
    content: { kind: 'form', text: 'Где мой заказ?' },
    ...overrides,
  };
}

describe('AsyncAPI document', () => {
  const doc = buildAsyncApiDocument();

  it('is a valid AsyncAPI 3 document (the official parser reports no error)', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.channels().length).toBe(Object.keys(doc.channels).length);
  });

  it('describes every topic and its dead-letter topic', () => {
    const addresses = Object.values(doc.channels)
      .map((c) => c.address)
      .filter((a) => a !== null);
    const expected = [TOPICS.inbound, TOPICS.delivery, TOPICS.events, ...CHANNELS.map(outboundTopic)];
    for (const topic of expected) {
      expect(addresses).toContain(topic);
      expect(addresses).toContain(`${topic}.dlq`);
    }
    expect(addresses).toHaveLength(expected.length * 2);
  });

  it('describes every webhook event, thin and full, from the contracts', () => {
    const hooks = doc.channels.webhooks;
    expect(hooks?.address).toBeNull();
    expect(Object.keys(hooks?.messages ?? {})).toHaveLength(DOMAIN_EVENT_TYPES.length);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'asyncapi.json', components: doc.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.getSchema(`asyncapi.json#/components/schemas/${name}`);
      if (!check) throw new Error(`no schema ${name}`);
      return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    };
    const ticket = ((z.globalRegistry.get(Ticket)?.examples ?? []) as unknown[])[0] as Record<
      string,
      unknown
    >;
    const event = (data: Record<string, unknown>) => ({
      id: '7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4',
      type: 'ticket.created',
      timestamp: '2026-03-02T09:15:27.120Z',
      occurredAt: '2026-03-02T09:15:27.120Z',
      data,
    });
    const thin = {
      ticketId: ticket.id,
      number: 1042,
      customerId: ticket.customerId,
      channel: 'telegram',
      linkedTicketId: null,
    };
    expect(validate('TicketCreatedEvent', event(thin))).toEqual([]);
    expect(validate('TicketCreatedEvent', event({ ...thin, ticket }))).toEqual([]);
    // A full event's resource is checked too: a ticket without its status is refused.
    const { status: _, ...broken } = ticket;
    expect(validate('TicketCreatedEvent', event({ ...thin, ticket: broken })).join()).toMatch(/status/);
    expect(validate('TicketCreatedEvent', { ...event(thin), timestamp: undefined }).join()).toMatch(
      /timestamp/,
    );
  });

  it('requires the reason and source of every dead letter in its headers', () => {
    const dlq = Object.values(doc.components.messages).find((m) => m.name === 'DeadLetter');
    expect(dlq?.headers.required).toEqual(
      expect.arrayContaining([DLQ_HEADERS.reason, DLQ_HEADERS.sourceTopic]),
    );
  });
});

describe('RecordValidator', () => {
  const validator = new RecordValidator();

  it('accepts what the contracts accept, as input and as parsed output', () => {
    const input = inbound();
    const output = JSON.parse(JSON.stringify(InboundMessage.parse(input)));
    for (const value of [input, output]) {
      expect(validator.check({ topic: TOPICS.inbound, key: 'k', value, headers: {} })).toEqual({
        ok: true,
        errors: [],
      });
    }
  });

  it('rejects a record the contracts reject, naming the path', () => {
    const bad = { ...inbound(), channel: 'carrier-pigeon', sentAt: 'yesterday' };
    expect(InboundMessage.safeParse(bad).success).toBe(false);
    const result = validator.check({ topic: TOPICS.inbound, key: 'k', value: bad, headers: {} });
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/value\/channel/);
    expect(result.errors.join('\n')).toMatch(/value\/sentAt/);
  });

  it('rejects a malformed traceparent and a dead letter without its reason', () => {
    const traced = validator.check({
      topic: TOPICS.inbound,
      key: 'k',
      value: inbound(),
      headers: { traceparent: 'not-a-trace' },
    });
    expect(traced.ok).toBe(false);
    const letter = validator.check({
      topic: `${TOPICS.inbound}.dlq`,
      key: 'k',
      value: '{not json',
      headers: { [DLQ_HEADERS.sourceTopic]: TOPICS.inbound },
    });
    expect(letter.errors.join('\n')).toMatch(DLQ_HEADERS.reason);
  });

  it('tells an adapter dead letter (no source offset: a wrapper with its reason) from a consumer one (any bytes)', () => {
    const headers = {
      [DLQ_HEADERS.reason]: 'not valid',
      [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
      [DLQ_HEADERS.groupId]: 'adapter-telegram',
      [DLQ_HEADERS.failedAt]: '2026-11-22T10:00:00Z',
    };
    const topic = `${TOPICS.inbound}.dlq`;
    const wrapper = { channel: 'telegram', account: 'bot', reason: 'not valid', payload: { update_id: 1 } };
    expect(validator.check({ topic, key: 'k', value: wrapper, headers }).ok).toBe(true);
    const unwrapped = validator.check({ topic, key: 'k', value: { update_id: 1 }, headers });
    expect(unwrapped.errors.join('\n')).toMatch(/value: must have required property 'channel'/);
    const consumed = {
      ...headers,
      [DLQ_HEADERS.sourceOffset]: '42',
      [DLQ_HEADERS.groupId]: 'omni-threading',
    };
    expect(validator.check({ topic, key: 'k', value: '{not json', headers: consumed }).ok).toBe(true);
  });

  it('does not judge topics the document does not describe', () => {
    expect(validator.knows('bus-test-topic')).toBe(false);
    expect(validator.check({ topic: 'bus-test-topic', key: null, value: 1, headers: {} }).ok).toBe(true);
  });
});

describe('published-record check (jest setup)', () => {
  it('sees the records a bus publishes (validated when this file ends)', async () => {
    const bus = new InProcessBus(log);
    const seen: unknown[] = [];
    await bus.subscribe({
      groupId: 'g',
      topic: TOPICS.inbound,
      schema: InboundMessage,
      handle: async (records) => void seen.push(...records.map((r) => r.value.id)),
    });
    await bus.publish(TOPICS.inbound, [{ key: 'k', value: InboundMessage.parse(inbound()) }]);
    expect(seen).toHaveLength(1);
    await bus.close();
  });
});
