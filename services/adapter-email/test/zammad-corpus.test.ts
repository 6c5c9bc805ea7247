import { type InboundMessage, InboundMessage as InboundSchema } from '@omni/contracts';
import { MemoryBlobStore } from './memory-blob-store';
import {
  type CorpusPair,
  compareWithPeer,
  describeWithCorpus,
  FIELDS,
  readCorpus,
  readCorpusMail,
  readerText,
} from './zammad-corpus';
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

  // Expected values come from the pair itself (its .yml, or a header of its .box): no part of
  // the corpus is written into this repository.
  const pair = (name: string) => pairs.find((p) => p.name === name) as CorpusPair;
  const header = (name: string, field: string) =>
    new RegExp(`^${field}:[ \\t]*(.*)$`, 'im').exec(pair(name).raw.toString('utf8'))?.[1]?.trim();

  describe('mislabelled and undeclared charsets', () => {
    it('mail093: a raw Shift_JIS subject and an ISO-2022-JP encoded word holding Shift_JIS', async () => {
      const m = await message('mail093');
      expect(m.thread.subject).toBe(pair('mail093').expected.subject);
      expect(m.sender.displayName).toBe(pair('mail093').expected.from_display_name);
      expect(m.thread.recipients?.to).toHaveLength(1);
      expect(m.flags.malformed).toBeUndefined();
    });

    it('mail116: a text/plain body without a charset, in ISO-2022-JP', async () => {
      const m = await message('mail116');
      expect(m.content.text).toBe(pair('mail116').expected.body?.trim());
      expect(m.content.text).not.toContain('\u001b');
    });
  });

  describe('addresses that cannot be read give no identity', () => {
    it.each(['mail071', 'mail076', 'mail087', 'mail117', 'mail118'])('%s', async (name) => {
      const m = await message(name);
      // No identity, no address to reply to: the From is only shown, as written.
      expect(m.identities).toEqual([]);
      expect(m.sender).toEqual({ externalId: 'unknown-sender@invalid', displayName: header(name, 'From') });
      expect(m.flags.malformed).toBe(true);
    });

    it('mail058: a From of two mailboxes (an unquoted comma) still gives the first, written whole', async () => {
      const m = await message('mail058');
      expect(m.identities).toEqual([
        { kind: 'email', value: pair('mail058').expected.from_email, verified: true },
        { kind: 'email', value: header('mail058', 'Reply-To'), verified: false },
      ]);
    });
  });

  it('mail105: a multipart whose boundary never occurs keeps its content as text, flagged, raw kept', async () => {
    const blobs = new MemoryBlobStore();
    const m = await readCorpusMail(pair('mail105').raw, blobs);
    // Zammad keeps the same content as an attachment (its bytes, in the .yml, are ISO-8859-1).
    const data = pair('mail105').expected.attachments?.[0] as { data: string };
    const content = Buffer.from(data.data, 'base64').toString('latin1').replace(/\r\n/g, '\n').trim();
    expect(m.content.text).toBe(content);
    expect(m.flags.malformed).toBe(true);
    expect(await blobs.get(m.rawRef ?? '')).toEqual(pair('mail105').raw);
  });

  it('mail068: headers below a first line that is not a header are found', async () => {
    const m = await message('mail068');
    expect(m.sender.externalId).toBe(pair('mail068').expected.from_email);
    expect(m.thread.subject).toBe(pair('mail068').expected.subject);
    expect(m.flags.malformed).toBe(true);
    expect(m.rawRef).toBeDefined();
  });

  describe('HTML', () => {
    it.each(['mail110', 'mail111', 'mail112'])(
      '%s: text and HTML parts side by side are all in the HTML, and in the text as written',
      async (name) => {
        const m = await message(name);
        const lines = readerText(pair(name).expected.body ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        expect(lines.length).toBeGreaterThan(1);
        expect(m.content.text.split('\n').filter(Boolean)).toEqual(lines);
        for (const line of lines) expect(m.content.html).toContain(line);
      },
    );

    it('mail026: the <title> is not part of the body', async () => {
      const m = await message('mail026');
      const subject = pair('mail026').expected.subject as string;
      expect(m.thread.subject).toBe(subject);
      expect(header('mail026', 'Subject')).toBe(subject);
      expect(pair('mail026').raw.toString('latin1')).toContain(`<title>${subject}</title>`);
      expect(m.content.html).not.toContain(subject);
    });
  });

  it('reads every message into a valid InboundMessage', async () => {
    for (const p of pairs) expect(InboundSchema.safeParse(await message(p.name)).success).toBe(true);
  });
});
