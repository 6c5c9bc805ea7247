import { type Harness, startHarness } from '@omni/testkit';
import { PgBlobStore } from '../src';

describe('PgBlobStore (content-addressed)', () => {
  let h: Harness;
  let blobs: PgBlobStore;
  beforeAll(async () => {
    h = await startHarness('blob-store');
    blobs = new PgBlobStore(h.pool);
  });
  afterAll(() => h.close());

  const rowsOf = async (sha256: string) =>
    (await h.pool.query('SELECT id FROM blobs WHERE sha256 = $1', [sha256])).rows.length;

  it('stores the same bytes once and hands every caller the same id', async () => {
    const data = Buffer.from('the same logo in every signature');
    const first = await blobs.put(data);
    const again = await blobs.put(Buffer.from(data));
    expect(again).toEqual(first);
    expect(await rowsOf(first.sha256)).toBe(1);
    expect(await blobs.get(first.id)).toEqual(data);
  });

  it('gives concurrent puts of new bytes one row and one id', async () => {
    const data = Buffer.alloc(4096, 3);
    const puts = await Promise.all(Array.from({ length: 20 }, () => blobs.put(Buffer.from(data))));
    expect(new Set(puts.map((p) => p.id)).size).toBe(1);
    expect(await rowsOf(puts[0]?.sha256 ?? '')).toBe(1);
  });

  it('keeps different bytes apart', async () => {
    const a = await blobs.put(Buffer.from('a'));
    const b = await blobs.put(Buffer.from('b'));
    expect(a.id).not.toBe(b.id);
    expect((await blobs.get(b.id))?.toString()).toBe('b');
  });
});
