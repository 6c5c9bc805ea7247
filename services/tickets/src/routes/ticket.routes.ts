import { Channel } from '@omni/contracts';
import { withTransaction } from '@omni/db';
import { notFound, PageQuery } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { IdempotencyHeaders, idempotent } from '../idempotency';
import { createReply } from '../reply.command';
import { IdParams, MessageJson, pageOf, problems, shortText, TicketJson, TicketStatus } from '../schemas';
import { addNote, mergeTickets, patchTicket } from '../ticket.commands';
import { getTicket, getTicketByNumber, listMessages, listTickets } from '../ticket.queries';
import type { RouteDeps } from './route-deps';

const TicketListQuery = PageQuery.extend({
  status: z
    .union([TicketStatus, z.array(TicketStatus).max(4)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat()))
    .describe('Repeatable: `?status=open&status=pending`.'),
  channel: Channel.optional().describe('Tickets with at least one message on this channel.'),
  customerId: z.uuid().optional(),
  assignee: shortText().optional(),
  group: shortText().optional(),
  topic: shortText().optional(),
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

const TicketPatchBody = z
  .strictObject({
    status: TicketStatus.optional(),
    assignee: shortText().nullable().optional(),
    group: shortText().nullable().optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    tags: z.array(shortText(100)).max(50).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');

const ReplyBody = z.strictObject({
  text: z.string().min(1).max(100_000),
  html: z.string().max(500_000).optional(),
  channel: Channel.optional().describe("Default: the channel of the customer's last inbound message."),
  author: shortText().optional().describe('The agent, as the helpdesk names them.'),
  attachments: z
    .array(
      z.strictObject({
        name: shortText(255),
        mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/pdf'),
        contentBase64: z.base64().max(700_000),
      }),
    )
    .max(10)
    .optional(),
});

const NoteBody = z.strictObject({ text: z.string().min(1).max(100_000), author: shortText().optional() });
const MergeBody = z.strictObject({ intoTicketId: z.uuid() });

export function ticketRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { pool, verifier, blobs } = deps;
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const read = requireScope(verifier, 'tickets:read');
    const write = requireScope(verifier, 'tickets:write');
    const tags = ['tickets'];

    app.get(
      '/v1/tickets',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'List tickets',
          querystring: TicketListQuery,
          response: { 200: pageOf(TicketJson), ...problems },
        },
      },
      async (request) => listTickets(pool, request.query),
    );

    app.get(
      '/v1/tickets/by-number/:number',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'A ticket by its number',
          params: z.object({ number: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
          response: { 200: TicketJson, ...problems },
        },
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
        schema: { tags, summary: 'A ticket', params: IdParams, response: { 200: TicketJson, ...problems } },
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
        schema: {
          tags,
          summary: 'Change status, assignee, group, priority, tags',
          params: IdParams,
          body: TicketPatchBody,
          response: { 200: TicketJson, ...problems },
        },
      },
      async (request) => {
        return withTransaction(pool, (client) => patchTicket(client, request.params.id, request.body));
      },
    );

    app.get(
      '/v1/tickets/:id/messages',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Messages in conversation order',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: pageOf(MessageJson), ...problems },
        },
      },
      async (request) => {
        if (!(await getTicket(pool, request.params.id))) throw notFound(`no ticket ${request.params.id}`);
        return listMessages(pool, request.params.id, request.query.limit, request.query.cursor);
      },
    );

    app.post(
      '/v1/tickets/:id/replies',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Reply to the customer',
          description:
            'Queued for the channel adapter (202); `deliveryStatus` moves to `sent` or `failed` as the platform answers. ' +
            'A web form cannot carry replies: on a web-form ticket the reply leaves by email (the address the customer typed, ' +
            "else their email identity) from the form's `replyEmailAccount` or the first email account; without either, 409.",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: ReplyBody,
          response: { 202: MessageJson, 409: problems[400], ...problems },
        },
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
        schema: {
          tags,
          summary: 'Add an internal note (never sent)',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: NoteBody,
          response: { 201: MessageJson, ...problems },
        },
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
      '/v1/tickets/:id/merge',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Merge this ticket into another of the same customer',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: MergeBody,
          response: { 200: TicketJson, 409: problems[400], ...problems },
        },
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => ({
          status: 200,
          body: await mergeTickets(client, request.params.id, request.body.intoTicketId),
        })),
    );
  };
}
