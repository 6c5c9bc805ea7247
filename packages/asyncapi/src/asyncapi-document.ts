import { DLQ_HEADERS } from '@omni/bus';
import {
  CHANNELS,
  DeliveryReport,
  DOMAIN_EVENT_TYPES,
  DomainEvent,
  dlqTopic,
  EVENT_SPECS,
  eventSchemaName,
  InboundMessage,
  IntakeDeadLetter,
  OutboundMessage,
  outboundTopic,
  TOPICS,
  WEBHOOK_EVENTS,
} from '@omni/contracts';
import { z } from 'zod';

/** A JSON Schema object as zod emits it (draft-07, the dialect AsyncAPI's schema format extends). */
export type JsonSchema = Record<string, unknown>;

/** The parts of an AsyncAPI 3 document we generate (the whole document is plain JSON). */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, unknown>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, unknown>;
  components: { messages: Record<string, AsyncApiMessage>; schemas: Record<string, JsonSchema> };
}

export interface AsyncApiChannel {
  /** null: not a Kafka topic (the webhook receiver's URL, named by each subscription). */
  address: string | null;
  title: string;
  description: string;
  messages: Record<string, { $ref: string }>;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType: string;
  headers: JsonSchema;
  payload: JsonSchema;
  bindings?: { kafka: { key: JsonSchema; bindingVersion: string } };
}

/** W3C trace context travels in record headers (OpenTelemetry propagation). */
const TRACE_HEADERS: Record<string, JsonSchema> = {
  traceparent: {
    type: 'string',
    description: 'W3C Trace Context `traceparent` of the span that published the record.',
    pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
  },
  tracestate: { type: 'string', description: 'W3C Trace Context `tracestate`.' },
};

const RECORD_HEADERS: JsonSchema = {
  type: 'object',
  properties: TRACE_HEADERS,
  additionalProperties: { type: 'string' },
};

const DLQ_HEADER_DESCRIPTIONS: Record<keyof typeof DLQ_HEADERS, string> = {
  reason: 'Why the record was dead-lettered (schema error, handler failure).',
  sourceTopic: 'The topic the record was consumed from (without the environment prefix).',
  sourcePartition: 'Partition of the source record (absent for the in-process bus).',
  sourceOffset: 'Offset of the source record.',
  groupId: 'Consumer group that gave up on it.',
  failedAt: 'When it was dead-lettered (ISO 8601).',
};

/** Headers present on every dead letter; the source record's own headers are kept too. */
export function dlqHeadersSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...TRACE_HEADERS };
  for (const [name, header] of Object.entries(DLQ_HEADERS) as Array<[keyof typeof DLQ_HEADERS, string]>) {
    properties[header] = { type: 'string', description: DLQ_HEADER_DESCRIPTIONS[name] };
  }
  return {
    type: 'object',
    properties,
    required: [DLQ_HEADERS.reason, DLQ_HEADERS.sourceTopic, DLQ_HEADERS.groupId, DLQ_HEADERS.failedAt],
    additionalProperties: { type: 'string' },
  };
}

/**
 * JSON Schema of a record value as consumers accept it: the zod schema's input side, so
 * fields with defaults are optional (a producer may leave them out).
 */
export function payloadSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

interface TopicSpec {
  id: string;
  address: string;
  title: string;
  description: string;
  message: string;
  key: string;
}

function topicSpecs(): TopicSpec[] {
  return [
    {
      id: 'inbound',
      address: TOPICS.inbound,
      title: 'Inbound messages',
      description:
        'Every customer message, normalized, published by the channel adapters; threading consumes it.',
      message: 'InboundMessage',
      key: '`channel:account:senderExternalId`: one sender’s messages stay in order.',
    },
    ...CHANNELS.map(
      (channel): TopicSpec => ({
        id: `outbound-${channel}`,
        address: outboundTopic(channel),
        title: `Outbound ${channel} replies`,
        description: `Replies leaving through the ${channel} adapter, relayed from the outbox of the tickets service.`,
        message: 'OutboundMessage',
        key: 'Ticket id: replies of one ticket stay in order.',
      }),
    ),
    {
      id: 'delivery',
      address: TOPICS.delivery,
      title: 'Delivery reports',
      description:
        'What adapters learned about outbound messages: sent, failed (with the platform error), delivered, read.',
      message: 'DeliveryReport',
      key: 'Ticket id (or the message id when the report has no ticket).',
    },
    {
      id: 'events',
      address: TOPICS.events,
      title: 'Domain events',
      description:
        'Every change in the domain (tickets, messages, customers), the source of webhooks and the change feed.',
      message: 'DomainEvent',
      key: 'Ticket id (or the customer id for customer events).',
    },
  ];
}

