import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bus, InProcessBus } from '@omni/bus';
import { DeliveryReport, InboundMessage, TOPICS } from '@omni/contracts';
import type { BlobStore, StoredBlob } from '@omni/db';
import { createHttpServer, createMetrics, type OutboundGuard, parseOmniConfig } from '@omni/service-kit';
import { loopbackOutboundGuard } from '@omni/testkit';
import { FakeViberApi, viberSignature } from '@omni/testkit/src/fakes/viber-api';
import { testLogger } from '@omni/testkit/src/test-logger';
import { buildViberAdapter, type OutboundTokenStore } from '../src';

// Copied from the shared reference fixtures (see their SOURCES.md) so the repository tests stand alone.
const FIXTURES = join(__dirname, 'fixtures');

/** The exact bytes of a fixture file (big message tokens intact). */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
}

/** Bytes kept in memory, content-addressed like the PostgreSQL store. */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();
  async put(data: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const id = randomUUID();
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

export class MemoryTokenStore implements OutboundTokenStore {
  readonly rows = new Map<string, { messageId: string; ticketId: string }>();
  async remember(account: string, token: string, messageId: string, ticketId: string) {
    this.rows.set(`${account}:${token}`, { messageId, ticketId });
  }
  async find(account: string, token: string) {
    return this.rows.get(`${account}:${token}`);
  }
  async prune() {
    return 0;
  }
}

/**
 * A Viber adapter on the in-process bus with in-memory stores, and what reached the bus.
 * Media URLs on loopback (the fake's) are allowed unless another guard is given.
 */
export async function startViberAdapter(opts: { bus?: Bus; outboundGuard?: OutboundGuard } = {}) {
  const api = await new FakeViberApi().start();
  const log = testLogger('viber', 'debug');
  const bus = opts.bus ?? new InProcessBus(log);
  const inbound: InboundMessage[] = [];
  const deliveries: DeliveryReport[] = [];
  const config = parseOmniConfig(
    `channels:
  viber:
    - account: support
      authToken: "${api.authToken}"
      senderName: Поддержка
      apiRoot: ${api.url}
      webhookBaseUrl: https://omni.example.com
      maxAttachmentBytes: 1000
`,
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
  const tokens = new MemoryTokenStore();
  const module = buildViberAdapter({
    config,
    bus,
    log,
    blobs,
    tokens,
    now: () => new Date('2026-01-02T03:04:05Z'),
    outbound: { initialBackoffMs: 10, maxAttempts: 3 },
    outboundGuard: opts.outboundGuard ?? loopbackOutboundGuard(),
  });
  const app = createHttpServer({ log, metrics: createMetrics('test'), readiness: [] });
  if (module.routes) await app.register(module.routes);
  await app.ready();
  await module.start?.();
  /** Posts `body` signed with the right token unless a signature is given. */
  const post = (body: string, signature: string | null = viberSignature(api.authToken, body)) =>
    app.inject({
      method: 'POST',
      url: '/channels/viber/support/webhook',
      headers: {
        'content-type': 'application/json',
        ...(signature === null ? {} : { 'x-viber-content-signature': signature }),
      },
      payload: body,
    });
  return {
    api,
    app,
    bus,
    log,
    inbound,
    deliveries,
    blobs,
    tokens,
    post,
    async close() {
      await module.stop?.();
      await app.close();
      await bus.close();
      await api.close();
    },
  };
}
