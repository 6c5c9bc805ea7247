import { z } from 'zod';
import { Channel as ChannelValues } from './channels';
import { DeliveryStatus as DeliveryStatusValues } from './delivery-report';
import { IdentityKind as IdentityKindValues } from './identity';

/*
 * The resources of the ticket API (API.md) as the API answers them, and as full webhook
 * events carry them. Each named schema carries an `id` (its name in the OpenAPI and
 * AsyncAPI components), a description and an example; both documents are generated from
 * these.
 */

/** An instant, as every timestamp of the API: ISO 8601 in UTC (`2026-03-02T09:15:27.120Z`). */
export const Timestamp = (description: string) => z.iso.datetime().describe(description);
export const NullableTimestamp = (description: string) => z.iso.datetime().nullable().describe(description);

/** Ids of the examples, shared so that the examples of related resources agree. */
export const EXAMPLE_IDS = {
  ticket: '6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31',
  customer: '0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60',
  message: '9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81',
  identity: '2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02',
  attachment: 'd4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13',
  event: '7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4',
} as const;

export const ChannelName = ChannelValues.meta({
  id: 'Channel',
  description: 'A channel customers write from.',
  examples: ['telegram'],
});
export const IdentityKindName = IdentityKindValues.meta({
  id: 'IdentityKind',
  description: 'What an identity is: an email address, an E.164 phone number or a platform user id.',
  examples: ['email'],
});
export const DeliveryStatusName = DeliveryStatusValues.meta({
  id: 'DeliveryStatus',
  description:
    'Where an outbound message is: `queued` → `sent` or `failed` → `delivered` → `read` (never backwards).',
  examples: ['sent'],
});

export const TicketStatus = z.enum(['open', 'pending', 'resolved', 'closed']).meta({
  id: 'TicketStatus',
  description:
    '`open`: waiting for the team; `pending`: waiting for the customer; `resolved`: answered (a new message reopens it within the reopen window); `closed`: done (a new message starts a new ticket).',
  examples: ['open'],
});
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TicketPriority = z.enum(TICKET_PRIORITIES).meta({
  id: 'TicketPriority',
  description: 'How urgent the ticket is; picks the SLA targets.',
  examples: ['normal'],
});
export type TicketPriority = z.infer<typeof TicketPriority>;

export const MessageDirection = z.enum(['inbound', 'outbound', 'note']).meta({
  id: 'MessageDirection',
  description:
    '`inbound`: from the customer; `outbound`: a reply to the customer; `note`: internal, never sent.',
  examples: ['inbound'],
});

const nullableText = (description: string) => z.string().nullable().describe(description);

/** How a customer rated the handling of a ticket after it was resolved (a CSAT survey's answer). */
export const CsatRating = z
  .object({
    score: z
      .number()
      .int()
      .min(1)
      .max(5)
      .describe('1 (worst) to 5 (best); on the thumbs scale a thumbs-up is 5 and a thumbs-down 1.'),
    scale: z.enum(['five', 'thumbs']).describe('The scale the survey offered.'),
    comment: z.string().nullable().describe('What the customer wrote on the rating page, if anything.'),
    channel: ChannelName,
    at: Timestamp('When the customer answered.'),
  })
  .meta({
    id: 'CsatRating',
    description: 'The customer’s satisfaction rating of a resolved ticket.',
    examples: [
      { score: 5, scale: 'five', comment: null, channel: 'telegram', at: '2026-03-02T12:40:00.000Z' },
    ],
  });
export type CsatRating = z.infer<typeof CsatRating>;

