import { createHash, randomUUID } from 'node:crypto';
import { InProcessBus } from '@omni/bus';
import { InboundMessage, TOPICS } from '@omni/contracts';
import type { BlobStore, StoredBlob } from '@omni/db';
import { createHttpServer, createMetrics, parseOmniConfig } from '@omni/service-kit';
import { testLogger } from '@omni/testkit';
import type { FastifyInstance } from 'fastify';
import { buildWebformAdapter } from '../../src';

/** An honest in-memory BlobStore: content-addressed like PgBlobStore. */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, { sha256: string; data: Buffer }>();

  async put(data: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const existing = [...this.blobs.entries()].find(([, b]) => b.sha256 === sha256);
    const id = existing?.[0] ?? randomUUID();
    if (!existing) this.blobs.set(id, { sha256, data });
    return { id, sha256, size: data.length };
  }

  async get(id: string): Promise<Buffer | null> {
    return this.blobs.get(id)?.data ?? null;
  }
  async delete(ids: readonly string[]): Promise<number> {
    return ids.filter((id) => this.blobs.delete(id)).length;
  }
}

export interface FormApp {
  app: FastifyInstance;
  bus: InProcessBus;
  blobs: MemoryBlobStore;
  /** Every message the adapter published, in order. */
  published: InboundMessage[];
  clock: { now: Date };
  close(): Promise<void>;
}

/** The adapter alone on a server, publishing to an in-process bus whose messages are collected. */
export async function startFormApp(
  configYaml: string,
  opts: { blobs?: boolean; uploadBudgetBytes?: number } = {},
): Promise<FormApp> {
  const log = testLogger('webform');
  const config = parseOmniConfig(configYaml, {});
  const bus = new InProcessBus(log);
  const published: InboundMessage[] = [];
  await bus.subscribe({
    groupId: 'collector',
    topic: TOPICS.inbound,
    schema: InboundMessage,
    handle: async (records) => void published.push(...records.map((r) => r.value)),
  });
  const blobs = new MemoryBlobStore();
  const clock = { now: new Date('2026-03-01T10:00:00Z') };
  const app = createHttpServer({ log, metrics: createMetrics('webform-test'), readiness: [] });
  const module = buildWebformAdapter({
    config,
    bus,
    log,
    blobs: opts.blobs === false ? undefined : blobs,
    now: () => clock.now,
    uploadBudgetBytes: opts.uploadBudgetBytes,
  });
  if (module.routes) await app.register(module.routes);
  await app.ready();
  return {
    app,
    bus,
    blobs,
    published,
    clock,
    async close() {
      await app.close();
      await bus.close();
    },
  };
}

/** A multipart body as a browser would send it. */
export async function multipartBody(
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; data: Buffer | string }> = [],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('attachments', new Blob([f.data], { type: f.type }), f.name);
  const request = new Request('http://form.test/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}
