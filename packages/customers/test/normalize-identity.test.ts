import { normalizeEmail, normalizeIdentity, normalizePhone } from '../src';

const ctx = { defaultPhoneRegion: 'RU', account: 'page-1' };

describe('normalizeIdentity', () => {
  it('lower-cases an email and strips the display name', () => {
    expect(normalizeEmail('"Ann Lee" <Ann.Lee@Example.COM>')).toBe('ann.lee@example.com');
    expect(normalizeEmail('  BOB@example.com ')).toBe('bob@example.com');
    expect(normalizeEmail('not an address')).toBeUndefined();
  });

  it('writes phones as E.164 with the default region', () => {
    expect(normalizePhone('8 (912) 345-67-89', 'RU')).toBe('+79123456789');
    expect(normalizePhone('+7 912 345 67 89', 'RU')).toBe('+79123456789');
    expect(normalizePhone('030 1234567', 'DE')).toBe('+49301234567');
    expect(normalizePhone('12', 'RU')).toBeUndefined();
  });

  it('scopes Facebook ids by page and keeps the verified flag and the raw value', () => {
    expect(normalizeIdentity({ kind: 'facebook', value: '12345', verified: true }, ctx)).toEqual({
      kind: 'facebook',
      value: 'page-1:12345',
      raw: '12345',
      verified: true,
    });
    expect(
      normalizeIdentity({ kind: 'phone', value: '8 912 345 67 89', verified: false }, ctx),
    ).toMatchObject({ value: '+79123456789', verified: false });
  });
});
