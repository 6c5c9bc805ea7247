import {
  type AttachmentRef,
  messageId as deterministicMessageId,
  type IdentityClaim,
  type InboundMessageInput,
} from '@omni/contracts';
import { convert as htmlToText } from 'html-to-text';
import type { ParsedMail } from 'mailparser';
import { type AddressField, type Mailbox, readAddressHeader } from './address-header';
import { type LoopContext, loopFlags } from './loop-safety';
import { splitReply } from './quote-split';
import { sanitizeEmailHtml } from './sanitize';
import { normalizeSubject } from './subject';

export interface EmailContext extends LoopContext {
  account: string;
  receivedAt: Date;
  /** SHA-256 (hex) of the raw message: the idempotency key when there is no Message-ID. */
  rawSha256: string;
  /** Attachments as stored (or skipped with the reason) by the caller. */
  attachments: AttachmentRef[];
  /** Set when only the headers were read (message too large): shown as the text. */
  bodyNote?: string;
  /** What the reading found broken (mime-repair.ts); any makes the message `malformed`. */
  malformed?: readonly string[];
  /** The HTML holds every part in order and the text parts do not (mime-repair.ts). */
  htmlBesideText?: boolean;
}

const MAX_TEXT = 1_000_000;
const MAX_FULL_TEXT = 2_000_000;
const MAX_HTML = 5_000_000;
/** A `Date` earlier than this, or more than a day after receipt, is a broken clock: receipt time is used. */
const EARLIEST_DATE = Date.UTC(1990, 0, 1);

/**
 * A parsed email → an `InboundMessage`. Pure: no I/O, no clock (receipt time and stored
 * attachments are passed in). The `From` address is a verified identity (the mail protocol
 * vouches for it, ARCHITECTURE.md); `sender.email` is where replies go: `Reply-To` when set.
 */
export function normalizeEmail(mail: ParsedMail, ctx: EmailContext): InboundMessageInput {
  const header = headerReader(mail);
  const messageIdHeader = cleanId(mail.messageId);
  const externalId = messageIdHeader ?? `sha256:${ctx.rawSha256}`;
  const fromHeader = readAddressHeader(mail, 'from');
  // No readable From: the sender is who the transport names (Sender, then Return-Path), or nobody.
  const from = fromHeader?.mailboxes[0] ?? firstMailbox(mail, 'sender') ?? firstMailbox(mail, 'return-path');
  const replyTo = firstMailbox(mail, 'reply-to');
  const fromAddress = from?.address.toLowerCase();
  // An unreadable From is shown as written (to agents only: a display name identifies nobody).
  const displayName = fromHeader?.unreadable ? fromHeader.written : from?.name;
  const subject = normalizeSubject(mail.subject);

  const html =
    typeof mail.html === 'string' && mail.html.trim() !== '' ? sanitizeEmailHtml(mail.html) : undefined;
  // Without a text rendering of every part (HTML only, or HTML parts beside text parts), the
  // text is read from the sanitized HTML (no hidden script text).
  const plain = (
    mail.text?.trim() && !(ctx.htmlBesideText && html) ? mail.text : html ? htmlText(html) : ''
  ).replace(/\r\n?/g, '\n');
  const split = splitReply(plain);
  const text = ctx.bodyNote ?? split.reply;

  const flags = {
    ...loopFlags(
      {
        header,
        fromAddress,
        messageId: messageIdHeader,
        contentType: header('content-type') ?? 'text/plain',
      },
      ctx,
    ),
    ...(subject.forwarded ? { forwarded: true } : {}),
    ...((ctx.malformed?.length ?? 0) > 0 || fromHeader?.unreadable ? { malformed: true } : {}),
  };

  const identities: IdentityClaim[] = [];
  if (fromAddress) identities.push({ kind: 'email', value: fromAddress, verified: true });
  if (replyTo && replyTo.address.toLowerCase() !== fromAddress) {
    identities.push({ kind: 'email', value: replyTo.address.toLowerCase(), verified: false });
  }

  const references = idList(mail.references);
  const inReplyTo = idList(mail.inReplyTo)[0];
  const to = addresses(readAddressHeader(mail, 'to'));
  const cc = addresses(readAddressHeader(mail, 'cc'));
  const deliveredTo = addresses(readAddressHeader(mail, 'delivered-to')).slice(0, 50);

  return {
    version: 1,
    id: deterministicMessageId('email', ctx.account, externalId),
    channel: 'email',
    account: ctx.account,
    externalId,
    direction: flags.ownMessage ? 'outbound' : 'inbound',
    sentAt: sentAt(mail.date, ctx.receivedAt).toISOString(),
    receivedAt: ctx.receivedAt.toISOString(),
    sender: {
      externalId: fromAddress ?? 'unknown-sender@invalid',
      displayName: displayName ? displayName.slice(0, 500) : undefined,
      email: (replyTo?.address ?? from?.address)?.toLowerCase(),
    },
    identities,
    thread: {
      messageId: messageIdHeader,
      inReplyTo,
      references: references.length > 0 ? references.slice(-500) : undefined,
      subject: subject.subject ? subject.subject.slice(0, 2000) : undefined,
      ticketToken: subject.ticketToken,
      recipients: to.length + cc.length + deliveredTo.length > 0 ? { to, cc, deliveredTo } : undefined,
    },
    content: {
      kind: 'email',
      text: text.slice(0, MAX_TEXT),
      html: html && html.length <= MAX_HTML ? html : undefined,
      fullText: split.quoted !== undefined ? plain.trim().slice(0, MAX_FULL_TEXT) : undefined,
      attachments: ctx.attachments,
    },
    flags,
  };
}