const SCHEMAS: Record<string, z.ZodType> = {
  InboundMessage,
  IntakeDeadLetter,
  OutboundMessage,
  DeliveryReport,
  DomainEvent,
};

/** Every topic the platform uses, DLQs included (unprefixed names). */
export function allTopics(): string[] {
  return topicSpecs().flatMap((t) => [t.address, dlqTopic(t.address)]);
}

const WEBHOOK_HEADERS: JsonSchema = {
  type: 'object',
  properties: {
    'webhook-id': { type: 'string', description: 'The delivery id, the same on every retry: dedupe by it.' },
    'webhook-timestamp': { type: 'string', description: 'Unix seconds when this attempt was signed.' },
    'webhook-signature': {
      type: 'string',
      description: '`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` with the subscription’s secret.',
    },
  },
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
};

/**
 * The webhook deliveries (HTTP, not Kafka): one message per event type, its body the
 * `<Type>Event` schema, generated from the same zod schemas as the OpenAPI `webhooks`
 * section; named schemas they use (Ticket, Message, Customer…) become components too.
 */
function webhookParts(): {
  schemas: Record<string, JsonSchema>;
  messages: Record<string, AsyncApiMessage>;
  channel: AsyncApiChannel;
} {
  const REF = '#/components/schemas/';
  const all = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `${REF}${id}`,
  }).schemas as Record<string, JsonSchema>;
  const schemas: Record<string, JsonSchema> = {};
  const queue = DOMAIN_EVENT_TYPES.map((t) => `${eventSchemaName(t)}Event`);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (schemas[name] || !all[name]) continue;
    const { $schema: _, $id: __, id: ___, ...schema } = all[name] as JsonSchema;
    schemas[name] = schema;
    for (const m of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      queue.push(m[1] as string);
  }
  const messages: Record<string, AsyncApiMessage> = {};
  const channelMessages: Record<string, { $ref: string }> = {};
  for (const type of DOMAIN_EVENT_TYPES) {
    const name = `${eventSchemaName(type)}Event`;
    if (!WEBHOOK_EVENTS[type]) throw new Error(`no webhook schema for ${type}`);
    const spec = EVENT_SPECS[type];
    messages[`webhook-${type}`] = {
      name: type,
      title: `Webhook: ${type}`,
      summary: `${spec.summary}${
        spec.resource
          ? ` Subscriptions with \`payload: full\` also get \`data.${spec.resource}\` as the REST API answers it.`
          : ''
      }`,
      contentType: 'application/json',
      headers: WEBHOOK_HEADERS,
      payload: { $ref: `${REF}${name}` },
    };
    channelMessages[name] = { $ref: `#/components/messages/webhook-${type}` };
  }
  return {
    schemas,
    messages,
    channel: {
      address: null,
      title: 'Webhook deliveries',
      description:
        'Events posted to the `url` of each webhook subscription (the same events as `omni.events.v1` and `GET /v1/events`), with Standard Webhooks’ `timestamp`; `thin` subscriptions get the ids, `full` ones the resource too.',
      messages: channelMessages,
      servers: [{ $ref: '#/servers/webhooks' }],
    } as AsyncApiChannel,
  };
}

function kafkaKey(description: string): AsyncApiMessage['bindings'] {
  return { kafka: { key: { type: 'string', description }, bindingVersion: '0.5.0' } };
}

/**
 * The AsyncAPI 3 description of every Kafka topic, generated from the zod contracts so it
 * cannot drift from what the services validate. Served at `/asyncapi.json`.
 */
