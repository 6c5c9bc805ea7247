import { newClusterId } from '../src/local-kafka';

describe('KRaft cluster id', () => {
  it('redraws an id that would start with "-" (the storage tool reads it as an option)', () => {
    // 0xf8 0x00… encodes as "-A…" in base64url.
    const dashFirst = Buffer.alloc(16, 0).fill(0xf8, 0, 1);
    const draws = [dashFirst, Buffer.alloc(16, 7)];
    const id = newClusterId(() => draws.shift() as Buffer);
    expect(dashFirst.toString('base64url')).toMatch(/^-/);
    expect(id).toBe(Buffer.alloc(16, 7).toString('base64url'));
  });

  it('is 22 base64url characters', () => {
    for (let i = 0; i < 200; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
