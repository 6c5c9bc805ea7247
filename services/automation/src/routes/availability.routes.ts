import { Channel } from '@omni/contracts';
import type { Pool } from '@omni/db';
import { notFound, type OmniConfig } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { availability } from '../availability';

type Request = {
  Params: { channel: string; account: string };
  Querystring: { lang?: string; topic?: string };
};

/**
 * `GET /availability/<channel>/<account>?lang=&topic=`: public and read-only, for the pages
 * customers write from (the live-chat widget): business hours open or not, the expected wait,
 * the active announcements. It lives here, beside the calendars, SLA targets and
 * announcements it reads, so the widget asks automation directly and no adapter depends on
 * automation. Nothing in it is personal; it is cached briefly by browsers and proxies.
 */
export function availabilityRoutes(
  pool: Pool,
  config: OmniConfig['automation'],
  now: () => Date,
): FastifyPluginAsync {
  return async (app) => {
    app.get<Request>('/availability/:channel/:account', async (request, reply) => {
      const channel = Channel.safeParse(request.params.channel);
      if (!channel.success) throw notFound(`no channel named "${request.params.channel}"`);
      const lang = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(request.query.lang ?? '')
        ? (request.query.lang as string)
        : 'en';
      const topic = request.query.topic?.slice(0, 100) || undefined;
      const body = await availability(
        pool,
        config,
        { channel: channel.data, account: request.params.account.slice(0, 100), topic, language: lang },
        now(),
      );
      return reply.header('cache-control', 'public, max-age=30').send(body);
    });
  };
}