export const Ticket = z
  .object({
    id: z.uuid().describe('The ticket id.'),
    number: z.number().int().positive().describe('The number people see and quote (`[#1042]`).'),
    status: TicketStatus,
    subject: nullableText('The subject (email subject, form subject); null for messenger tickets.'),
    topic: nullableText('The topic the customer chose (web form) or routing set.'),
    customerId: z.uuid().describe('The customer who started it.'),
    channels: z.array(ChannelName).describe('Every channel with a message in this ticket.'),
    priority: TicketPriority,
    assignee: nullableText('The agent, as the helpdesk names them.'),
    group: nullableText('The team the ticket is routed to.'),
    tags: z.array(z.string()).describe('Free labels.'),
    createdAt: Timestamp('When the ticket was created.'),
    updatedAt: Timestamp('When anything about the ticket last changed.'),
    lastMessageAt: NullableTimestamp('When its latest message was sent.'),
    firstResponseAt: NullableTimestamp(
      'When the first reply by a person left (automatic ones do not count).',
    ),
    messageCount: z.number().int().min(0).describe('Messages in the ticket, notes included.'),
    mergedIntoTicketId: z
      .uuid()
      .nullable()
      .describe('Set when this ticket was merged into another (it is then closed).'),
    routingRule: nullableText(
      'The routing rule that matched when the ticket was created; null: defaults or not routed yet.',
    ),
    firstResponseDueAt: NullableTimestamp(
      'When the first response is due, in the group’s business time; null until routed.',
    ),
    resolutionDueAt: NullableTimestamp('When the resolution is due; null until routed.'),
    firstResponseBreached: z.boolean().describe('The first-response due time passed without a response.'),
    resolutionBreached: z.boolean().describe('The resolution due time passed unresolved.'),
    csat: CsatRating.nullable().describe(
      'The customer’s rating after resolution; null until they answer a survey.',
    ),
  })
  .meta({
    id: 'Ticket',
    description: 'A conversation about one request of one customer, across channels.',
    examples: [
      {
        id: EXAMPLE_IDS.ticket,
        number: 1042,
        status: 'open',
        subject: 'Where is my order?',
        topic: 'delivery',
        customerId: EXAMPLE_IDS.customer,
        channels: ['telegram'],
        priority: 'normal',
        assignee: 'kate',
        group: 'support',
        tags: ['order'],
        createdAt: '2026-03-02T09:15:27.120Z',
        updatedAt: '2026-03-02T09:20:03.004Z',
        lastMessageAt: '2026-03-02T09:15:26.000Z',
        firstResponseAt: null,
        messageCount: 2,
        mergedIntoTicketId: null,
        routingRule: 'orders',
        firstResponseDueAt: '2026-03-02T11:15:27.120Z',
        resolutionDueAt: '2026-03-03T09:15:27.120Z',
        firstResponseBreached: false,
        resolutionBreached: false,
        csat: null,
      },
    ],
  });
export type Ticket = z.infer<typeof Ticket>;

export const Attachment = z
  .object({
    id: z.uuid().describe('The attachment id.'),
    name: z.string().describe('The file name the sender gave it.'),
    mimeType: z.string().describe('Its media type as sent.'),
    size: z.number().int().min(0).describe('Bytes.'),
    sha256: z.string().nullable().describe('Hex SHA-256 of the bytes; null when they were not stored.'),
    url: z
      .string()
      .nullable()
      .describe(
        'Where to download it (`GET /v1/attachments/{id}`, relative to the API); null when not stored.',
      ),
    skipped: z
      .string()
      .nullable()
      .describe('Why the bytes were not stored (too large, the platform refused); null when stored.'),
  })
  .meta({
    id: 'Attachment',
    description: 'A file of a message.',
    examples: [
      {
        id: EXAMPLE_IDS.attachment,
        name: 'invoice-1042.pdf',
        mimeType: 'application/pdf',
        size: 48213,
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        url: `/v1/attachments/${EXAMPLE_IDS.attachment}`,
        skipped: null,
      },
    ],
  });

export const MessageSender = z
  .object({
    displayName: z.string().nullable().describe('The name the platform shows for the sender.'),
    identity: z.string().nullable().describe('The sender’s address on the channel (email address, user id).'),
  })
  .meta({
    id: 'MessageSender',
    description: 'Who sent a message, as the channel named them.',
    examples: [{ displayName: 'Anna', identity: '1001' }],
  });

export const DeliveryError = z
  .object({
    code: z.string().describe('A stable code (`blocked`, `rate-limited`, …).'),
    message: z.string().describe('The platform’s words.'),
  })
  .meta({
    id: 'DeliveryError',
    description: 'Why the platform refused an outbound message.',
    examples: [{ code: 'blocked', message: 'Forbidden: bot was blocked by the user' }],
  });

