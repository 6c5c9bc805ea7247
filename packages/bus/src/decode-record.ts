import { z } from 'zod';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses and validates one record value; the reason names what is wrong, for the DLQ. */
export function decodeRecord<T>(raw: Buffer | string | null, schema: z.ZodType<T>): Decoded<T> {
  if (raw === null) return { ok: false, reason: 'empty record value' };
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, reason: `schema validation failed: ${z.prettifyError(parsed.error).slice(0, 2000)}` };
  }
  return { ok: true, value: parsed.data };
}
