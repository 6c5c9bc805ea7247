import { parseOmniConfig } from '@omni/service-kit';
import { type Harness, loopbackOutboundGuard, MemoryBlobs, recordingBus, serveModule } from '@omni/testkit';
import { FakeMaxApi } from '@omni/testkit/src/fakes/max-api';
import { buildMaxAdapter, MaxAccount } from '../src';

export const SECRET = 'webhook-secret_42';

/** A webhook-mode MAX adapter on a recording in-process bus and the harness's database, ready for `inject`. */
export async function startWebhookAdapter(h: Harness, opts: { account?: string; extraYaml?: string } = {}) {
  const api = await new FakeMaxApi().start();
  const account = opts.account ?? 'max-bot';
  const recorder = await recordingBus();
  const config = parseOmniConfig(
    `channels:\n  max:\n    - account: ${account}\n      token: "${api.token}"\n      secret: ${SECRET}\n      apiRoot: ${api.url}\n      webhookBaseUrl: https://omni.example.com/base\n${opts.extraYaml ?? ''}`,
    {},
    { channels: { max: MaxAccount } },
  );
  const blobs = new MemoryBlobs();
  const outboundGuard = loopbackOutboundGuard();
  const module = buildMaxAdapter({
    config,
    bus: recorder.bus,
    log: h.log,
    pool: h.pool,
    blobs,
    outboundGuard,
    now: () => new Date('2026-01-02T03:04:05Z'),
    outbound: { initialBackoffMs: 10, maxAttempts: 3, rateLimitDelayMs: 10 },
  });
  const app = await serveModule(module);
  await module.start?.();
  const post = (body: unknown, headers: Record<string, string> = { 'x-max-bot-api-secret': SECRET }) =>
    app.inject({
      method: 'POST',
      url: `/channels/max/${account}/webhook`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    api,
    app,
    blobs,
    post,
    ...recorder,
    async close() {
      await module.stop?.();
      await app.close();
      await recorder.bus.close();
      await outboundGuard.close();
      await api.close();
    },
  };
}
