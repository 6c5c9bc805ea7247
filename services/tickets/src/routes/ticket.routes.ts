import {
  Channel,
  ChannelName,
  Message,
  Ticket,
  TicketPriority,
  TYPING_CHANNEL,
  type TypingSignal,
} from '@omni/contracts';
import { withTransaction } from '@omni/db';
import { notFound, PageQuery } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { IdempotencyHeaders, idempotent } from '../idempotency';
import { operation } from '../openapi/operation';
import { createReply } from '../reply.command';
import { answer } from '../response-serializer';
import { IdParams, MessagePage, shortText, TicketPage, TicketStatus } from '../schemas';
import { addNote, mergeTickets, patchTicket } from '../ticket.commands';
import { getTicket, getTicketByNumber, listMessages, listTickets } from '../ticket.queries';
import type { RouteDeps } from './route-deps';

const TicketListQuery = PageQuery.extend({
  status: z
    .union([TicketStatus, z.array(TicketStatus).max(4)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat()))
    .describe('Repeatable: `?status=open&status=pending`.'),
  number: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('The ticket with this number (`[#1042]` in a subject): a page of one, or of none.'),
  channel: Channel.optional().describe('Tickets with at least one message on this channel.'),
  customerId: z.uuid().optional().describe('Tickets of this customer (a merged-away id means the survivor).'),
  assignee: shortText().optional().describe('Tickets assigned to this agent.'),
  group: shortText().optional().describe('Tickets of this group.'),
  topic: shortText().optional().describe('Tickets of this topic.'),
  updatedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'Sync: tickets changed at or after this instant, oldest change first (a ticket changed while you page is seen again, never missed).',
    ),
  q: shortText(500)
    .optional()
    .describe('Full text over subjects and messages, any language (substring and stemmed word match).'),
});

