import { createHash, randomUUID } from 'node:crypto';
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
}

export class PgBlobStore implements BlobStore {
  constructor(private readonly pool: Pool) {}

  async put(data: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING yields the existing row's id.
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO blobs (id, sha256, size, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
       RETURNING id`,
      [randomUUID(), sha256, data.length, data],
    );
    return { id: (rows[0] as { id: string }).id, sha256, size: data.length };
  }

  async get(id: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM blobs WHERE id = $1', [id]);
    return rows[0]?.data ?? null;
  }
}
