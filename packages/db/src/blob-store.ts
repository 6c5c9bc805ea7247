import { createHash, randomUUID } from 'node:crypto';
import { named } from './named';
import type { Pool } from './pool';

export interface StoredBlob {
  id: string;
  sha256: string;
  size: number;
}

/**
 * Where attachment bytes live. PostgreSQL by default (as several established helpdesks
 * do); the interface leaves room for S3. Blobs are content-addressed: the same bytes are
 * stored once.
 */
export interface BlobStore {
  put(data: Buffer): Promise<StoredBlob>;
  get(id: string): Promise<Buffer | null>;
  /** Removes the blobs (erasure, retention: nothing refers to them any more); how many existed. */
  delete(ids: readonly string[]): Promise<number>;
}

export class PgBlobStore implements BlobStore {
  constructor(private readonly pool: Pool) {}

  async put(data: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    // The same bytes arrive again and again (a signature logo, a sticker, a retried
    // webhook): look first, so a known blob costs one index lookup and its bytes are not
    // sent. An upsert here (DO UPDATE) rewrote the row and locked it each time, and
    // concurrent requests carrying the same file queued on that lock (the e2e benchmark's
    // top wait).
    const id =
      (await this.findId(sha256)) ?? (await this.insert(sha256, data)) ?? (await this.findId(sha256));
    if (!id) throw new Error(`blob ${sha256} was neither found nor stored`);
    return { id, sha256, size: data.length };
  }

  private async findId(sha256: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      named('SELECT id FROM blobs WHERE sha256 = $1', [sha256]),
    );
    return rows[0]?.id;
  }

  /** The new row's id, or undefined when a concurrent put stored the same bytes first. */
  private async insert(sha256: string, data: Buffer): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO blobs (id, sha256, size, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO NOTHING RETURNING id`,
      [randomUUID(), sha256, data.length, data],
    );
    return rows[0]?.id;
  }

  async get(id: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM blobs WHERE id = $1', [id]);
    return rows[0]?.data ?? null;
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rowCount } = await this.pool.query('DELETE FROM blobs WHERE id = ANY($1::uuid[])', [ids]);
    return rowCount ?? 0;
  }
}
