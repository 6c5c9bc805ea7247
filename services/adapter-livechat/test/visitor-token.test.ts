import { createHmac } from 'node:crypto';
import { readConversationLink, signConversationLink } from '@omni/customers';
import fc from 'fast-check';
import {
  normalizeVisitorMessage,
  readVisitorToken,
  signVisitorToken,
  userHashMatches,
  visitorMessageId,
} from '../src';

const KEY = 'a-token-key-of-the-account';

describe('visitor tokens', () => {
  it('reads back what was signed, and nothing that was altered or signed with another key', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
        fc.string({ minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.nat(),
        (account, visitor, version, flip) => {
          const token = signVisitorToken({ account, visitor, version }, KEY);
          expect(readVisitorToken(token, KEY)).toEqual({ account, visitor, version });
          expect(readVisitorToken(token, 'another-key-entirely')).toBeNull();
          const i = flip % token.length;
          const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
          if (altered !== token)
            expect(readVisitorToken(altered, KEY)).not.toEqual({ account, visitor, version });
        },
      ),
    );
  });

  it('refuses a token or a conversation link altered only in the unused bits of a last character', () => {
    // base64url of 32 bytes is 43 characters carrying 258 bits: the last 2 are unused, and
    // Node's decoder ignores them, so such a twin decoded to the same bytes and verified.
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = (token: string) => {
      const last = token.at(-1) as string;
      return token.slice(0, -1) + ALPHABET[ALPHABET.indexOf(last) ^ 1];
    };
    const now = new Date('2026-12-05T00:00:00Z');
    const visitorToken = signVisitorToken({ account: 'shop', visitor: 'a-1', version: 1 }, KEY);
    expect(readVisitorToken(visitorToken, KEY)).not.toBeNull();
    expect(readVisitorToken(twin(visitorToken), KEY)).toBeNull();
    const expiresAt = new Date('2026-12-19T00:00:00Z');
    const link = signConversationLink({ account: 'shop', visitor: 'a-1', version: 1, expiresAt }, KEY);
    expect(readConversationLink(link, KEY, now)).not.toBeNull();
    expect(readConversationLink(twin(link), KEY, now)).toBeNull();
  });

  it('fits a WebSocket subprotocol token (the widget authenticates its socket so)', () => {
    const token = signVisitorToken({ account: 'shop', visitor: 'u-ünïcode user', version: 3 }, KEY);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('checks userHash as hex HMAC-SHA256 of the user id, and never without a secret', () => {
    const hash = createHmac('sha256', 'site-secret-0123456789').update('user-7').digest('hex');
    expect(userHashMatches('user-7', hash, 'site-secret-0123456789')).toBe(true);
    expect(userHashMatches('user-8', hash, 'site-secret-0123456789')).toBe(false);
    expect(userHashMatches('user-7', hash, undefined)).toBe(false);
    expect(userHashMatches('user-7', undefined, 'site-secret-0123456789')).toBe(false);
  });
});

describe('normalizeVisitorMessage', () => {
  const ctx = { receivedAt: new Date('2026-03-01T10:00:00Z'), topics: [{ id: 'billing', label: 'Billing' }] };
  const anonymous = {
    account: 'shop',
    key: 'a-1f',
    verified: false,
    profile: { name: 'Ann', email: 'ann@example.com', topic: 'billing' },
  };

  it('claims what an anonymous visitor typed without vouching for it', () => {
    const m = normalizeVisitorMessage(anonymous, { text: 'Hi', clientMessageId: 'c-1' }, ctx);
    expect(m.identities).toEqual([
      { kind: 'livechat', value: 'a-1f', verified: false },
      { kind: 'email', value: 'ann@example.com', verified: false },
    ]);
    expect(m).toMatchObject({
      channel: 'livechat',
      sender: { externalId: 'a-1f', displayName: 'Ann' },
      topic: { id: 'billing', label: 'Billing' },
      content: { kind: 'text', text: 'Hi' },
    });
    expect(m.id).toBe(visitorMessageId(anonymous, 'c-1'));
  });

  it('vouches for a user the site signed, and their contacts', () => {
    const m = normalizeVisitorMessage(
      { ...anonymous, key: 'u-42', verified: true },
      { text: 'Hi', clientMessageId: 'c-1' },
      ctx,
    );
    expect(m.identities.every((i) => i.verified)).toBe(true);
  });

  it('gives the same clientMessageId the same id, and another visitor’s another', () => {
    const a = visitorMessageId(anonymous, 'c-1');
    expect(visitorMessageId(anonymous, 'c-1')).toBe(a);
    expect(visitorMessageId({ ...anonymous, key: 'a-2e' }, 'c-1')).not.toBe(a);
  });
});