export function buildAsyncApiDocument(opts: { version?: string; kafkaHost?: string } = {}): AsyncApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) schemas[name] = payloadSchema(schema);
  schemas.DeadLetter = {
    description:
      'The original record value, byte for byte (normally JSON of the source topic’s schema; may be anything when it was dead-lettered for not parsing).',
  };

  const messages: Record<string, AsyncApiMessage> = {};
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, unknown> = {};
  for (const spec of topicSpecs()) {
    const messageId = `${spec.id}`;
    messages[messageId] = {
      name: spec.message,
      title: spec.title,
      summary: spec.description,
      contentType: 'application/json',
      headers: RECORD_HEADERS,
      payload: { $ref: `#/components/schemas/${spec.message}` },
      bindings: kafkaKey(spec.key),
    };
    const dlqId = `${spec.id}-dlq`;
    messages[dlqId] = {
      name: 'DeadLetter',
      title: `${spec.title}: dead letters`,
      summary: `Records of ${spec.address} a consumer could not process (invalid, or rejected permanently by its handler), with the reason in the headers. Replay them with \`pnpm omni dlq replay\` after a fix.`,
      contentType: 'application/octet-stream',
      headers: dlqHeadersSchema(),
      payload: { $ref: '#/components/schemas/DeadLetter' },
      bindings: kafkaKey('The source record’s key.'),
    };
    channels[spec.id] = {
      address: spec.address,
      title: spec.title,
      description: `${spec.description} With \`KAFKA_TOPIC_PREFIX\` set, the topic name carries that prefix.`,
      messages: { [spec.message]: { $ref: `#/components/messages/${messageId}` } },
    };
    channels[dlqId] = {
      address: dlqTopic(spec.address),
      title: `${spec.title}: dead letters`,
      description: `Dead letters of ${spec.address}.`,
      messages: { DeadLetter: { $ref: `#/components/messages/${dlqId}` } },
    };
    if (spec.id === 'inbound') {
      const intakeId = `${spec.id}-intake-dlq`;
      messages[intakeId] = {
        name: 'IntakeDeadLetter',
        title: `${spec.title}: set aside by an adapter`,
        summary: `What an adapter set aside instead of publishing to ${spec.address} (a platform payload it could not read, or a normalized message the contract refuses), wrapped with its channel, account and reason. It carries no \`${DLQ_HEADERS.sourceOffset}\` header (it never was on ${spec.address}); a consumer's dead letter always does. \`pnpm omni dlq replay\` publishes its \`payload\` once that validates as an InboundMessage.`,
        contentType: 'application/json',
        headers: dlqHeadersSchema(),
        payload: { $ref: '#/components/schemas/IntakeDeadLetter' },
        bindings: kafkaKey('`channel:account[:externalId]` of what was set aside.'),
      };
      (channels[dlqId] as AsyncApiChannel).messages.IntakeDeadLetter = {
        $ref: `#/components/messages/${intakeId}`,
      };
      operations[`send-${intakeId}`] = {
        action: 'send',
        title: `Set aside what an adapter could not publish to ${spec.address}`,
        channel: { $ref: `#/channels/${dlqId}` },
        messages: [{ $ref: `#/channels/${dlqId}/messages/IntakeDeadLetter` }],
      };
    }
    operations[`send-${spec.id}`] = {
      action: 'send',
      title: `Publish to ${spec.address}`,
      channel: { $ref: `#/channels/${spec.id}` },
      messages: [{ $ref: `#/channels/${spec.id}/messages/${spec.message}` }],
    };
    operations[`receive-${spec.id}`] = {
      action: 'receive',
      title: `Consume ${spec.address}`,
      channel: { $ref: `#/channels/${spec.id}` },
      messages: [{ $ref: `#/channels/${spec.id}/messages/${spec.message}` }],
    };
    operations[`send-${dlqId}`] = {
      action: 'send',
      title: `Dead-letter records of ${spec.address}`,
      channel: { $ref: `#/channels/${dlqId}` },
      messages: [{ $ref: `#/channels/${dlqId}/messages/DeadLetter` }],
    };
  }

  const hooks = webhookParts();
  Object.assign(schemas, hooks.schemas);
  Object.assign(messages, hooks.messages);
  channels.webhooks = hooks.channel;
  operations['send-webhooks'] = {
    action: 'send',
    title: 'Deliver events to webhook subscribers',
    summary:
      'The tickets service posts each event a subscription asked for to its `url`, signed per Standard Webhooks, retrying for about 27 hours.',
    channel: { $ref: '#/channels/webhooks' },
    messages: Object.keys(hooks.channel.messages).map((m) => ({ $ref: `#/channels/webhooks/messages/${m}` })),
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'omni — Kafka topics',
      version: opts.version ?? '1.0.0',
      description:
        'Every record omni publishes or consumes on Apache Kafka. Values are JSON (UTF-8); every consumer validates them against these schemas and dead-letters what does not match.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: opts.kafkaHost ?? 'kafka:9092',
        protocol: 'kafka',
        description: 'The cluster named by `KAFKA_BROKERS`.',
      },
      webhooks: {
        host: '{receiver}',
        protocol: 'https',
        description:
          'An integrator’s webhook receiver: the `url` of a subscription (`POST /v1/webhooks`), http or https.',
        variables: { receiver: { description: 'Host (and port) of the subscription’s `url`.' } },
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
