import { type InboundMessage, InboundMessage as InboundSchema } from '@omni/contracts';
import { MemoryBlobStore } from './memory-blob-store';
import { compareWithPeer, describeWithCorpus, FIELDS, readCorpus, readCorpusMail } from './zammad-corpus';
import { ACCEPTED, accepted } from './zammad-corpus.accepted';

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
