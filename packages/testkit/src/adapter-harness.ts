import { createHash, randomUUID } from 'node:crypto';
import { type Bus, InProcessBus } from '@omni/bus';
import { DeliveryReport, dlqTopic, InboundMessage, TOPICS } from '@omni/contracts';
import type { BlobStore, StoredBlob } from '@omni/db';
import { createHttpServer, createMetrics, type ServiceModule } from '@omni/service-kit';
import { z } from 'zod';
import { testLogger } from './test-logger';

/** A BlobStore in memory, for adapters' unit tests (the contract of PgBlobStore). */
export class MemoryBlobs implements BlobStore {
  readonly data = new Map<string, Buffer>();
  async put(data: Buffer): Promise<StoredBlob> {
    const id = randomUUID();
    this.data.set(id, data);
    return { id, sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  }
  async get(id: string): Promise<Buffer | null> {
    return this.data.get(id) ?? null;
  }
  async delete(ids: readonly string[]): Promise<number> {
    return ids.filter((id) => this.data.delete(id)).length;
  }
}

/** An in-process bus with recorders on the inbound, delivery and inbound dead-letter topics. */
export async function recordingBus() {
  const bus = new InProcessBus(testLogger('recording-bus', 'silent'));
  const inbound: InboundMessage[] = [];
  const reports: DeliveryReport[] = [];
  const deadLetters: unknown[] = [];
  await bus.subscribe({
    groupId: 'rec',
    topic: TOPICS.inbound,
    schema: InboundMessage,
    handle: async (rs) => void inbound.push(...rs.map((r) => r.value)),
  });
  await bus.subscribe({
    groupId: 'rec',
    topic: TOPICS.delivery,
    schema: DeliveryReport,
    handle: async (rs) => void reports.push(...rs.map((r) => r.value)),
  });
  await bus.subscribe({
    groupId: 'rec',
    topic: dlqTopic(TOPICS.inbound),
    schema: z.unknown(),
    handle: async (rs) => void deadLetters.push(...rs.map((r) => r.value)),
  });
  return { bus, inbound, reports, deadLetters };
}

/** A bus whose broker is gone: every publish fails. */
export const brokenBus: Bus = {
  publish: async () => {
    throw new Error('broker down');
  },
  subscribe: async () => undefined,
  health: () => ({ ok: false, reason: 'down' }),
  close: async () => undefined,
};

/** An adapter's routes on the service-kit server (its error handler included), ready for `inject`. */
export async function serveModule(module: ServiceModule): Promise<ReturnType<typeof createHttpServer>> {
  const app = createHttpServer({
    log: testLogger('adapter-http', 'silent'),
    metrics: createMetrics('test'),
    readiness: [],
  });
  if (module.routes) await app.register(module.routes);
  await app.ready();
  return app;
}
