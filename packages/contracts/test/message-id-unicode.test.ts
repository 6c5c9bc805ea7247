import { deterministicId, messageId } from '../src';

describe('deterministic ids of hostile strings', () => {
  it('a lone surrogate in a platform id gives an id instead of throwing', () => {
    expect(messageId('webform', 'site', '\ud800')).toMatch(/^[0-9a-f-]{36}$/);
    expect(deterministicId('a', '\udfff')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('well-formed ids are unchanged (UUIDv5 of the UTF-8 bytes, as before)', () => {
    // Fixed values computed before the change: stored ids must never move.
    expect(messageId('telegram', 'bot', '42:7')).toBe('2f5c8894-e62a-5a94-9d95-228770a2af8e');
    expect(messageId('webform', 'site', 'Заказ 📦')).toBe('2c443b4f-df08-595a-814a-650633c6eedc');
  });
});
