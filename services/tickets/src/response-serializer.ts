import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * An answer whose JSON text is already written (a list page assembled from the JSON text
 * PostgreSQL builds per row): sent as it is, where parsing it into objects only to write it
 * out again was most of a list request's time in Node.
 */
export class JsonText<T> {
  /** What the text stands for (types only). */
  declare readonly value?: T;
  constructor(readonly json: string) {}
}

/**
 * A handler's answer as the value its route's schema types, though it is the text: the
 * serializer below writes it as it is.
 */
export const answer = <T>(text: JsonText<T>): T => text as unknown as T;

/**
 * How answers are written. Every answer is built by our own queries, already in the shape of
 * its schema, so re-checking it against the zod schema on every request only costs time (it
 * was a seventh of the CPU of a ticket list). The check runs where it can fail a build: in
 * tests (`NODE_ENV=test`, as jest sets it), stricter than zod's own — an answer must *be* its
 * schema's output, not merely become it once zod has stripped unknown members, so a field that
 * production would send unchecked fails a test instead. A `JsonText` answer must moreover be,
 * byte for byte, what `JSON.stringify` writes for its value (what production sent before).
 */
export function responseSerializerCompiler(check: boolean): FastifySerializerCompiler<z.ZodType> {
  if (!check) return () => (data) => (data instanceof JsonText ? data.json : JSON.stringify(data));
  const zodSerializer = createSerializerCompiler({});
  return (route) => {
    const serialize = zodSerializer(route);
    const checked = (data: unknown) => {
      const json = serialize(data);
      const sent = JSON.parse(JSON.stringify(data)) as unknown;
      if (!isDeepStrictEqual(JSON.parse(json), sent))
        throw new Error(
          `the answer of ${route.method} ${route.url} is not exactly its schema's output: ${JSON.stringify(sent).slice(0, 500)} became ${json.slice(0, 500)}`,
        );
      return json;
    };
    return (data) => {
      if (!(data instanceof JsonText)) return checked(data);
      const value = JSON.parse(data.json) as unknown;
      checked(value);
      if (JSON.stringify(value) !== data.json)
        throw new Error(
          `the prepared answer of ${route.method} ${route.url} is not the JSON text of its value: ${data.json.slice(0, 500)}`,
        );
      return data.json;
    };
  };
}

/** Answers are checked against their schemas under jest (and wherever NODE_ENV=test). */
export const checkResponsesByDefault = () => process.env.NODE_ENV === 'test';
