import type { Field } from './zammad-corpus';

/**
 * Every differing field the comparison accepts, each for one reason: a convention we hold on
 * purpose, or Zammad's own misreading. Any other difference fails, and so does an entry here
 * that no longer differs (the list cannot go stale).
 */
export const ACCEPTED: ReadonlyArray<readonly [name: string, field: Field, reason: string]> = [
  // Conventions.
  [
    'mail027',
    'content_type',
    'an HTML part stays HTML though it shows only a blocked image; Zammad falls back to text',
  ],
  ['mail078', 'body', 'a delivery-status part is read into the text (why it bounced); Zammad attaches it'],
  ['mail078', 'attachment_count', 'the delivery-status part is text here, not an attachment'],
  [
    'mail078',
    'attachment_names',
    'same; and an attached message without a file name is part-N.eml, not its subject',
  ],
  ['mail085', 'subject', '`Re:` is removed from the message subject (thread.subject)'],
  [
    'mail087',
    'body',
    'a part without Content-Type is text/plain (RFC 2045 §5.2), so it is the body; Zammad attaches it',
  ],
  ['mail087', 'attachment_count', 'same part: text here, an attachment named "file" there'],
  ['mail087', 'attachment_names', 'same part'],
  [
    'mail105',
    'body',
    'a multipart whose boundary never occurs is kept as the text it is; Zammad attaches it as "file"',
  ],
  ['mail105', 'attachment_count', 'same: the text is the body here'],
  ['mail105', 'attachment_names', 'same'],
  [
    'mail071',
    'attachment_count',
    'its multipart holds nothing at all; Zammad lists an empty part named "file"',
  ],
  ['mail071', 'attachment_names', 'same'],
  // An address that cannot be read gives no identity and is shown as written (Zammad keeps it as an address).
  ['mail071', 'from_email', 'spaces inside the angle brackets'],
  ['mail071', 'from_display_name', 'the unreadable From as written, address included'],
  ['mail076', 'from_email', 'a quoted phrase glued to @domain, and a stray closing bracket'],
  ['mail076', 'from_display_name', 'the unreadable From as written'],
  ['mail087', 'from_email', 'a name and an address with no angle brackets around the address'],
  ['mail117', 'from_email', 'an encoded word in the address part (RFC 2047 §5 keeps them out)'],
  ['mail117', 'from_display_name', 'the unreadable From as written, its encoded word not decoded'],
  ['mail118', 'from_email', 'an encoded word in the address part: decoded, it would claim another address'],
  ['mail118', 'from_display_name', 'the unreadable From as written, its encoded word not decoded'],
  // Zammad's own misreading.
  [
    'mail065',
    'from_display_name',
    'the encoded word holds a comma; Zammad splits the name at it and keeps a broken tail',
  ],
];

/** `name:field` → reason. */
export const accepted: ReadonlyMap<string, string> = new Map(
  ACCEPTED.map(([name, field, reason]) => [`${name}:${field}`, reason]),
);