/** Header text by lower-case name (first occurrence), folding undone, from the raw lines. */
function headerReader(mail: ParsedMail): (name: string) => string | undefined {
  return (name) => {
    const line = mail.headerLines.find((h) => h.key === name)?.line;
    if (line === undefined) return undefined;
    const colon = line.indexOf(':');
    return line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  };
}

function firstMailbox(mail: ParsedMail, header: string): Mailbox | undefined {
  return readAddressHeader(mail, header)?.mailboxes[0];
}

function addresses(field: AddressField | undefined): string[] {
  const list = (field?.mailboxes ?? []).map((m) => m.address.toLowerCase().slice(0, 320));
  return [...new Set(list)].slice(0, 500);
}

/** `<a@b>` → `a@b`; junk (no `@`, spaces, over-long) is ignored. */
function cleanId(value: string | undefined): string | undefined {
  return idList(value)[0];
}

function idList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = [...text.matchAll(/<([^<>\s]{1,990})>/g)].map((m) => m[1] as string);
  // Some clients omit the brackets around a lone id.
  if (ids.length === 0 && /^[^<>\s]+@[^<>\s]+$/.test(text.trim()) && text.trim().length <= 990)
    ids.push(text.trim());
  return [...new Set(ids.filter((id) => id.includes('@')))];
}

function htmlText(html: string): string {
  const text = htmlToText(html, {
    wordwrap: false,
    limits: { maxInputLength: MAX_TEXT * 2, maxDepth: 200 },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      // The customer's words as written: html-to-text upper-cases headings and table headers by default.
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
      { selector: 'table', options: { uppercaseHeaderCells: false } },
    ],
  });
  // Parts joined with a break between blocks leave runs of blank lines: one is enough.
  return text.replace(/\n{3,}/g, '\n\n');
}

function sentAt(date: Date | undefined, receivedAt: Date): Date {
  const t = date?.getTime();
  if (t === undefined || Number.isNaN(t) || t < EARLIEST_DATE || t > receivedAt.getTime() + 86_400_000)
    return receivedAt;
  return date as Date;
}
