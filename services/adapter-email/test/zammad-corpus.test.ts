import { type InboundMessage, InboundMessage as InboundSchema } from '@omni/contracts';
import { MemoryBlobStore } from './memory-blob-store';
import {
  compareWithPeer,
  describeWithCorpus,
  FIELDS,
  type Field,
  readCorpus,
  readCorpusMail,
} from './zammad-corpus';

/**
 * Every differing field the comparison accepts, each for one reason: a convention we hold on
 * purpose, or Zammad's own misreading. Any other difference fails, and so does an entry here
 * that no longer differs (the list cannot go stale).
 */
const ACCEPTED: ReadonlyArray<readonly [name: string, field: Field, reason: string]> = [
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
  ['mail071', 'from_email', '<power quadrant system@example.com>: spaces inside the angle brackets'],
  ['mail071', 'from_display_name', 'the unreadable From as written, address included'],
  ['mail076', 'from_email', '"Millions Lottery Spain transfer"@example.com>: a stray bracket'],
  ['mail076', 'from_display_name', 'the unreadable From as written'],
  ['mail087', 'from_email', '"Test test@example.com": a name and an address without angle brackets'],
  ['mail117', 'from_email', 'an encoded word in the address part (RFC 2047 §5 keeps them out)'],
  ['mail117', 'from_display_name', 'the unreadable From as written, its encoded word not decoded'],
  ['mail118', 'from_email', 'an encoded word in the address part: decoded it would claim agent@example.com'],
  ['mail118', 'from_display_name', 'the unreadable From as written, its encoded word not decoded'],
  // Zammad's own misreading.
  [
    'mail065',
    'from_display_name',
    'the encoded word holds a comma (Bürling, Andreas); Zammad splits the name at it',
  ],
];

const accepted = new Map(ACCEPTED.map(([name, field, reason]) => [`${name}:${field}`, reason]));

describeWithCorpus("the peer corpus (Zammad's mail-parser fixtures)", () => {
  const pairs = readCorpus();
  const read = new Map<string, Promise<InboundMessage>>();
  const message = (name: string) => {
    const pair = pairs.find((p) => p.name === name);
    if (!pair) throw new Error(`${name} is not in the corpus`);
    if (!read.has(name)) read.set(name, readCorpusMail(pair.raw));
    return read.get(name) as Promise<InboundMessage>;
  };

  it('holds all 46 pairs, and every accepted difference names one of them and a compared field', () => {
    expect(pairs).toHaveLength(46);
    for (const [name, field] of ACCEPTED) {
      expect(pairs.map((p) => p.name)).toContain(name);
      expect(FIELDS).toContain(field);
    }
    expect(accepted.size).toBe(ACCEPTED.length);
  });

  it.each(pairs.map((p) => [p.name, p] as const))(
    '%s: every compared field matches, except the accepted conventions',
    async (name, pair) => {
      const m = await message(name);
      const results = compareWithPeer(name, pair.expected, m);
      const unexpected = results.filter((r) => !r.match && !accepted.has(`${name}:${r.field}`));
      const stale = results.filter((r) => r.match && accepted.has(`${name}:${r.field}`));
      expect(unexpected).toEqual([]);
      expect(stale).toEqual([]);
      const listed = ACCEPTED.filter(([n]) => n === name).map(([, f]) => f);
      expect(listed.every((f) => results.some((r) => r.field === f))).toBe(true);
    },
  );

  describe('mislabelled and undeclared charsets', () => {
    it('mail093: a raw Shift_JIS subject and an ISO-2022-JP encoded word holding Shift_JIS', async () => {
      const m = await message('mail093');
      expect(m.thread.subject).toBe('ツール');
      expect(m.sender.displayName).toBe('ツール EXAMPLE');
      expect(m.thread.recipients?.to).toEqual(['foo@example.com']);
      expect(m.flags.malformed).toBeUndefined();
    });

    it('mail116: a text/plain body without a charset, in ISO-2022-JP', async () => {
      const m = await message('mail116');
      expect(m.content.text).toBe('これはテストメールです。\nお問い合わせありがとうございます。\n\n田中');
    });
  });

  describe('addresses that cannot be read give no identity', () => {
    it.each([
      ['mail071', '"your secret past" <power quadrant system@example.com>'],
      ['mail076', '"Millions Lottery Spain transfer"@example.com>'],
      ['mail087', 'Test test@example.com'],
      ['mail117', '=?utf-8?Q?attacker?Q?agent?=@victim.example'],
      ['mail118', '=?utf-8?Q?agent?=@example.com'],
    ])('%s: %s', async (name, written) => {
      const m = await message(name);
      // No identity, no address to reply to: the From is only shown, as written.
      expect(m.identities).toEqual([]);
      expect(m.sender).toEqual({ externalId: 'unknown-sender@invalid', displayName: written });
      expect(m.flags.malformed).toBe(true);
    });

    it('mail058: a From of two mailboxes (an unquoted comma) still gives the first, written whole', async () => {
      const m = await message('mail058');
      expect(m.identities).toEqual([
        { kind: 'email', value: 'bob@example.com', verified: true },
        { kind: 'email', value: 'zsm@example.com', verified: false },
      ]);
    });
  });

  it('mail105: a multipart whose boundary never occurs keeps its content as text, flagged, raw kept', async () => {
    const pair = pairs.find((p) => p.name === 'mail105');
    const blobs = new MemoryBlobStore();
    const m = await readCorpusMail(pair?.raw ?? Buffer.alloc(0), blobs);
    expect(m.content.text).toBe(
      'äöüß ad asd\n\n-Martin\n\n--\nOld programmers never die. They just branch to a new address.',
    );
    expect(m.flags.malformed).toBe(true);
    expect(await blobs.get(m.rawRef ?? '')).toEqual(pair?.raw);
  });

  it('mail068: headers below a first line that is not a header are found', async () => {
    const m = await message('mail068');
    expect(m.sender.externalId).toBe('xxxxx@xxxxx.cz');
    expect(m.thread.subject).toBe('Contact from Server');
    expect(m.content.text).toContain('Po zavolání uvádí, že garáž není jeho');
    expect(m.flags.malformed).toBe(true);
    expect(m.rawRef).toBeDefined();
  });

  describe('HTML', () => {
    it.each([
      ['mail110', 'This is the text part\n\nThis is the html part (signature)'],
      ['mail111', 'This is the html message\n\nThis is the text signature part'],
      [
        'mail112',
        'This is the html message part\n\nThis is the text part\n\nThis is the html part (signature)',
      ],
    ])(
      '%s: text and HTML parts side by side are all in the HTML, and in the text as written',
      async (name, text) => {
        const m = await message(name);
        expect(m.content.text).toBe(text);
        for (const line of text.split('\n\n')) expect(m.content.html).toContain(line);
      },
    );

    it('mail026: the <title> is not part of the body', async () => {
      const m = await message('mail026');
      expect(m.thread.subject).toBe('Ihre Rechnung als PDF-Dokument');
      expect(m.content.html).not.toContain('Ihre Rechnung als PDF-Dokument');
    });
  });

  it('reads every message into a valid InboundMessage', async () => {
    for (const p of pairs) expect(InboundSchema.safeParse(await message(p.name)).success).toBe(true);
  });
});
