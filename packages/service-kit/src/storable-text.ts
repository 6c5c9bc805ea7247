import { createHash } from 'node:crypto';
import type { InboundMessageInput } from '@omni/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from './problem';

/**
 * The one rule for text at every edge. PostgreSQL stores neither NUL (U+0000: "invalid byte
 * sequence for encoding UTF8: 0x00", in text and in jsonb) nor a lone UTF-16 surrogate (it
 * has no UTF-8 form); either one reaching a query was a 500 on our API and a lost message on
 * a channel. Our own API refuses such input with a 400 naming the field
 * (`rejectUnstorableApiText`); a platform or a mail may legitimately carry it, so channel
 * input is repaired instead (`repairInboundText`) and the repair recorded on the message.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * What a channel message is repaired of: the unstorable characters above and every other C0
 * control but tab, line feed and carriage return (no text a person wrote carries them; an
 * escape sequence in a ticket would reach an agent's terminal or a CSV export).
 */
const REPAIRED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const REPLACEMENT = '\ufffd';

/** The path (`body.note.text`) of the first string or object key PostgreSQL cannot store, if any. */
export function findUnstorableText(value: unknown, path: string): string | undefined {
  // Iterative: a body may nest as deep as its size allows (a recursion would overflow the stack).
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [key, child] of Object.entries(v)) {
        if (UNSTORABLE.test(key)) return `${at}.${printable(key)}`;
        stack.push([child, `${at}.${key}`]);
      }
    }
  }
  return undefined;
}

const INPUTS = ['params', 'querystring', 'headers', 'body'] as const;
const INPUT_OF: Record<(typeof INPUTS)[number], (r: FastifyRequest) => unknown> = {
  params: (r) => r.params,
  querystring: (r) => r.query,
  headers: (r) => r.headers,
  body: (r) => r.body,
};

/**
 * Every route of `app` whose path starts with `prefix` (our API: `/v1/`) refuses NUL and lone
 * surrogates anywhere in its path parameters, query, headers and JSON body — a 400
 * `validation-failed` problem naming the field — before its own validation and handler run.
 * Once for all routes, so that no route, present or future, passes such text to PostgreSQL.
 */
export function rejectUnstorableApiText(app: FastifyInstance, prefix: string): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(prefix)) return;
    const hooks = route.preValidation;
    const check = async (request: FastifyRequest) => {
      for (const input of INPUTS) {
        const field = findUnstorableText(INPUT_OF[input](request), input);
        if (field !== undefined)
          throw badRequest(`${field} contains a character that cannot be stored`, {
            [field]: 'must not contain NUL (U+0000) or an unpaired UTF-16 surrogate',
          });
      }
    };
    route.preValidation = hooks === undefined ? check : [check, ...[hooks].flat()];
  });
}

const MAX_DEPTH = 32;
const TOO_DEEP = '[nested too deep]';

/** The message's string fields of which a repaired value must stay distinct (ids, threading keys). */
const KEY_FIELDS =
  /^(externalId|sender\.externalId|identities\.\d+\.value|thread\.(externalChatId|messageId|inReplyTo|replyToExternalId|references\.\d+))$/;

/**
 * A normalized channel message made storable: NUL, other C0 controls but tab, LF and CR, and
 * lone surrogates are replaced with U+FFFD in every string, and the fields repaired are listed
 * in `flags.textRepaired` — so the message is stored as it came, minus what no database keeps,
 * and an agent can tell. In ids and threading keys a hash of the original follows the repaired
 * text, so two ids that differed only there stay two. `id` is left alone: it was derived from
 * the original id already. A message that needed nothing is returned as it was.
 */
export function repairInboundText(message: InboundMessageInput): InboundMessageInput {
  const { id, ...rest } = message;
  const { value, repaired } = repairStrings(rest, KEY_FIELDS);
  if (repaired.length === 0) return message;
  const repairedRest = value as Omit<InboundMessageInput, 'id'>;
  return {
    ...repairedRest,
    id,
    flags: { ...repairedRest.flags, textRepaired: repaired.slice(0, 100).map((p) => p.slice(0, 200)) },
  };
}

/**
 * A platform's delivery report made storable the same way (its error text and the ids it names
 * reach PostgreSQL too); a report that needed nothing is returned as it was.
 */
export function repairDeliveryText<R extends object>(report: R): R {
  const { value, repaired } = repairStrings(report, /^(externalId|recipientExternalId)$/);
  return repaired.length === 0 ? report : (value as R);
}

/** Every string of `value` repaired (keys by `keyFields`, with a hash), and the paths repaired. */
function repairStrings(value: unknown, keyFields: RegExp): { value: unknown; repaired: string[] } {
  // Nearly every message needs nothing: found out without copying it or building paths.
  if (!needsRepair(value, 0)) return { value, repaired: [] };
  const repaired: string[] = [];
  const visit = (v: unknown, path: string, depth: number): unknown => {
    // A valid message nests a few levels; a normalizer that copied a hostile payload's deep
    // value is invalid anyway (dead-lettered), and must not overflow the stack here.
    if (depth > MAX_DEPTH) return TOO_DEEP;
    if (typeof v === 'string') {
      REPAIRED.lastIndex = 0;
      if (!REPAIRED.test(v)) return v;
      repaired.push(path);
      return keyFields.test(path) ? repairKeyText(v) : v.replace(REPAIRED, REPLACEMENT);
    }
    if (Array.isArray(v)) return v.map((c, i) => visit(c, `${path}.${i}`, depth + 1));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, c]) => [k, visit(c, path === '' ? k : `${path}.${k}`, depth + 1)]),
      );
    return v;
  };
  return { value: visit(value, '', 0), repaired };
}

/** Whether `repairStrings` would repair anything in `v` (the same strings, down to the same depth). */
function needsRepair(v: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof v === 'string') {
    REPAIRED.lastIndex = 0;
    return REPAIRED.test(v);
  }
  if (Array.isArray(v)) {
    for (const c of v) if (needsRepair(c, depth + 1)) return true;
    return false;
  }
  if (v !== null && typeof v === 'object') {
    for (const k in v) {
      if (Object.hasOwn(v, k) && needsRepair((v as Record<string, unknown>)[k], depth + 1)) return true;
    }
  }
  return false;
}

/** One text as `repairInboundText` repairs it (for an adapter that also keeps its own copy). */
export function repairText(text: string): string {
  REPAIRED.lastIndex = 0;
  return REPAIRED.test(text) ? text.replace(REPAIRED, REPLACEMENT) : text;
}

/**
 * An id or threading key as `repairInboundText` repairs it: the text repaired, then a hash of
 * the original, so two keys that differed only in repaired characters stay two. Clean keys
 * are returned as they are.
 */
export function repairKeyText(key: string): string {
  REPAIRED.lastIndex = 0;
  if (!REPAIRED.test(key)) return key;
  return `${key.replace(REPAIRED, REPLACEMENT)}#${shortHash(key)}`;
}

function shortHash(original: string): string {
  // The UTF-16 code units, so lone surrogates hash apart (UTF-8 would map them all to U+FFFD).
  return createHash('sha256').update(Buffer.from(original, 'utf16le')).digest('hex').slice(0, 12);
}

/** A key as a field name in a problem: its unstorable characters shown escaped. */
function printable(key: string): string {
  return key.replace(REPAIRED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
