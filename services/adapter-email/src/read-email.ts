import { createHash } from 'node:crypto';
import type { InboundMessageInput } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { type ParsedMail, simpleParser } from 'mailparser';
import { storeAttachments } from './attachments';
import { fitForBus, MAX_EVENT_BYTES, serializedSize } from './fit-for-bus';
import { type EmailContext, normalizeEmail } from './normalize';

export type ReadContext = Omit<EmailContext, 'rawSha256' | 'attachments' | 'bodyNote'>;

export interface ReadDeps {
  blobs: BlobStore;
  maxAttachmentBytes: number;
}

/**
 * One raw RFC 822 message → a normalized message, its parts stored. Never throws on bad
 * MIME: what mailparser cannot read is read as headers plus the undecoded body, so a
 * malformed message is still ingested with what could be parsed. Storage failures do
 * throw (retriable): the caller retries and the cursor stays put.
 */
export async function readEmail(raw: Buffer, ctx: ReadContext, deps: ReadDeps): Promise<InboundMessageInput> {
  const rawSha256 = createHash('sha256').update(raw).digest('hex');
  const parsed = await parseLeniently(raw);
  const attachments = await storeAttachments(parsed.mail.attachments, deps.blobs, deps.maxAttachmentBytes);
  const message = normalizeEmail(parsed.mail, { ...ctx, rawSha256, attachments, bodyNote: parsed.note });
  if (serializedSize(message) <= MAX_EVENT_BYTES) return message;
  // Too big for one bus record: the raw message is kept, the copy on the bus is shortened.
  const rawBlob = await deps.blobs.put(raw);
  return fitForBus({ ...message, rawRef: rawBlob.id });
}

/**
 * Only the headers of a message too large to fetch: ingested with a note in place of the
 * body and the whole message listed as a skipped part, so the customer's mail is visible
 * and nothing is dropped silently.
 */
export async function readOversizedEmail(
  header: Buffer,
  size: number,
  limit: number,
  ctx: ReadContext,
): Promise<InboundMessageInput> {
  const rawSha256 = createHash('sha256').update(header).update(String(size)).digest('hex');
  const mail = (await parseLeniently(header)).mail;
  const reason = `message of ${size} bytes is larger than the ${limit}-byte limit`;
  return normalizeEmail(mail, {
    ...ctx,
    rawSha256,
    attachments: [{ name: 'message.eml', mimeType: 'message/rfc822', size, skipped: reason }],
    bodyNote: `(The body of this email was not ingested: ${reason}.)`,
  });
}

const PARSE_OPTIONS = { keepCidLinks: true, skipImageLinks: true, skipTextToHtml: true } as const;

async function parseLeniently(raw: Buffer): Promise<{ mail: ParsedMail; note?: string }> {
  try {
    return { mail: await simpleParser(raw, PARSE_OPTIONS) };
  } catch {
    // Headers alone, then the body as text: better a readable mess than a lost message.
    const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
    const head = end >= 0 ? raw.subarray(0, end) : raw;
    const body = end >= 0 ? raw.subarray(end).toString('utf8').trim() : '';
    const mail = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), PARSE_OPTIONS).catch(
      () => undefined,
    );
    const fallback: ParsedMail = mail ?? { attachments: [], headers: new Map(), headerLines: [] };
    return { mail: { ...fallback, text: body }, note: undefined };
  }
}
