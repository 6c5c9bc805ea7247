import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bus, InProcessBus } from '@omni/bus';
import { DeliveryReport, InboundMessage, TOPICS } from '@omni/contracts';
import type { BlobStore, StoredBlob } from '@omni/db';
import { createHttpServer, createMetrics, parseOmniConfig, type ServiceModule } from '@omni/service-kit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { testLogger } from '@omni/testkit/src/test-logger';
import { buildTelegramAdapter } from '../src';

export const SECRET = 'webhook-secret-Ω-1';
// Copied from the shared reference fixtures (see their SOURCES.md) so the repository tests stand alone.
const FIXTURES = join(__dirname, 'fixtures');

export function fixture(name: string): Record<string, unknown> & { update_id: number } {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

/** Bytes kept in memory, content-addressed like the PostgreSQL store. */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();
  async put(data: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const existing = [...this.blobs.entries()].find(
      ([, d]) => createHash('sha256').update(d).digest('hex') === sha256,
    );
    const id = existing?.[0] ?? randomUUID();
    this.blobs.set(id, data);
    return { id, sha256, size: data.length };
  }
  async get(id: string): Promise<Buffer | null> {
    return this.blobs.get(id) ?? null;
  }
  async delete(ids: readonly string[]): Promise<number> {
    return ids.filter((id) => this.blobs.delete(id)).length;
  }
}

/** A webhook-mode adapter on the in-process bus, its server, and what reached the bus. */
export async function startWebhookAdapter(opts: { bus?: Bus; extraYaml?: string } = {}) {
  const api = await new FakeTelegramApi().start();
  const log = testLogger('tg', 'debug');
  const bus = opts.bus ?? new InProcessBus(log);
  const inbound: InboundMessage[] = [];
  const deliveries: DeliveryReport[] = [];
  const config = parseOmniConfig(
    `channels:
  telegram:
    - account: support-bot
      token: "${api.token}"
      secretToken: "${SECRET}"
      apiRoot: ${api.url}
      webhookBaseUrl: https://omni.example.com/base/
${opts.extraYaml ?? ''}`,
    {},
  );
  await bus.subscribe({
    groupId: 'test-inbound',
    topic: TOPICS.inbound,
    schema: InboundMessage,
    handle: async (rs) => void inbound.push(...rs.map((r) => r.value)),
  });
  await bus.subscribe({
    groupId: 'test-delivery',
    topic: TOPICS.delivery,
    schema: DeliveryReport,
    handle: async (rs) => void deliveries.push(...rs.map((r) => r.value)),
  });
  const blobs = new MemoryBlobStore();
  const module: ServiceModule = buildTelegramAdapter({
    config,
    bus,
    log,
    blobs,
    now: () => new Date('2026-01-02T03:04:05Z'),
    outbound: { initialBackoffMs: 10, maxAttempts: 3 },
  });
  const app = createHttpServer({ log, metrics: createMetrics('test'), readiness: [] });
  if (module.routes) await app.register(module.routes);
  await app.ready();
  await module.start?.();
  const post = (
    body: unknown,
    headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET },
  ) =>
    app.inject({
      method: 'POST',
      url: '/channels/telegram/support-bot/webhook',
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    api,
    app,
    bus,
    log,
    inbound,
    deliveries,
    blobs,
    post,
    async close() {
      await module.stop?.();
      await app.close();
      await bus.close();
      await api.close();
    },
  };
}
