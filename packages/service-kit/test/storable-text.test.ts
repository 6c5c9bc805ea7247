import { InboundMessage, type InboundMessageInput, messageId } from '@omni/contracts';
import { findUnstorableText, repairDeliveryText, repairInboundText } from '../src';

const message = (over: Partial<InboundMessageInput> = {}): InboundMessageInput => ({
  version: 1,
  id: messageId('telegram', 'bot', '1'),
  channel: 'telegram',
  account: 'bot',
  externalId: '1',
  sentAt: '2026-01-01T00:00:00.000Z',
  receivedAt: '2026-01-01T00:00:00.000Z',
  sender: { externalId: '42', displayName: 'Ann' },
  identities: [{ kind: 'telegram', value: '42', verified: true }],
  content: { kind: 'text', text: 'hello', attachments: [] },
  ...over,
});

describe('the one rule for text PostgreSQL cannot store', () => {
  it('finds NUL and lone surrogates, in values and keys, at any depth, without recursing', () => {
    expect(findUnstorableText({ a: ['ok', 'tab\tnl\ncr\r😀'] }, 'body')).toBeUndefined();
    expect(findUnstorableText({ a: [{ b: 'x\u0000' }] }, 'body')).toBe('body.a.0.b');
    expect(findUnstorableText({ a: 'lone \ud83d' }, 'body')).toBe('body.a');
    expect(findUnstorableText({ a: 'lone \ude00' }, 'body')).toBe('body.a');
    expect(findUnstorableText({ 'k\u0000': 1 }, 'body')).toBe('body.k\\u0000');
    // Other controls are storable: the API keeps its input as sent.
    expect(findUnstorableText('\u0001\u001b', 'q')).toBeUndefined();
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep, 'body')).toMatch(/^body(\.0)+$/);
  });

  it('repairs channel messages: controls and lone surrogates replaced, the fields recorded, the message valid', () => {
    const repaired = repairInboundText(
      message({
        sender: { externalId: '42', displayName: 'A\u0000nn\u001b' },
        content: { kind: 'text', text: 'keep\t\r\n, drop \u0007 and \udc00', attachments: [] },
      }),
    );
    expect(repaired.sender.displayName).toBe('A\ufffdnn\ufffd');
    expect(repaired.content.text).toBe('keep\t\r\n, drop \ufffd and \ufffd');
    expect(repaired.flags?.textRepaired).toEqual(['sender.displayName', 'content.text']);
    expect(InboundMessage.safeParse(repaired).success).toBe(true);
    expect(findUnstorableText(repaired, 'message')).toBeUndefined();
  });

  it('keeps ids that differed only in repaired characters distinct, the same original always the same', () => {
    const a = repairInboundText(
      message({
        externalId: 'm\u0000',
        identities: [{ kind: 'telegram', value: 'u\u0000', verified: true }],
      }),
    );
    const b = repairInboundText(
      message({
        externalId: 'm\u0001',
        identities: [{ kind: 'telegram', value: 'u\u0001', verified: true }],
      }),
    );
    const again = repairInboundText(message({ externalId: 'm\u0000' }));
    expect(a.externalId).not.toBe(b.externalId);
    expect(a.identities[0]?.value).not.toBe(b.identities[0]?.value);
    expect(a.externalId).toBe(again.externalId);
    expect(a.externalId).toMatch(/^m\ufffd#[0-9a-f]{12}$/);
    // The id was derived from the original already.
    expect(a.id).toBe(messageId('telegram', 'bot', '1'));
  });

  it('does not overflow the stack on a deep value a normalizer copied from a hostile payload', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const hostile = { ...message(), content: { kind: 'text', text: 'a\u0000', payload: deep } };
    expect(() => repairInboundText(hostile as unknown as InboundMessageInput)).not.toThrow();
  });

  it('repairs delivery reports too: the error text a platform sends, the ids it names', () => {
    const report = {
      messageId: messageId('whatsapp', 'wa', 'x'),
      externalId: 'wamid.\u0000',
      error: { code: 'x', message: 'bad \u0000 thing \ud800', retriable: false },
    };
    const repaired = repairDeliveryText(report);
    expect(repaired.error.message).toBe('bad \ufffd thing \ufffd');
    expect(repaired.externalId).toMatch(/^wamid\.\ufffd#[0-9a-f]{12}$/);
    expect(findUnstorableText(repaired, 'report')).toBeUndefined();
    const clean = { ...report, externalId: 'wamid.1', error: undefined };
    expect(repairDeliveryText(clean)).toBe(clean);
  });

  it('finds what to repair anywhere a copy would, and only there', () => {
    // Checked before copying: a control only deep inside an attachment is still found and repaired…
    const nested = {
      ...message(),
      content: {
        kind: 'file',
        text: 'ok',
        attachments: [{ name: 'a\u0007.pdf', mimeType: 'application/pdf', size: 1 }],
      },
    };
    const repaired = repairInboundText(nested as unknown as InboundMessageInput) as unknown as typeof nested;
    expect(repaired.content.attachments[0]?.name).toBe('a\ufffd.pdf');
    expect((repaired as unknown as InboundMessageInput).flags?.textRepaired).toEqual([
      'content.attachments.0.name',
    ]);
    // …while one below the depth a repair visits leaves the message as it was, as before.
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const tooDeep = { ...message(), content: { kind: 'text', text: 'fine', payload: deep } };
    expect(repairInboundText(tooDeep as unknown as InboundMessageInput)).toBe(tooDeep);
  });

  it('leaves a clean message untouched', () => {
    const clean = message();
    expect(repairInboundText(clean)).toBe(clean);
  });
});