const TicketUpdate = z
  .strictObject({
    status: TicketStatus.optional(),
    assignee: shortText().nullable().optional().describe('The agent; null unassigns.'),
    group: shortText().nullable().optional().describe('The team; null clears it.'),
    priority: TicketPriority.optional(),
    tags: z.array(shortText(100)).max(50).optional().describe('Replaces the tags.'),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field')
  .meta({
    id: 'TicketUpdate',
    description: 'The fields to change; at least one.',
    examples: [{ status: 'pending', assignee: 'kate', tags: ['order', 'vip'] }],
  });

const NewAttachment = z
  .strictObject({
    name: shortText(255).describe('The file name the customer will see.'),
    mimeType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/pdf')
      .describe('Its media type.'),
    contentBase64: z.base64().max(700_000).describe('The bytes, base64 (at most about 500 KiB).'),
  })
  .meta({
    id: 'NewAttachment',
    description: 'A file sent with a reply.',
    examples: [{ name: 'label.txt', mimeType: 'text/plain', contentBase64: 'VHJhY2tpbmc6IDEyMzQ1' }],
  });

const NewReply = z
  .strictObject({
    text: z.string().min(1).max(100_000).describe('The reply as plain text.'),
    html: z.string().max(500_000).optional().describe('An HTML version (email only).'),
    channel: ChannelName.optional().describe("Default: the channel of the customer's last inbound message."),
    author: shortText().optional().describe('The agent, as the helpdesk names them.'),
    attachments: z.array(NewAttachment).max(10).optional().describe('Files to send with it (at most 10).'),
  })
  .meta({
    id: 'NewReply',
    description: 'A reply to the customer.',
    examples: [{ text: 'Your order ships today.', author: 'Kate' }],
  });

const NewNote = z
  .strictObject({
    text: z.string().min(1).max(100_000).describe('The note.'),
    author: shortText().optional().describe('The agent; default: the API key’s name.'),
  })
  .meta({
    id: 'NewNote',
    description: 'An internal note: kept with the ticket, never sent.',
    examples: [{ text: 'VIP customer: call back before noon.', author: 'Kate' }],
  });

const TicketMerge = z
  .strictObject({ intoTicketId: z.uuid().describe('The ticket that takes over this one’s messages.') })
  .meta({
    id: 'TicketMerge',
    description: 'Where to merge the ticket.',
    examples: [{ intoTicketId: '6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31' }],
  });

const Typing = z
  .strictObject({ author: shortText().optional().describe('The agent, as the helpdesk names them.') })
  .meta({
    id: 'Typing',
    description: 'Who is typing.',
    examples: [{ author: 'Kate' }],
  });
const TicketNumberParams = z.object({
  number: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export function ticketRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { pool, verifier, blobs } = deps;
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const read = requireScope(verifier, 'tickets:read');
    const write = requireScope(verifier, 'tickets:write');
    const tags: ['tickets'] = ['tickets'];

    app.get(
      '/v1/tickets',
      {
        preHandler: read,
        schema: operation({
          operationId: 'listTickets',
          tags,
          summary: 'List tickets',
          description:
            'Newest first; with `updatedSince`, oldest change first (sync). Filters combine; `number` finds one ticket by the number people quote. Scope `tickets:read`.',
          querystring: TicketListQuery,
          responses: { 200: { description: 'A page of tickets.', schema: TicketPage } },
        }),
      },
      async (request) => answer(await listTickets(pool, request.query)),
    );

    // Before `number` was a filter of the list; kept for integrations written then (not in the document).
    app.get(
      '/v1/tickets/by-number/:number',
      {
        preHandler: read,
        schema: operation({
          operationId: 'getTicketByNumber',
          tags,
          summary: 'A ticket by its number',
          description: 'Superseded by `GET /v1/tickets?number=`.',
          hide: true,
          params: TicketNumberParams,
          responses: { 200: { description: 'The ticket.', schema: Ticket } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        const ticket = await getTicketByNumber(pool, request.params.number);
        if (!ticket) throw notFound(`no ticket number ${request.params.number}`);
        return ticket;
      },
    );

    app.get(
      '/v1/tickets/:id',
      {
        preHandler: read,
        schema: operation({
          operationId: 'getTicket',
          tags,
          summary: 'Get a ticket',
          description: 'One ticket with its counters and SLA state. Scope `tickets:read`.',
          params: IdParams,
          responses: { 200: { description: 'The ticket.', schema: Ticket } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        const ticket = await getTicket(pool, request.params.id);
        if (!ticket) throw notFound(`no ticket ${request.params.id}`);
        return ticket;
      },
    );

    app.patch(
      '/v1/tickets/:id',
      {
        preHandler: write,
        schema: operation({
          operationId: 'updateTicket',
          tags,
          summary: 'Update a ticket',
          description:
            'Change status, assignee, group, priority or tags; emits `ticket.updated` with what changed. Scope `tickets:write`.',
          params: IdParams,
          body: TicketUpdate,
          responses: { 200: { description: 'The ticket as it is now.', schema: Ticket } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        return withTransaction(pool, (client) => patchTicket(client, request.params.id, request.body));
      },
    );

    app.get(
      '/v1/tickets/:id/messages',
      {
        preHandler: read,
        schema: operation({
          operationId: 'listTicketMessages',
          tags,
          summary: 'List a ticket’s messages',
          description:
            'The conversation in order (sent time, then received time): the customer’s messages, replies and notes. Scope `tickets:read`.',
          params: IdParams,
          querystring: PageQuery,
          responses: { 200: { description: 'A page of messages.', schema: MessagePage } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        const page = await listMessages(pool, request.params.id, request.query.limit, request.query.cursor);
        if (!page) throw notFound(`no ticket ${request.params.id}`);
        return answer(page);
      },
    );

    app.post(
      '/v1/tickets/:id/replies',
      {
        preHandler: write,
        schema: operation({
          operationId: 'createReply',
          tags,
          summary: 'Reply to the customer',
          description:
            'Queued for the channel adapter (202); `deliveryStatus` moves to `sent` or `failed` as the platform answers (`message.delivery_updated`). ' +
            'A web form cannot carry replies: on a web-form ticket the reply leaves by email (the address the customer typed, ' +
            "else their email identity) from the form's `replyEmailAccount` or the first email account; without either, 409. " +
            'Channels with a reply window (WhatsApp, Messenger, Instagram: 24 hours after the customer last wrote there) refuse a reply after it with 409 `reply-window-closed`, ' +
            'unless the account configures a way past it (a WhatsApp `windowTemplate`, which is then sent instead of the text; a `HUMAN_AGENT` message tag: 7 days). Scope `tickets:write`.',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: NewReply,
          responses: { 202: { description: 'The reply, queued.', schema: Message } },
          problems: ['not-found', 'ticket-merged', 'no-recipient', 'no-reply-channel', 'reply-window-closed'],
        }),
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => ({
          status: 202,
          body: await createReply(client, blobs, request.params.id, request.body, deps.replyChannels),
        })),
    );

    app.post(
      '/v1/tickets/:id/notes',
      {
        preHandler: write,
        schema: operation({
          operationId: 'createNote',
          tags,
          summary: 'Add an internal note',
          description:
            'A note for colleagues, kept in the conversation and never sent to anyone. Scope `tickets:write`.',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: NewNote,
          responses: { 201: { description: 'The note.', schema: Message } },
          problems: ['not-found'],
        }),
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => ({
          status: 201,
          body: await addNote(
            client,
            request.params.id,
            request.body.text,
            request.body.author ?? request.principal?.name ?? null,
          ),
        })),
    );

    app.post(
      '/v1/tickets/:id/typing',
      {
        preHandler: write,
        schema: operation({
          operationId: 'signalTyping',
          tags,
          summary: 'Tell the customer an agent is typing',
          description:
            'Shown by channels that can show it (the live chat: "Support is typing…" for a few seconds); call it again while typing. ' +
            'Fleeting: nothing is stored, and a customer not connected at that moment never sees it. Scope `tickets:write`.',
          params: IdParams,
          // Required (`{}` says nothing of who): an optional body lost its strictness in the document.
          body: Typing,
          responses: { 204: { description: 'Announced.' } },
          problems: ['not-found'],
        }),
      },
      async (request, reply) => {
        const { rows } = await pool.query('SELECT 1 FROM tickets WHERE id = $1', [request.params.id]);
        if (rows.length === 0) throw notFound(`no ticket ${request.params.id}`);
        const signal: TypingSignal = { ticketId: request.params.id, author: request.body.author };
        await pool.query('SELECT pg_notify($1, $2)', [TYPING_CHANNEL, JSON.stringify(signal)]);
        return reply.code(204).send();
      },
    );

    app.post(
      '/v1/tickets/:id/merge',
      {
        preHandler: write,
        schema: operation({
          operationId: 'mergeTicket',
          tags,
          summary: 'Merge a ticket into another',
          description:
            'Moves every message of this ticket into `intoTicketId` (of the same customer) and closes this one, which keeps pointing at it. Scope `tickets:write`.',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: TicketMerge,
          responses: { 200: { description: 'The ticket merged into, as it is now.', schema: Ticket } },
          problems: ['not-found', 'merge-conflict'],
        }),
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => ({
          status: 200,
          body: await mergeTickets(client, request.params.id, request.body.intoTicketId),
        })),
    );
  };
}
