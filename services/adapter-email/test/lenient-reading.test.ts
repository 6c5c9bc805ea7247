import { simpleParser } from 'mailparser';
import { readAddressHeader } from '../src/address-header';
import { decodeCharset, detectCharset, labelHolds } from '../src/charset-detect';
import { headerStart, repairHeaderLine, repairMime } from '../src/mime-repair';

/** Text in a legacy charset, as bytes (Node encodes none of them; written out once with Python). */
const BYTES: Record<string, string> = {
  'koi8-r:Вопрос': 'f7cfd0d2cfd3',
  'koi8-r:Счёт на оплату': 'f3dea3d420cec120cfd0ccc1d4d5',
  'iso-2022-jp:田中': '1b2442454443661b2842',
  'iso-2022-jp:これはテストメールです。お問い合わせありがとうございます。':
    '1b24422433246c244f2546253925482561213c256b244724392123242a4c6424243967246f243b2422246a242c24482426243424362424245e243921231b2842',
  'shift_jis:ツール': '8363815b838b',
  'shift_jis:ツール EXAMPLE': '8363815b838b204558414d504c45',
  'shift_jis:山田, 太郎': '8e5293632c2091be9859',
  'shift_jis:注文について': '928d95b682c982c282a282c4',
  'windows-1251:Здравствуйте! Заказ пришёл без инструкции, пришлите её, пожалуйста.':
    'c7e4f0e0e2f1f2e2f3e9f2e52120c7e0eae0e720eff0e8f8b8eb20e1e5e720e8edf1f2f0f3eaf6e8e82c20eff0e8f8ebe8f2e520e5b82c20efeee6e0ebf3e9f1f2e02e',
};

function enc(text: string, charset: string): Buffer {
  const hex = BYTES[`${charset}:${text}`];
  if (hex === undefined) throw new Error(`no bytes written out for ${charset}:${text}`);
  return Buffer.from(hex, 'hex');
}

describe('detectCharset', () => {
  it.each([
    ['valid UTF-8, no label', Buffer.from('Grüße'), undefined],
    ['ASCII, no label', Buffer.from('hello'), undefined],
    ['a single-byte label is trusted', enc('Вопрос', 'koi8-r'), 'windows-1251'],
    ['7-bit ISO-2022-JP under its own label', enc('田中', 'iso-2022-jp'), 'iso-2022-jp'],
  ])('%s: the label holds, nothing to detect', (_, bytes, label) => {
    expect(labelHolds(bytes, label)).toBe(true);
    expect(detectCharset(bytes, label, [])).toBeUndefined();
  });

  it('reads ISO-2022-JP escapes in a part that declares no charset (or UTF-8)', () => {
    const bytes = enc('これはテストメールです。お問い合わせありがとうございます。', 'iso-2022-jp');
    expect(detectCharset(bytes, undefined, [])).toBe('ISO-2022-JP');
    expect(detectCharset(bytes, 'utf-8', [])).toBe('ISO-2022-JP');
  });

  it('reads 8-bit bytes labelled ISO-2022-JP as the 8-bit Japanese encodings', () => {
    const bytes = enc('ツール EXAMPLE', 'shift_jis');
    const charset = detectCharset(bytes, 'ISO-2022-JP', []);
    expect(charset).toBe('CP932');
    expect(decodeCharset(bytes, charset as string)).toBe('ツール EXAMPLE');
  });

  it('reads undeclared 8-bit bytes that are valid UTF-8 as UTF-8, under a false US-ASCII label too', () => {
    expect(detectCharset(Buffer.from('Grüße'), 'us-ascii', [])).toBe('UTF-8');
  });

  it('prefers the charsets the message declares: a short KOI8-R subject that statistics read as windows-1251', () => {
    const bytes = enc('Счёт на оплату', 'koi8-r');
    expect(decodeCharset(bytes, detectCharset(bytes, undefined, []) as string)).not.toBe('Счёт на оплату');
    expect(decodeCharset(bytes, detectCharset(bytes, undefined, ['koi8-r']) as string)).toBe(
      'Счёт на оплату',
    );
  });

  it('reads a long undeclared windows-1251 text by statistics', () => {
    const text = 'Здравствуйте! Заказ пришёл без инструкции, пришлите её, пожалуйста.';
    const bytes = enc(text, 'windows-1251');
    expect(decodeCharset(bytes, detectCharset(bytes, undefined, []) as string)).toBe(text);
  });
});

describe('repairHeaderLine', () => {
  const utf8 = (binary: string | undefined) => Buffer.from(binary ?? '', 'binary').toString('utf8');

  it('decodes raw bytes in the charset the message declares', () => {
    const line = Buffer.concat([Buffer.from('Subject: '), enc('ツール', 'shift_jis')]).toString('binary');
    expect(utf8(repairHeaderLine(line, ['iso-2022-jp']))).toBe('Subject: ツール');
  });

  it('re-encodes a contradicted encoded word as UTF-8, kept an encoded word (a comma stays in the name)', () => {
    const word = `=?ISO-2022-JP?B?${enc('山田, 太郎', 'shift_jis').toString('base64')}?=`;
    const repaired = utf8(repairHeaderLine(`From: ${word} <taro@example.jp>`, []));
    expect(repaired).toMatch(/^From: =\?UTF-8\?B\?[^?]+\?= <taro@example\.jp>$/);
  });

  it('reads adjacent words of one charset together (a character split between them)', () => {
    const bytes = enc('注文について', 'shift_jis');
    const words = [bytes.subarray(0, 5), bytes.subarray(5)]
      .map((b) => `=?iso-2022-jp?B?${b.toString('base64')}?=`)
      .join(' ');
    const line = utf8(repairHeaderLine(`Subject: ${words}`, []));
    expect(line).toMatch(/^Subject: =\?UTF-8\?B\?[^?\s]+\?=$/);
  });

  it('leaves a line that needs nothing alone', () => {
    expect(repairHeaderLine('Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?=', [])).toBeUndefined();
    expect(repairHeaderLine(Buffer.from('Subject: Grüße').toString('binary'), [])).toBeUndefined();
  });
});

