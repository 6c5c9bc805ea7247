import { createHash, randomUUID } from 'node:crypto';
import type { BlobStore, StoredBlob } from '@omni/db';

/** A content-addressed BlobStore in memory, for unit tests (same contract as PgBlobStore). */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, { sha256: string; data: Buffer }>();

  async put(data: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    for (const [id, b] of this.blobs) if (b.sha256 === sha256) return { id, sha256, size: data.length };
    const id = randomUUID();
    this.blobs.set(id, { sha256, data });
    return { id, sha256, size: data.length };
  }

  async get(id: string): Promise<Buffer | null> {
    return this.blobs.get(id)?.data ?? null;
  }
  async delete(ids: readonly string[]): Promise<number> {
    return ids.filter((id) => this.blobs.delete(id)).length;
  }
}