export const Message = z
  .object({
    id: z
      .uuid()
      .describe('The message id (deterministic for inbound messages: a redelivery is the same message).'),
    ticketId: z.uuid().describe('The ticket it belongs to.'),
    customerId: z.uuid().describe('The customer of the conversation.'),
    direction: MessageDirection,
    channel: ChannelName,
    account: z.string().describe('The channel account (bot, page, mailbox) it came in or left through.'),
    externalId: z
      .string()
      .nullable()
      .describe('The platform’s id of the message; null until an outbound one is sent.'),
    sentAt: Timestamp('When it was sent (the platform’s time for inbound messages).'),
    receivedAt: Timestamp('When omni received or created it.'),
    text: z.string().describe('The text (plain; for email the text part or the HTML rendered as text).'),
    html: z.string().nullable().describe('The HTML body of an email; null otherwise.'),
    subject: z.string().nullable().describe('The email subject; null otherwise.'),
    sender: MessageSender,
    author: z.string().nullable().describe('The agent who wrote a reply or note; null for inbound messages.'),
    attachments: z.array(Attachment),
    deliveryStatus: DeliveryStatusName.nullable().describe('For outbound messages; null otherwise.'),
    deliveryError: DeliveryError.nullable().describe(
      'The platform’s refusal when `deliveryStatus` is `failed`.',
    ),
    editedAt: NullableTimestamp('When the customer last edited it; null if never.'),
  })
  .meta({
    id: 'Message',
    description: 'One message of a ticket: from the customer, a reply to them, or an internal note.',
    examples: [
      {
        id: EXAMPLE_IDS.message,
        ticketId: EXAMPLE_IDS.ticket,
        customerId: EXAMPLE_IDS.customer,
        direction: 'inbound',
        channel: 'telegram',
        account: 'shop-bot',
        externalId: '1001:57',
        sentAt: '2026-03-02T09:15:26.000Z',
        receivedAt: '2026-03-02T09:15:27.080Z',
        text: 'Where is my order 5521? Invoice attached.',
        html: null,
        subject: null,
        sender: { displayName: 'Anna', identity: '1001' },
        author: null,
        attachments: [
          {
            id: EXAMPLE_IDS.attachment,
            name: 'invoice-1042.pdf',
            mimeType: 'application/pdf',
            size: 48213,
            sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
            url: `/v1/attachments/${EXAMPLE_IDS.attachment}`,
            skipped: null,
          },
        ],
        deliveryStatus: null,
        deliveryError: null,
        editedAt: null,
      },
    ],
  });
export type Message = z.infer<typeof Message>;

export const Identity = z
  .object({
    id: z.uuid().describe('The identity id.'),
    kind: IdentityKindName,
    value: z
      .string()
      .describe('Normalized: a lower-cased email address, an E.164 phone, a platform user id.'),
    verified: z
      .boolean()
      .describe(
        'The platform or protocol vouches for it (a channel user id, an email `From`); typed values are not.',
      ),
  })
  .meta({
    id: 'Identity',
    description: 'One way to recognise a customer.',
    examples: [{ id: EXAMPLE_IDS.identity, kind: 'email', value: 'anna@example.com', verified: true }],
  });

export const Customer = z
  .object({
    id: z.uuid().describe('The customer id (a merged-away id answers with the survivor).'),
    displayName: z.string().nullable().describe('A name to show; never used to recognise anyone.'),
    identities: z.array(Identity),
    createdAt: Timestamp('When the customer was first seen.'),
    updatedAt: Timestamp('When an identity or the name last changed.'),
    ticketCount: z.number().int().min(0).describe('Tickets of this customer.'),
  })
  .meta({
    id: 'Customer',
    description: 'A person, recognised by their identities on every channel.',
    examples: [
      {
        id: EXAMPLE_IDS.customer,
        displayName: 'Anna',
        identities: [{ id: EXAMPLE_IDS.identity, kind: 'email', value: 'anna@example.com', verified: true }],
        createdAt: '2026-02-11T17:02:45.310Z',
        updatedAt: '2026-03-02T09:15:27.120Z',
        ticketCount: 3,
      },
    ],
  });
export type Customer = z.infer<typeof Customer>;
