import { HttpProblem, inertFileHeaders, notFound, PROBLEMS, parseRange } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';

import { type HeaderSpec, operation } from '../openapi/operation';
import { IdParams } from '../schemas';
import type { RouteDeps } from './route-deps';

const FILE_HEADERS: Record<string, HeaderSpec> = {
  'Content-Type': {
    description: 'The stored media type (`application/octet-stream` when it was not a well-formed one).',
    schema: { type: 'string' },
    required: true,
  },
  'Content-Disposition': {
    description: '`attachment` with the file name (ASCII fallback and RFC 5987 `filename*`).',
    schema: { type: 'string' },
    required: true,
  },
  ETag: { description: 'The quoted SHA-256 of the bytes.', schema: { type: 'string' }, required: false },
  'Accept-Ranges': { description: '`bytes`.', schema: { type: 'string' }, required: true },
};

export function attachmentRoutes({ pool, verifier, blobs }: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/attachments/:id',
      {
        preHandler: requireScope(verifier, 'tickets:read'),
        schema: operation({
          operationId: 'downloadAttachment',
          tags: ['attachments'],
          summary: 'Download an attachment',
          description:
            'The stored bytes with their media type, always as a download (`Content-Disposition: attachment`); a single `Range: bytes=` request answers 206 with that part. Scope `tickets:read`.',
          params: IdParams,
          headers: z.object({
            range: z
              .string()
              .max(100)
              .optional()
              .describe('One byte range: `bytes=0-1023`, `bytes=1024-`, `bytes=-512`.'),
          }),
          responses: {
            200: { description: 'The file.', mediaType: '*/*', headers: FILE_HEADERS },
            206: {
              description: 'The part of the file the `Range` asked for.',
              mediaType: '*/*',
              headers: {
                ...FILE_HEADERS,
                'Content-Range': {
                  description: '`bytes <first>-<last>/<size>`.',
                  schema: { type: 'string' },
                  required: true,
                },
              },
            },
          },
          problems: ['not-found', 'range-not-satisfiable'],
        }),
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
        const range = parseRange(request.headers.range, data.length);
        if (range === 'unsatisfiable') {
          throw new HttpProblem(
            416,
            'range-not-satisfiable',
            PROBLEMS['range-not-satisfiable'].title,
            `the file has ${data.length} bytes`,
            undefined,
            { 'content-range': `bytes */${data.length}` },
          );
        }
        void reply.headers(inertFileHeaders(row.name, row.mime_type)).header('accept-ranges', 'bytes');
        if (row.sha256) void reply.header('etag', `"${row.sha256}"`);
        if (!range) return reply.code(200).send(data);
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${data.length}`)
          .send(data.subarray(range.start, range.end + 1));
      },
    );
  };
}
