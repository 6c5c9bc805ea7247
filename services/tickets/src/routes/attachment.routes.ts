import { notFound } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { contentDisposition, parseRange, safeContentType } from '../content-disposition';
import { IdParams, problems } from '../schemas';
import type { RouteDeps } from './route-deps';

export function attachmentRoutes({ pool, verifier, blobs }: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/attachments/:id',
      {
        preHandler: requireScope(verifier, 'tickets:read'),
        schema: {
          tags: ['attachments'],
          summary: 'Download an attachment',
          description:
            'The stored bytes with their media type, always as a download; supports single `Range: bytes=` requests (206).',
          params: IdParams,
          headers: z.object({ range: z.string().max(100).optional() }),
          response: {
            200: z.any().describe('the file'),
            206: z.any().describe('part of the file'),
            416: problems[400],
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const { rows } = await pool.query<{
          blob_id: string | null;
          name: string;
          mime_type: string;
          sha256: string | null;
        }>('SELECT blob_id, name, mime_type, sha256 FROM attachments WHERE id = $1', [request.params.id]);
        const row = rows[0];
        if (!row?.blob_id)
          throw notFound(
            row ? `attachment ${request.params.id} was not stored` : `no attachment ${request.params.id}`,
          );
        const data = await blobs.get(row.blob_id);
        if (!data) throw notFound(`attachment ${request.params.id} has no stored bytes`);
        void reply
          .header('content-type', safeContentType(row.mime_type))
          .header('content-disposition', contentDisposition(row.name))
          .header('x-content-type-options', 'nosniff')
          // A stored HTML or SVG file opened directly must not run as our origin.
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, max-age=3600');
        if (row.sha256) void reply.header('etag', `"${row.sha256}"`);
        const range = parseRange(request.headers.range, data.length);
        if (range === 'unsatisfiable') {
          void reply
            .header('content-range', `bytes */${data.length}`)
            .header('content-type', 'application/problem+json');
          return reply.code(416).send({
            type: 'urn:omni:problem:range-not-satisfiable',
            title: 'Range not satisfiable',
            status: 416,
          });
        }
        if (!range) return reply.code(200).send(data);
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${data.length}`)
          .send(data.subarray(range.start, range.end + 1));
      },
    );
  };
}
