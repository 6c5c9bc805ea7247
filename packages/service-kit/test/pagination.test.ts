import { decodeCursor, encodeCursor, HttpProblem } from '../src';

const crafted = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('cursors', () => {
  it('round-trips the sort key of the last row', () => {
    const key = ['2026-11-22 23:45:57.973123+00', '4e82e321-b9b6-41cb-a69f-4510c94673a5'];
    expect(decodeCursor(encodeCursor(key), ['timestamp', 'uuid'])).toEqual(key);
    expect(decodeCursor(encodeCursor([812, '17']), ['integer', 'integer'])).toEqual(['812', '17']);
  });

  it.each([
    ['not base64 JSON', 'garbage!'],
    ['too few parts', crafted(['2026-11-22T10:00:00Z'])],
    ['a timestamp that is not one', crafted(['yesterday', '4e82e321-b9b6-41cb-a69f-4510c94673a5'])],
    ['a uuid that is not one', crafted(['2026-11-22T10:00:00Z', "x' OR 1=1 --"])],
    ['an object part', crafted([{}, '4e82e321-b9b6-41cb-a69f-4510c94673a5'])],
  ])('answers %s with a 400 before any value reaches SQL', (_case, cursor) => {
    expect(() => decodeCursor(cursor, ['timestamp', 'uuid'])).toThrow(HttpProblem);
    try {
      decodeCursor(cursor, ['timestamp', 'uuid']);
    } catch (err) {
      expect((err as HttpProblem).status).toBe(400);
    }
  });

  it('checks integer parts (the change feed cursor)', () => {
    expect(() => decodeCursor(crafted(['not-a-txid', 'x']), ['integer', 'integer'])).toThrow(HttpProblem);
  });
});
