import { type Pool, withTransaction } from '@omni/db';
import { type ApiKeyVerifier, decodeCursor, encodeCursor, notFound, requireScope } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAnnouncement, deleteAnnouncement, listAnnouncements } from '../announcement.repository';
import { computeStats } from '../stats.queries';
import { getTicketAutomation } from '../ticket-automation.queries';
import {
  AnnouncementBody,
  AnnouncementJson,
  AnnouncementListQuery,
  IdParams,
  problems,
  StatsJson,
  StatsQuery,
  TicketAutomationJson,
} from './schemas';

/** `/v1/stats`, `/v1/announcements` and `/v1/tickets/{id}/automation`. */
export function automationRoutes(pool: Pool, verifier: ApiKeyVerifier): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const read = requireScope(verifier, 'tickets:read');
    const admin = requireScope(verifier, 'admin');

    app.get(
      '/v1/stats',
      {
        preHandler: read,
        schema: {
          tags: ['stats'],
          summary: 'Ticket statistics for supervisors',
          querystring: StatsQuery,
          response: { 200: StatsJson, ...problems },
        },
      },
      async (request) => computeStats(pool, request.query.from, request.query.to, request.query.timeZone),
    );

    app.get(
      '/v1/tickets/:id/automation',
      {
        preHandler: read,
        schema: {
          tags: ['tickets'],
          summary: "A ticket's routing rule, SLA clocks and acknowledgement",
          params: IdParams,
          response: { 200: TicketAutomationJson, ...problems },
        },
      },
      async (request) => {
        const found = await getTicketAutomation(pool, request.params.id);
        if (!found)
          throw notFound(`ticket ${request.params.id} has no automation record (unknown, or not yet routed)`);
        return found;
      },
    );

    app.post(
      '/v1/announcements',
      {
        preHandler: admin,
        schema: {
          tags: ['announcements'],
          summary: 'Set an outage notice',
          body: AnnouncementBody,
          response: { 201: AnnouncementJson, ...problems },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const created = await withTransaction(pool, (client) =>
          createAnnouncement(client, {
            texts: b.texts,
            channels: b.channels,
            startsAt: b.startsAt ? new Date(b.startsAt) : new Date(),
            endsAt: b.endsAt ? new Date(b.endsAt) : null,
            createdBy: request.principal?.id ?? null,
          }),
        );
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/v1/announcements',
      {
        preHandler: read,
        schema: {
          tags: ['announcements'],
          summary: 'List outage notices, newest first',
          querystring: AnnouncementListQuery,
          response: {
            200: z.object({ data: z.array(AnnouncementJson), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const { data, next } = await listAnnouncements(pool, {
          activeOnly: q.active === 'true',
          channel: q.channel,
          limit: q.limit,
          after: q.cursor ? announcementCursor(q.cursor) : undefined,
        });
        return { data, nextCursor: next ? encodeCursor([next.startsAt, next.id]) : null };
      },
    );

    app.delete(
      '/v1/announcements/:id',
      {
        preHandler: admin,
        schema: {
          tags: ['announcements'],
          summary: 'Remove an outage notice',
          params: IdParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        const deleted = await withTransaction(pool, (client) =>
          deleteAnnouncement(client, request.params.id),
        );
        if (!deleted) throw notFound(`announcement ${request.params.id} does not exist`);
        return reply.code(204).send(null);
      },
    );
  };
}

function announcementCursor(cursor: string): { startsAt: string; id: string } {
  const [startsAt, id] = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string];
  return { startsAt, id };
}
