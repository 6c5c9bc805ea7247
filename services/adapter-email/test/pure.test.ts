import { fitForBus, serializedSize } from '../src/fit-for-bus';
import { loopFlags } from '../src/loop-safety';
import { splitReply } from '../src/quote-split';
import { normalizeSubject, replySubject } from '../src/subject';

describe('normalizeSubject', () => {
  it.each([
    ['Re: Broken charger', 'Broken charger', undefined, false],
    ['RE: AW: Fwd: Broken charger', 'Broken charger', undefined, false],
    ['Ответ: Отв: Доставка [#512]', 'Доставка', 512, false],
    ['Re[2]: Re(3): SV: VS: Antw: hello', 'hello', undefined, false],
    ['WG: Rechnung', 'Rechnung', undefined, true],
    ['Пересл: Счёт', 'Счёт', undefined, true],
    ['[#7] Re: question', 'question', 7, false],
    ['Re:', '', undefined, false],
    ['Recipe for pancakes', 'Recipe for pancakes', undefined, false],
    ['  Re:   spaced\n  out  ', 'spaced out', undefined, false],
  ])('%j', (raw, subject, token, forwarded) => {
    const n = normalizeSubject(raw);
    expect(n.subject).toBe(subject);
    expect(n.ticketToken).toBe(token);
    expect(n.forwarded).toBe(forwarded);
  });

  it('builds our reply subject with the ticket token once', () => {
    expect(replySubject('Re: Broken charger [#42]', 42)).toBe('Re: Broken charger [#42]');
    expect(replySubject('Доставка', 9)).toBe('Re: Доставка [#9]');
    expect(replySubject(undefined, 3)).toBe('Re: [#3]');
  });
});

describe('splitReply', () => {
  it('keeps a bottom-posted reply whole (nothing above the quote)', () => {
    const text = '> you asked\n> something\n\nMy answer below the quote.';
    expect(splitReply(text)).toEqual({ reply: text });
  });

  it('cuts at a German attribution and at a trailing > block', () => {
    expect(splitReply('Danke!\n\nAm 10.03.2025 um 10:00 schrieb Support <s@x.de>:\n> Hallo')).toEqual({
      reply: 'Danke!',
      quoted: 'Am 10.03.2025 um 10:00 schrieb Support <s@x.de>:\n> Hallo',
    });
    expect(splitReply('Fine.\n> old\n> older\n')).toEqual({ reply: 'Fine.', quoted: '> old\n> older' });
  });

  it('does not cut a forwarded message', () => {
    const text = 'FYI\n\n---------- Forwarded message ---------\nFrom: A <a@b.c>\nDate: today\n\nbody';
    expect(splitReply(text).quoted).toBeUndefined();
  });
});

describe('loopFlags', () => {
  const ctx = { ownAddresses: new Set(['support@example.com']), ownMessageIdDomain: 'example.com' };
  const flags = (
    headers: Record<string, string>,
    from = 'someone@example.net',
    messageId?: string,
    contentType = 'text/plain',
  ) => loopFlags({ header: (n) => headers[n], fromAddress: from, messageId, contentType }, ctx);

  it('flags automatic mail and leaves ordinary mail alone', () => {
    expect(flags({})).toEqual({});
    expect(flags({ 'auto-submitted': 'no' })).toEqual({});
    expect(flags({ 'auto-submitted': 'auto-generated' })).toEqual({ autoReply: true });
    expect(flags({ 'x-autorespond': 'yes' })).toEqual({ autoReply: true });
    expect(flags({ precedence: 'auto_reply' })).toEqual({ autoReply: true });
    expect(flags({ precedence: 'junk' })).toEqual({ list: true });
    expect(flags({ 'x-loop': 'support@example.com' })).toEqual({ autoReply: true });
    expect(flags({}, 'MAILER-DAEMON@mx.example.net')).toEqual({ autoReply: true, bounce: true });
    expect(
      flags({}, 'x@y.z', undefined, 'multipart/report; report-type=delivery-status; boundary="b"'),
    ).toEqual({ autoReply: true, bounce: true });
    expect(flags({}, 'donotreply@bank.example')).toEqual({ autoReply: true });
  });

  it('recognises our own mail by address or by our Message-ID pattern, not by the domain alone', () => {
    expect(flags({}, 'Support@Example.com')).toEqual({ ownMessage: true });
    expect(flags({}, 'x@y.z', 'omni.0f6a5d3e-8a0e-4c2b-9d55-7b3e2f1a9c01@example.com')).toEqual({
      ownMessage: true,
    });
    expect(flags({}, 'colleague@example.com', 'CAF123@example.com')).toEqual({});
  });
});

describe('fitForBus', () => {
  const base = {
    version: 1 as const,
    id: '3f6d1c2e-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
    channel: 'email' as const,
    account: 'support',
    externalId: 'big@example.net',
    sentAt: '2025-03-10T10:00:00.000Z',
    receivedAt: '2025-03-10T10:00:00.000Z',
    sender: { externalId: 'a@example.net' },
    identities: [],
  };

  it('leaves a message that fits alone, and shrinks HTML, then quoted history, then text', () => {
    const small = { ...base, content: { kind: 'email' as const, text: 'hi', attachments: [] } };
    expect(fitForBus(small, 10_000)).toBe(small);
    const big = {
      ...base,
      content: {
        kind: 'email' as const,
        text: 'Привет '.repeat(2000),
        html: `<p>${'x'.repeat(50_000)}</p>`,
        fullText: 'y'.repeat(50_000),
        attachments: [],
      },
    };
    const withoutHtml = fitForBus(big, 90_000);
    expect(withoutHtml.content.html).toBeUndefined();
    expect(withoutHtml.content.fullText === big.content.fullText).toBe(true);
    const cut = fitForBus(big, 8_000);
    expect(serializedSize(cut)).toBeLessThanOrEqual(8_000);
    expect(cut.content.fullText).toBeUndefined();
    expect(cut.content.text).toMatch(
      /^Привет Привет [\s\S]*\[…\] \(truncated: the full message is kept as rawRef\)$/,
    );
    expect(cut.content.text).not.toContain('\uFFFD');
  });
});
