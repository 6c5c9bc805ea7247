import { z } from 'zod';
import {
  ChannelName,
  CsatRating,
  Customer,
  DeliveryError,
  DeliveryStatusName,
  EXAMPLE_IDS,
  IdentityKindName,
  Message,
  MessageDirection,
  Ticket,
  TicketPriority,
  TicketStatus,
  Timestamp,
} from './api-resources';
import { DOMAIN_EVENT_TYPES, type DomainEventType } from './domain-event';

/*
 * What each event type says (`data`), for the change feed and webhooks. Producers may add
 * fields (the objects are open); the ones named here are always there. A subscription with
 * `payload: full` also gets the resource as the API answered it when the event was dispatched
 * (right after it happened, so it may already hold later changes): `ticket`, `message` or `customer`.
 */

/** How much a webhook delivery carries: ids only, or the resource too. */
export const WEBHOOK_PAYLOADS = ['thin', 'full'] as const;
export const WebhookPayload = z.enum(WEBHOOK_PAYLOADS).meta({
  id: 'WebhookPayload',
  description:
    '`thin`: the event’s ids and what changed (fetch the resource when you need it); `full`: also the ticket, message or customer as the API answered it when the event was dispatched, right after it happened (it may already hold later changes; `changes` says what this event changed).',
  examples: ['thin'],
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** Which resource a full event of each kind carries. */
export const FULL_EVENT_RESOURCE = {
  ticket: Ticket,
  message: Message,
  customer: Customer,
} as const;
export type FullEventResource = keyof typeof FULL_EVENT_RESOURCE;

const ids = {
  ticketId: z.uuid().describe('The ticket.'),
  messageId: z.uuid().describe('The message.'),
  customerId: z.uuid().describe('The customer.'),
};

const fullTicket = Ticket.optional().describe(
  'Full events only: the ticket as `GET /v1/tickets/{id}` answers.',
);
const fullMessage = Message.optional().describe('Full events only: the message as the API lists it.');
const fullCustomer = Customer.optional().describe(
  'Full events only: the customer as `GET /v1/customers/{id}` answers.',
);

const slaData = z.looseObject({
  ticketId: ids.ticketId,
  clock: z.enum(['firstResponse', 'resolution']).describe('Which SLA clock.'),
  dueAt: Timestamp('When it is (was) due.'),
  group: z.string().nullable().describe('The ticket’s group.'),
  priority: TicketPriority,
  channel: ChannelName,
  ticket: fullTicket,
});
const slaExample = {
  ticketId: EXAMPLE_IDS.ticket,
  clock: 'firstResponse',
  dueAt: '2026-03-02T11:15:27.120Z',
  group: 'support',
  priority: 'normal',
  channel: 'telegram',
};

interface EventSpec {
  summary: string;
  /** The resource a full event adds, if any. */
  resource?: FullEventResource;
  data: z.ZodObject;
  example: Record<string, unknown>;
}

/** Every event type: what it means, what `data` holds, an example. */
export const EVENT_SPECS: Record<DomainEventType, EventSpec> = {
  'ticket.created': {
    summary: 'A new ticket was started by a customer’s message.',
    resource: 'ticket',
    data: z.looseObject({
      ticketId: ids.ticketId,
      number: z.number().int().positive().describe('Its number.'),
      customerId: ids.customerId,
      channel: ChannelName,
      linkedTicketId: z.uuid().nullable().describe('The closed ticket this one continues, if any.'),
      ticket: fullTicket,
    }),
    example: {
      ticketId: EXAMPLE_IDS.ticket,
      number: 1042,
      customerId: EXAMPLE_IDS.customer,
      channel: 'telegram',
      linkedTicketId: null,
    },
  },
  'ticket.updated': {
    summary: 'A ticket changed: status, assignee, group, priority, tags, routing, a merge, a reopen.',
    resource: 'ticket',
    data: z.looseObject({
      ticketId: ids.ticketId,
      changes: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('The fields that changed, with their new values.'),
      status: TicketStatus.optional().describe('Set when a customer’s message reopened the ticket.'),
      reopened: z.boolean().optional().describe('True when a customer’s message reopened the ticket.'),
      ticket: fullTicket,
    }),
    example: { ticketId: EXAMPLE_IDS.ticket, changes: { status: 'pending', assignee: 'kate' } },
  },
  'ticket.rated': {
    summary: 'The customer answered the satisfaction survey of a resolved ticket (once per ticket).',
    resource: 'ticket',
    data: z.looseObject({
      ticketId: ids.ticketId,
      customerId: ids.customerId,
      csat: CsatRating,
      ticket: fullTicket,
    }),
    example: {
      ticketId: EXAMPLE_IDS.ticket,
      customerId: EXAMPLE_IDS.customer,
      csat: { score: 5, scale: 'five', comment: null, channel: 'telegram', at: '2026-03-02T12:40:00.000Z' },
    },
  },
  'message.created': {
    summary: 'A message was added to a ticket: from the customer, a reply (also automatic ones) or a note.',
    resource: 'message',
    data: z.looseObject({
      ticketId: ids.ticketId,
      messageId: ids.messageId,
      direction: MessageDirection,
      customerId: ids.customerId.optional(),
      channel: ChannelName.optional(),
      automatic: z.boolean().optional().describe('True for an automatic acknowledgement.'),
      message: fullMessage,
    }),
    example: {
      ticketId: EXAMPLE_IDS.ticket,
      messageId: EXAMPLE_IDS.message,
      direction: 'inbound',
      customerId: EXAMPLE_IDS.customer,
      channel: 'telegram',
    },
  },
  'message.updated': {
    summary: 'The customer edited a message (the text changed; the previous version is kept).',
    resource: 'message',
    data: z.looseObject({
      messageId: ids.messageId,
      edited: z.boolean().describe('Always true: the text was edited.'),
      message: fullMessage,
    }),
    example: { messageId: EXAMPLE_IDS.message, edited: true },
  },
  'message.delivery_updated': {
    summary: 'An outbound message was sent, failed, delivered or read.',
    resource: 'message',
    data: z.looseObject({
      ticketId: ids.ticketId,
      messageId: ids.messageId,
      deliveryStatus: DeliveryStatusName,
      error: DeliveryError.nullable().describe('The platform’s refusal when the status is `failed`.'),
      message: fullMessage,
    }),
    example: {
      ticketId: EXAMPLE_IDS.ticket,
      messageId: EXAMPLE_IDS.message,
      deliveryStatus: 'sent',
      error: null,
    },
  },
  'customer.created': {
    summary: 'A new customer was recognised.',
    resource: 'customer',
    data: z.looseObject({ customerId: ids.customerId, customer: fullCustomer }),
    example: { customerId: EXAMPLE_IDS.customer },
  },
  'customer.updated': {
    summary: 'A customer’s identities changed (linked, unlinked) or a merge of theirs was undone.',
    resource: 'customer',
    data: z.looseObject({
      customerId: ids.customerId,
      change: z.enum(['identity-linked', 'identity-unlinked', 'unmerged']).describe('What changed.'),
      kind: IdentityKindName.optional().describe('`identity-linked`: the kind of identity.'),
      identityId: z.uuid().optional().describe('`identity-unlinked`: the identity removed.'),
      mergeId: z.uuid().optional().describe('`unmerged`: the merge undone.'),
      otherCustomerId: z.uuid().optional().describe('`unmerged`: the other customer of that merge.'),
      customer: fullCustomer,
    }),
    example: { customerId: EXAMPLE_IDS.customer, change: 'identity-linked', kind: 'phone' },
  },
  'customer.merged': {
    summary: 'Another customer was merged into this one (automatically or by a person).',
    resource: 'customer',
    data: z.looseObject({
      customerId: z.uuid().describe('The surviving customer.'),
      mergedCustomerId: z
        .uuid()
        .describe('The customer merged away (its id keeps resolving to the survivor).'),
      mergeId: z.uuid().describe('The merge (undo it with `POST /v1/customers/{id}/unmerge`).'),
      reason: z.enum(['automatic', 'manual']).describe('Who merged.'),
      moved: z
        .object({
          identities: z.number().int().min(0),
          tickets: z.number().int().min(0),
          messages: z.number().int().min(0),
        })
        .describe('How many rows moved to the survivor.'),
      customer: fullCustomer,
    }),
    example: {
      customerId: EXAMPLE_IDS.customer,
      mergedCustomerId: '3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d',
      mergeId: '4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e',
      reason: 'automatic',
      moved: { identities: 1, tickets: 1, messages: 4 },
    },
  },
  'customer.erased': {
    summary:
      'A customer was erased on request (`DELETE /v1/customers/{id}`): erase your copies of them, their tickets and messages too. Ids only.',
    data: z.looseObject({
      customerId: z.uuid().describe('The customer erased.'),
      customerIds: z.array(z.uuid()).describe('It and every customer merged into it (all erased).'),
      ticketIds: z
        .array(z.uuid())
        .describe('Their tickets: kept as anonymous shells (counts and timestamps), every message emptied.'),
    }),
    example: {
      customerId: EXAMPLE_IDS.customer,
      customerIds: [EXAMPLE_IDS.customer, '3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d'],
      ticketIds: [EXAMPLE_IDS.ticket],
    },
  },
  'sla.warning': {
    summary: 'An SLA clock passed its warning share of the target (once per ticket and clock).',
    resource: 'ticket',
    data: slaData,
    example: slaExample,
  },
  'sla.breached': {
    summary: 'An SLA clock passed its due time unmet (once per ticket and clock).',
    resource: 'ticket',
    data: slaData,
    example: slaExample,
  },
  'announcement.created': {
    summary: 'An outage notice was set (acknowledgements carry it while it is active).',
    data: z.looseObject({
      announcement: z
        .looseObject({
          id: z.uuid(),
          texts: z.record(z.string(), z.string()).describe('The notice per language.'),
          channels: z.array(z.string()).describe('Channels whose acknowledgements carry it; empty: all.'),
          startsAt: Timestamp('From when.'),
          endsAt: z.iso.datetime().nullable().describe('Until when; null: until deleted.'),
        })
        .describe('The notice.'),
    }),
    example: {
      announcement: {
        id: '5f7b9d1f-3b5d-4f7b-9d1f-3b5d7f9b1d3f',
        texts: { en: 'Deliveries in Moscow are delayed by a day.' },
        channels: [],
        startsAt: '2026-03-02T08:00:00.000Z',
        endsAt: null,
      },
    },
  },
  'announcement.deleted': {
    summary: 'An outage notice was removed.',
    data: z.looseObject({ announcementId: z.uuid().describe('The notice removed.') }),
    example: { announcementId: '5f7b9d1f-3b5d-4f7b-9d1f-3b5d7f9b1d3f' },
  },
  'webhook.disabled': {
    summary: 'A webhook subscription was disabled after its deliveries failed for the whole retry schedule.',
    data: z.looseObject({
      subscriptionId: z.uuid().describe('The subscription disabled.'),
      reason: z.string().describe('Why.'),
    }),
    example: {
      subscriptionId: '6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a',
      reason: 'deliveries failed for the whole retry schedule (last: HTTP 502)',
    },
  },
};

/** `ticket.delivery_updated` → `TicketDeliveryUpdated`: the component name of an event type. */
export const eventSchemaName = (type: DomainEventType) =>
  type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

export const EventType = z.enum(DOMAIN_EVENT_TYPES).meta({
  id: 'EventType',
  description: 'What happened.',
  examples: ['ticket.created'],
});

const envelope = (type: DomainEventType, data: z.ZodType) =>
  z.object({
    id: z.uuid().describe('The event id; the same event on the change feed and in every delivery.'),
    type: z.literal(type).describe('The event type.'),
    timestamp: Timestamp(
      'When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).',
    ),
    occurredAt: Timestamp('When it happened.'),
    data,
  });

/**
 * The body of a webhook delivery per event type (Standard Webhooks: `type`, `timestamp`,
 * `data`, plus our `id` and `occurredAt`), each named `<Type>Event` (`TicketCreatedEvent`).
 */
export const WEBHOOK_EVENTS = Object.fromEntries(
  DOMAIN_EVENT_TYPES.map((type) => {
    const spec = EVENT_SPECS[type];
    const name = eventSchemaName(type);
    const data = spec.data.meta({
      id: `${name}Data`,
      description: `\`data\` of \`${type}\`: ${spec.summary}`,
      examples: [spec.example],
    });
    return [
      type,
      envelope(type, data).meta({
        id: `${name}Event`,
        description: `\`${type}\`: ${spec.summary}`,
        examples: [
          {
            id: EXAMPLE_IDS.event,
            type,
            timestamp: '2026-03-02T09:15:27.120Z',
            occurredAt: '2026-03-02T09:15:27.120Z',
            data: spec.example,
          },
        ],
      }),
    ];
  }),
) as unknown as Record<DomainEventType, z.ZodObject>;

/** Any webhook delivery's body. */
export const WebhookEvent = z
  .discriminatedUnion(
    'type',
    DOMAIN_EVENT_TYPES.map((t) => WEBHOOK_EVENTS[t]) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'WebhookEvent', description: 'The body of a webhook delivery: one event.' });
export type WebhookEvent = {
  id: string;
  type: DomainEventType;
  timestamp: string;
  occurredAt: string;
  data: Record<string, unknown>;
};
