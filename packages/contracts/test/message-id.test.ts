import fc from 'fast-check';
import { InboundMessage, messageId } from '../src';

describe('the deterministic message id', () => {
  it('is a UUIDv5 that depends on channel, account and external id only', () => {
    const id = messageId('telegram', 'support-bot', '42:1001');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(messageId('telegram', 'support-bot', '42:1001')).toBe(id);
    expect(messageId('telegram', 'other-bot', '42:1001')).not.toBe(id);
    expect(messageId('viber', 'support-bot', '42:1001')).not.toBe(id);
  });

  it('keeps the ids already stored: the same bytes in, the same id out', () => {
    // Ids are in every database already: a change of how they are computed would double messages.
    expect(messageId('telegram', 'bot', '42')).toBe('df0bba88-b2b9-5b80-89b6-216cb1cb3e2f');
  });

  it('never collides for different (account, externalId) pairs, even when their concatenations match', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (a1, e1, a2, e2) => {
          fc.pre(a1 !== a2 || e1 !== e2);
          expect(messageId('email', a1, e1)).not.toBe(messageId('email', a2, e2));
        },
      ),
      { numRuns: 200 },
    );
    expect(messageId('email', 'ab', 'c')).not.toBe(messageId('email', 'a', 'bc'));
  });
});

describe('InboundMessage', () => {
  it('fills defaults and rejects what is not a message', () => {
    const parsed = InboundMessage.parse({
      version: 1,
      id: messageId('webform', 'default', 'x'),
      channel: 'webform',
      account: 'default',
      externalId: 'x',
      sentAt: '2026-11-22T10:00:00.000Z',
      receivedAt: '2026-11-22T10:00:01+03:00',
      sender: { externalId: 'a@example.com' },
      identities: [],
      content: { kind: 'form', text: 'hi' },
    });
    expect(parsed).toMatchObject({
      direction: 'inbound',
      thread: {},
      flags: {},
      content: { attachments: [] },
    });
    expect(InboundMessage.safeParse({ ...parsed, channel: 'fax' }).success).toBe(false);
    expect(InboundMessage.safeParse({ ...parsed, account: '../etc' }).success).toBe(false);
  });
});
