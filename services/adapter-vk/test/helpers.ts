import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bus, InProcessBus } from '@omni/bus';
import { DeliveryReport, InboundMessage, TOPICS } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  createHttpServer,
  createMetrics,
  type OmniConfig,
  parseOmniConfig,
  type ServiceModule,
} from '@omni/service-kit';
import { testLogger } from '@omni/testkit';
import type { FastifyInstance } from 'fastify';
import { VkAccount } from '../src';

export const FIXTURES = join(__dirname, '../../../../shared/fixtures/vk');
export const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

export const GROUP_ID = 123456;
export const SECRETS = { accessToken: 'vk-token-xyz', secret: 'abc123xyz', confirmation: 'c0nf1rm' };

export function vkConfig(apiRoot: string, extra = ''): OmniConfig<{ vk: typeof VkAccount }> {
  return parseOmniConfig(
    `channels:\n  vk:\n    - account: club\n      groupId: ${GROUP_ID}\n      accessToken: ${SECRETS.accessToken}\n      secret: ${SECRETS.secret}\n      confirmation: ${SECRETS.confirmation}\n      apiRoot: ${apiRoot}\n${extra}`,
    {},
    { channels: { vk: VkAccount } },
  );
}

export class MemoryBlobs implements BlobStore {
  readonly data = new Map<string, Buffer>();
  async put(data: Buffer) {
    const id = randomUUID();
    this.data.set(id, data);
    return { id, sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  }
  async get(id: string) {
    return this.data.get(id) ?? null;
  }
}

/** An in-process bus with recorders on the inbound and delivery topics. */
export async function recordingBus() {
  const log = testLogger('vk-bus', 'silent');
  const bus = new InProcessBus(log);
  const inbound: InboundMessage[] = [];
  const reports: DeliveryReport[] = [];
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
  return { bus, inbound, reports };
}

export const brokenBus: Bus = {
  publish: async () => {
    throw new Error('broker down');
  },
  subscribe: async () => undefined,
  health: () => ({ ok: false, reason: 'down' }),
  close: async () => undefined,
};

export async function serve(module: ServiceModule): Promise<FastifyInstance> {
  const log = testLogger('vk-http', 'silent');
  const app = createHttpServer({ log, metrics: createMetrics('test'), readiness: [] });
  if (module.routes) await app.register(module.routes);
  await app.ready();
  return app;
}
