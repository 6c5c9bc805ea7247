import { signRatingToken, verifyRatingToken } from '../src/csat-link';

describe('rating tokens', () => {
  it('refuses a token altered only in the unused bits of its last character', () => {
    // 32 signature bytes are 43 base64url characters carrying 258 bits: Node's decoder
    // ignores the last 2, so such a twin decoded to the same bytes and verified.
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const now = new Date('2026-12-05T00:00:00Z');
    const token = signRatingToken(
      '6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6',
      new Date('2026-12-19T00:00:00Z'),
      'csat-secret',
    );
    expect(verifyRatingToken(token, 'csat-secret', now).valid).toBe(true);
    const last = token.at(-1) as string;
    const twin = token.slice(0, -1) + ALPHABET[ALPHABET.indexOf(last) ^ 1];
    expect(verifyRatingToken(twin, 'csat-secret', now)).toEqual({ valid: false, reason: 'malformed' });
  });
});
