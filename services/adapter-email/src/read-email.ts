import { createHash } from 'node:crypto';
import type { InboundMessageInput } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { type ParsedMail, simpleParser } from 'mailparser';
import { storeAttachments } from './attachments';
import { fitForBus, MAX_EVENT_BYTES, serializedSize } from './fit-for-bus';
import { repairMime } from './mime-repair';
import { type EmailContext, normalizeEmail } from './normalize';

export type ReadContext = Omit<
  EmailContext,
  'rawSha256' | 'attachments' | 'bodyNote' | 'malformed' | 'htmlBesideText'
>;

export interface ReadDeps {
  blobs: BlobStore;
  maxAttachmentBytes: number;
}

/**
 * One raw RFC 822 message → a normalized message, its parts stored. Never throws on bad
 * MIME: it is read the lenient way (mime-repair.ts), and what mailparser still cannot read is
 * read as headers plus the undecoded body, so a malformed message is still ingested with what
 * could be parsed — flagged `malformed`, its raw form stored as `rawRef`. Storage failures do
 * throw (retriable): the caller retries and the cursor stays put.
 */
export async function readEmail(raw: Buffer, ctx: ReadContext, deps: ReadDeps): Promise<InboundMessageInput> {
  const rawSha256 = createHash('sha256').update(raw).digest('hex');
  const parsed = await parseLeniently(raw);
  const attachments = await storeAttachments(parsed.mail.attachments, deps.blobs, deps.maxAttachmentBytes);
  const message = normalizeEmail(parsed.mail, {
    ...ctx,
    rawSha256,
    attachments,
    malformed: parsed.malformed,
    htmlBesideText: parsed.htmlBesideText,
  });
  const fits = serializedSize(message) <= MAX_EVENT_BYTES;
  if (fits && !message.flags?.malformed) return message;
  // Read leniently, or too big for one bus record: the raw message is kept (and the copy on the bus shortened).
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
  // Only the headers: what the reading finds missing from the body is not there to be found.
  const mail = (await parseLeniently(header)).mail;
  const reason = `message of ${size} bytes is larger than the ${limit}-byte limit`;
  return normalizeEmail(mail, {
    ...ctx,
    rawSha256,
    attachments: [{ name: 'message.eml', mimeType: 'message/rfc822', size, skipped: reason }],
    bodyNote: `(The body of this email was not ingested: ${reason}.)`,
  });
}

/**
 * mailparser's own HTML-to-text conversion (it upper-cases headings) is left out: the text of
 * HTML is made from the sanitized HTML (normalize.ts). Text parts beside HTML parts are turned
 * into HTML (without made-up links) so that the HTML holds the whole message.
 */
const PARSE_OPTIONS = {
  keepCidLinks: true,
  skipImageLinks: true,
  skipHtmlToText: true,
  skipTextLinks: true,
} as const;

interface Parsed {
  mail: ParsedMail;
  malformed: string[];
  htmlBesideText: boolean;
}

async function parseLeniently(raw: Buffer): Promise<Parsed> {
  const repaired = await repairMime(raw).catch(() => ({
    raw,
    malformed: ['the MIME structure could not be split'],
    htmlBesideText: false,
  }));
  try {
    return { ...repaired, mail: await simpleParser(repaired.raw, PARSE_OPTIONS) };
  } catch {
    // Headers alone, then the body as text: better a readable mess than a lost message.
    const source = repaired.raw;
    const end = source.indexOf('\r\n\r\n') >= 0 ? source.indexOf('\r\n\r\n') : source.indexOf('\n\n');
    const head = end >= 0 ? source.subarray(0, end) : source;
    const body = end >= 0 ? source.subarray(end).toString('utf8').trim() : '';
    const mail = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), PARSE_OPTIONS).catch(
      () => undefined,
    );
    const fallback: ParsedMail = mail ?? { attachments: [], headers: new Map(), headerLines: [] };
    return {
      mail: { ...fallback, text: body },
      malformed: [...repaired.malformed, 'the MIME structure could not be parsed: the body is kept as text'],
      htmlBesideText: false,
    };
  }
}
