import libmime from 'libmime';
import { type EmailAddress, type ParsedMail, parseAddressHeader } from 'mailparser';

export interface Mailbox {
  /** As the header wrote it (no encoded word decoded, no punycode turned into Unicode). */
  address: string;
  /** Display name, encoded words decoded. */
  name: string;
}

export interface AddressField {
  /** The mailboxes whose address the header writes whole, in order. */
  mailboxes: Mailbox[];
  /** The header has text but not one address that can be read from it. */
  unreadable: boolean;
  /**
   * The header's value as written, what to show when it is unreadable; its encoded words are
   * left as they are, so that one cannot show an address the header does not write.
   */
  written: string;
}

/** Headers that name one party: the first occurrence counts, as for the parser and mail clients. */
const SINGLE = new Set(['from', 'sender', 'reply-to', 'return-path']);

/**
 * An address header read so that it never yields an address it does not write. mailparser's
 * address parser is lenient: `"Old Friend" <sales team lead@example.com>` gives the address
 * `lead@example.com`, `Anna anna@example.com` gives `anna@example.com`, and an encoded word
 * in the address part is decoded into another address. An address is taken here only when it
 * is one well-formed `local@domain` that stands whole in the header — inside angle brackets,
 * or alone between separators (comments aside) — so that a mailbox nobody can read never
 * becomes someone's identity.
 */
export function readAddressHeader(mail: ParsedMail, name: string): AddressField | undefined {
  const lines = mail.headerLines.filter((h) => h.key === name);
  if (lines.length === 0) return undefined;
  const values = (SINGLE.has(name) ? lines.slice(0, 1) : lines).map((h) =>
    // mailsplit keeps header lines as binary strings; their bytes are UTF-8 once repaired.
    Buffer.from(libmime.decodeHeader(h.line).value, 'binary').toString('utf8'),
  );
  const mailboxes = values.flatMap((value) =>
    flatten(parseAddressHeader(value, { decodePunycode: false }).value)
      .filter((a) => a.address !== undefined && isAddrSpec(a.address) && writtenWhole(a.address, value))
      .map((a) => ({ address: (a.address as string).trim(), name: a.name.trim() })),
  );
  const written = values.join(', ').replace(/\s+/g, ' ').trim();
  return { mailboxes, unreadable: mailboxes.length === 0 && written !== '' && written !== '<>', written };
}

function flatten(list: EmailAddress[]): EmailAddress[] {
  return list.flatMap((a) => [a, ...flatten(a.group ?? [])]);
}

/** One `local@domain` (or `local@[literal]`): no space, no address syntax, no encoded word. */
const ADDR_SPEC = /^[^\s@<>()[\]\\,;:"]+@(?:[^\s@<>()[\]\\,;:"]+|\[[^[\]\\\s]*\])$/;
/** RFC 2047 §5 keeps encoded words out of addresses: one there is a disguise, not a mailbox. */
const ENCODED_WORD = /=\?[^?]*\?[bq]\?/i;

function isAddrSpec(address: string): boolean {
  return ADDR_SPEC.test(address.trim()) && !ENCODED_WORD.test(address);
}

const COMMENTS = String.raw`(?:\([^()]*\)\s*)*`;

function writtenWhole(address: string, value: string): boolean {
  const trimmed = address.trim();
  // The usual form, `Name <local@domain>`, found without compiling two patterns per address
  // (they were the email adapter's costliest function of its own).
  if (value.includes(`<${trimmed}>`)) return true;
  const a = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    new RegExp(`<\\s*${a}\\s*>`).test(value) ||
    new RegExp(`(?:^|[,;:])\\s*${COMMENTS}${a}\\s*${COMMENTS}(?=$|[,;])`).test(value)
  );
}
