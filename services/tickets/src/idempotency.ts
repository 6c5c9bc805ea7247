import { createHash } from 'node:crypto';
import { named, type Pool, type PoolClient, withTransaction } from '@omni/db';
import { HttpProblem } from '@omni/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The header every POST accepts (API.md); documented on each POST route. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Retries with the same key return the first result and do nothing twice (kept 24 hours).'),
});

export interface CommandResult<T> {
  status: number;
  body: T;
}

/**
 * Runs a POST's effect in one transaction with its idempotency record. The primary key
 * (api key, Idempotency-Key) makes a concurrent retry wait for the first request's
 * transaction and then replay its stored result; a failed request records nothing, so it
 * may be retried. The same key with a different request is refused (422).
 */
export async function idempotent<T>(
  pool: Pool,
  request: FastifyRequest,
  reply: FastifyReply,
  run: (client: PoolClient) => Promise<CommandResult<T>>,
): Promise<T> {
  const raw = request.headers['idempotency-key'];
  const key = typeof raw === 'string' && raw.length > 0 ? raw : undefined;
  const apiKeyId = request.principal?.id;
  const result = await withTransaction(pool, async (client) => {
    if (!key || !apiKeyId) return run(client);
    const requestHash = createHash('sha256')
      .update(
        `${request.method} ${request.routeOptions.url ?? ''} ${JSON.stringify(request.params ?? {})} ${JSON.stringify(request.body ?? null)}`,
      )
      .digest('hex');
    const claimed = await client.query(
      named(
        `INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING`,
        [apiKeyId, key, requestHash],
      ),
    );
    if (claimed.rowCount === 0) {
      const { rows } = await client.query<{
        request_hash: string;
        response_status: number;
        response_body: T;
      }>(
        'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE api_key_id = $1 AND key = $2',
        [apiKeyId, key],
      );
      const first = rows[0];
      if (!first) throw new HttpProblem(409, 'idempotency-conflict', 'Conflict', 'retry the request');
      if (first.request_hash !== requestHash) {
        throw new HttpProblem(
          422,
          'idempotency-key-reused',
          'Idempotency-Key reused',
          'this Idempotency-Key was used for a different request',
        );
      }
      void reply.header('idempotent-replayed', 'true');
      return { status: first.response_status, body: first.response_body };
    }
    const done = await run(client);
    await client.query(
      named(
        'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE api_key_id = $1 AND key = $2',
        [apiKeyId, key, done.status, JSON.stringify(done.body)],
      ),
    );
    return done;
  });
  void reply.code(result.status);
  return result.body;
}

/** Keys older than a day are forgotten (Stripe keeps them 24 hours too). */
export async function pruneIdempotencyKeys(pool: Pool, olderThanMs = 86_400_000): Promise<void> {
  await pool.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - ($1::bigint * interval '1 millisecond')`,
    [olderThanMs],
  );
}