describe('headerStart', () => {
  it.each([
    ['From: a@example.com\r\nSubject: x\r\n\r\nbody', 0],
    ['From a@example.com Mon Mar 10 10:00:00 2025\nFrom: a@example.com\n\nbody', 0],
    [
      '==== relayed by MailGate 2.1 ====\r\nReturn-Path: <a@example.com>\r\nFrom: a@example.com\r\n\r\nbody',
      35,
    ],
    ['Forwarded by the gateway\n\nSubject: x\nFrom: a@example.com\n\nbody', 26],
    ['Hi, I need help.\nThanks: John\n', undefined],
    ['not a mail at all', undefined],
  ])('%j → %p', (raw, start) => {
    expect(headerStart(Buffer.from(raw))).toBe(start);
  });
});

describe('repairMime', () => {
  it('changes nothing in a well-formed message (the same bytes go to the parser)', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo\r\n--B--\r\n',
    );
    const repaired = await repairMime(raw);
    expect(repaired.raw).toBe(raw);
    expect(repaired.malformed).toEqual([]);
    expect(repaired.htmlBesideText).toBe(false);
  });

  it('reads a nested multipart whose boundary never occurs as the text it holds', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=OUT\r\n\r\n--OUT\r\nContent-Type: multipart/alternative; boundary=NEVER\r\n\r\nlost text\r\n--OUT\r\nContent-Type: text/plain\r\n\r\nsecond\r\n--OUT--\r\n',
    );
    const repaired = await repairMime(raw);
    expect(repaired.malformed).toEqual([
      'a multipart/alternative part has no parts: its boundary never occurs',
    ]);
    expect((await simpleParser(repaired.raw)).text).toBe('lost text\nsecond');
  });

  it('reads an HTML part without a MIME charset in the charset its <meta> names', async () => {
    const html = Buffer.concat([
      Buffer.from(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>',
      ),
      enc('Вопрос', 'koi8-r'),
      Buffer.from('</body></html>'),
    ]);
    const raw = Buffer.concat([Buffer.from('From: a@example.com\r\nContent-Type: text/html\r\n\r\n'), html]);
    expect((await simpleParser((await repairMime(raw)).raw)).html).toContain('<body>Вопрос</body>');
  });

  it('tells HTML parts beside text parts from a multipart/alternative', async () => {
    const part = (type: string, body: string) => `Content-Type: ${type}; charset=utf-8\r\n\r\n${body}\r\n`;
    const mixed = `From: a@example.com\r\nContent-Type: multipart/mixed; boundary=M\r\n\r\n--M\r\n${part('text/plain', 'text')}--M\r\n${part('text/html', '<b>sig</b>')}--M--\r\n`;
    const alternative = mixed.replace('multipart/mixed', 'multipart/alternative');
    expect((await repairMime(Buffer.from(mixed))).htmlBesideText).toBe(true);
    expect((await repairMime(Buffer.from(alternative))).htmlBesideText).toBe(false);
  });
});

describe('readAddressHeader', () => {
  const field = async (header: string, name = 'from') =>
    readAddressHeader(await simpleParser(Buffer.from(`${header}\r\nSubject: x\r\n\r\n`)), name);

  it.each([
    ['From: "Ann Lee" <Ann@Example.com>', [{ address: 'Ann@Example.com', name: 'Ann Lee' }]],
    ['From: ann@example.com (Ann Lee)', [{ address: 'ann@example.com', name: 'Ann Lee' }]],
    ['From: "Lee, Ann" <  ann@example.com  >', [{ address: 'ann@example.com', name: 'Lee, Ann' }]],
    ['From: =?utf-8?Q?J=C3=BCrgen?= <j@example.de>', [{ address: 'j@example.de', name: 'Jürgen' }]],
    ['From: user@xn--bcher-kva.example', [{ address: 'user@xn--bcher-kva.example', name: '' }]],
    ['From: k.günther@example.com', [{ address: 'k.günther@example.com', name: '' }]],
  ])('%s is read', async (header, mailboxes) => {
    expect(await field(header)).toMatchObject({ mailboxes, unreadable: false });
  });

  it.each([
    'From: "Old Friend" <sales team lead@example.com>',
    'From: Anna anna@example.com',
    'From: "Prize Office"@example.com>',
    'From: =?utf-8?Q?boss?=@example.org',
    'From: =?utf-8?Q?x?Q?boss?=@example.org',
    'From: nobody at all',
  ])('%s gives no mailbox', async (header) => {
    const f = await field(header);
    expect(f?.mailboxes).toEqual([]);
    expect(f?.unreadable).toBe(true);
    expect(f?.written).toBe(header.slice('From: '.length));
  });

  it('reads every To header, groups flattened, and an empty Return-Path as no one', async () => {
    const mail = await simpleParser(
      Buffer.from('To: team: a@example.com, b@example.com;\r\nTo: c@example.com\r\nReturn-Path: <>\r\n\r\n'),
    );
    expect(readAddressHeader(mail, 'to')?.mailboxes.map((m) => m.address)).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(readAddressHeader(mail, 'return-path')).toMatchObject({ mailboxes: [], unreadable: false });
    expect(readAddressHeader(mail, 'cc')).toBeUndefined();
  });
});
