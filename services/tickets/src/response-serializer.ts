import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * How answers are written. Every answer is built by our own queries, already in the shape of
 * its schema, so re-checking it against the zod schema on every request only costs time (it
 * was a seventh of the CPU of a ticket list). The check runs where it can fail a build: in
 * tests (`NODE_ENV=test`, as jest sets it), stricter than zod's own — an answer must *be* its
 * schema's output, not merely become it once zod has stripped unknown members, so a field that
 * production would send unchecked fails a test instead.
 */
export function responseSerializerCompiler(check: boolean): FastifySerializerCompiler<z.ZodType> {
  if (!check) return () => (data) => JSON.stringify(data);
  const zodSerializer = createSerializerCompiler({});
  return (route) => {
    const serialize = zodSerializer(route);
    return (data) => {
      const json = serialize(data);
      const sent = JSON.parse(JSON.stringify(data)) as unknown;
      if (!isDeepStrictEqual(JSON.parse(json), sent))
        throw new Error(
          `the answer of ${route.method} ${route.url} is not exactly its schema's output: ${JSON.stringify(sent).slice(0, 500)} became ${json.slice(0, 500)}`,
        );
      return json;
    };
  };
}

/** Answers are checked against their schemas under jest (and wherever NODE_ENV=test). */
export const checkResponsesByDefault = () => process.env.NODE_ENV === 'test';
