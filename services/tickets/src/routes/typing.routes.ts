import { ChannelName, type CustomerTypingSignal, EXAMPLE_IDS, Timestamp } from '@omni/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { operation } from '../openapi/operation';
import type { TypingFeed } from '../typing-feed';
import type { RouteDeps } from './route-deps';

/** Signals arriving this soon after the first are answered with it (typing in several tickets at once). */
const GATHER_MS = 100;

const TypingQuery = z.object({
  ticketId: z.uuid().optional().describe('Only this ticket’s customer (default: every ticket).'),
  wait: z.coerce
    .number()
    .int()
    .min(0)
    .max(30)
    .default(25)
    .describe('Seconds to wait for someone to type before answering an empty list (0: answer at once).'),
});

const TypingList = z
  .object({
    data: z
      .array(
        z.object({
          ticketId: z.uuid().describe('The ticket whose customer is typing.'),
          channel: ChannelName,
          at: Timestamp('When the customer typed.'),
        }),
      )
      .describe('Customers typing now; empty when nobody typed while waiting.'),
  })
  .meta({
    id: 'TypingList',
    examples: [
      { data: [{ ticketId: EXAMPLE_IDS.ticket, channel: 'livechat', at: '2026-03-02T10:15:27.120Z' }] },
    ],
  });

/**
 * `GET /v1/typing`: a long poll for customers typing (live-chat visitors), for an agent's
 * screen. Fleeting by design — what happens between two polls is not replayed — so it is a
 * poll here, not an event in the change feed and webhooks, which keep everything for good.
 */
export function typingRoutes({ verifier }: RouteDeps, feed: TypingFeed): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const waiting = new Set<() => void>();
    // A graceful stop answers every waiting poll at once (clients poll again, elsewhere).
    app.addHook('preClose', async () => {
      for (const answer of waiting) answer();
    });
    app.get(
      '/v1/typing',
      {
        preHandler: requireScope(verifier, 'tickets:read'),
        schema: operation({
          operationId: 'waitForTyping',
          tags: ['tickets'],
          summary: 'Wait for customers typing',
          description:
            'A long poll: answers as soon as a customer types (live chat; at most one signal every 3 s per customer), or an empty list after `wait` seconds; poll again at once to keep watching. ' +
            'Fleeting: nothing is stored or replayed, so it is not in the change feed or webhooks; a visitor’s "read up to" is there, as `message.delivery_updated` with status `read`. Scope `tickets:read`.',
          querystring: TypingQuery,
          responses: { 200: { description: 'Who is typing.', schema: TypingList } },
        }),
      },
      async (request) => {
        const { ticketId, wait } = request.query;
        const seen: CustomerTypingSignal[] = [];
        if (wait === 0) return { data: seen };
        let answer = () => {};
        const done = new Promise<void>((resolve) => {
          answer = resolve;
        });
        waiting.add(answer);
        const unsubscribe = await feed.subscribe((signal) => {
          if (ticketId && signal.ticketId !== ticketId) return;
          if (seen.push(signal) === 1) setTimeout(answer, GATHER_MS);
        });
        const timer = setTimeout(answer, wait * 1000);
        request.raw.socket?.once('close', answer);
        try {
          await done;
        } finally {
          clearTimeout(timer);
          waiting.delete(answer);
          unsubscribe();
        }
        return { data: seen };
      },
    );
  };
}
