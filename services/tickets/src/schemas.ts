import { Customer, EventType, EXAMPLE_IDS, Message, Ticket, Timestamp } from '@omni/contracts';
import { ProblemJson } from '@omni/service-kit';
import { z } from 'zod';

/*
 * Response shapes of API.md; the OpenAPI document is generated from these. The resources
 * themselves live in @omni/contracts (full webhook events carry them too).
 */
export { TicketStatus } from '@omni/contracts';
export type TicketJson = Ticket;
export type MessageJson = Message;
export type CustomerJson = Customer;

export const Problem = ProblemJson.meta({
  id: 'Problem',
  description:
    'An error (RFC 9457 problem details, `application/problem+json`). `type` is one of a closed list; each operation documents the types it can answer with.',
  examples: [
    {
      type: 'urn:omni:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: `no ticket ${EXAMPLE_IDS.ticket}`,
      instance: `/v1/tickets/${EXAMPLE_IDS.ticket}`,
      requestId: '8d0b2f4e-6a8c-4e0a-9c2e-4a6c8e0a2c4e',
    },
  ],
});

export const Event = z
  .object({
    id: z.uuid().describe('The event id (the `id` of the webhook deliveries of this event too).'),
    type: EventType,
    occurredAt: Timestamp('When it happened.'),
    data: z
      .record(z.string(), z.unknown())
      .describe('What happened: the ids involved and what changed (per type: see the `webhooks` section).'),
  })
  .meta({
    id: 'Event',
    description: 'A change in the domain, as the change feed lists it (webhooks deliver the same events).',
    examples: [
      {
        id: EXAMPLE_IDS.event,
        type: 'ticket.created',
        occurredAt: '2026-03-02T09:15:27.120Z',
        data: {
          ticketId: EXAMPLE_IDS.ticket,
          number: 1042,
          customerId: EXAMPLE_IDS.customer,
          channel: 'telegram',
        },
      },
    ],
  });

const nextCursor = z
  .string()
  .nullable()
  .describe('Pass it back as `cursor` for the next page; null on the last page.');

/** A named page of a list (`{ data, nextCursor }`), `<Item>Page` in the OpenAPI document. */
export function pageOf<T extends z.ZodType>(item: T, name: string, example: unknown) {
  return z.object({ data: z.array(item).describe('This page, in the list’s order.'), nextCursor }).meta({
    id: `${name}Page`,
    description: `A page of ${name} items.`,
    examples: [{ data: [example], nextCursor: null }],
  });
}

export const exampleOf = (schema: z.ZodType) =>
  (z.globalRegistry.get(schema)?.examples as unknown[] | undefined)?.[0];

export const TicketPage = pageOf(Ticket, 'Ticket', exampleOf(Ticket));
export const MessagePage = pageOf(Message, 'Message', exampleOf(Message));
export const CustomerPage = pageOf(Customer, 'Customer', exampleOf(Customer));
export const EventPage = pageOf(Event, 'Event', exampleOf(Event));

export const IdParams = z.object({ id: z.uuid().describe('The id.') });

/** Free-text fields of the API: bounded, so no filter or body can carry megabytes. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
