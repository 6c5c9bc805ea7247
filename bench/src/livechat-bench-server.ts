import { buildLivechatAdapter } from '@omni/adapter-livechat';
import { InProcessBus } from '@omni/bus';
import { createPool } from '@omni/db';
import { createApiKey, createMetrics, parseOmniConfig, runServices, SCOPES } from '@omni/service-kit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService } from '@omni/tickets';
import { WebSocketServer } from 'ws';
import { benchLogger } from './bench-kit';

/** The live chat's account in the benchmark: a fixed token key (the load process signs visitor tokens), limits out of the way. */
export const BENCH_TOKEN_SECRET = 'livechat-bench-token-secret-0123456789';
const CONFIG = `channels:
  livechat:
    - account: bench
      tokenSecret: ${BENCH_TOKEN_SECRET}
      limits:
        messagesPerVisitor: { max: 100000000, windowSeconds: 1 }
        sessionsPerIp: { max: 100000000, windowSeconds: 1 }
`;

/**
 * A server under test in its own process (its RSS is what is measured): `adapter` — the
 * live-chat adapter, threading and the ticket API as the one-process launcher runs them
 * (in-process bus, real PostgreSQL); `raw` — a bare \`ws\` server that echoes, the ceiling.
 * Reports its port (and an API key) to the parent over IPC.
 */
async function main(): Promise<void> {
  const mode = process.argv[2];
  // The load process asks for memory after a full collection, so garbage does not count as sockets.
  process.on('message', (m: { measure?: boolean }) => {
    if (!m.measure) return;
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed });
  });
  const log = benchLogger();
  if (mode === 'raw') {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const address = wss.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
    process.on('disconnect', () => wss.close(() => process.exit(0)));
    return;
  }
  const pool = createPool({ url: process.env.DATABASE_URL as string, log, max: 10 });
  const config = parseOmniConfig(CONFIG, {});
  const bus = new InProcessBus(log);
  const running = await runServices({
    log,
    metrics: createMetrics('livechat-bench'),
    bus,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildLivechatAdapter({ config, bus, log, pool }),
      buildThreadingService({ pool, bus, log, settings: config.threading }),
      buildTicketsService({ pool, log, bus, api: { rateLimitPerMinute: 100_000_000 } }),
    ],
  });
  const { key } = await createApiKey(pool, 'bench', [...SCOPES]);
  process.send?.({ port: Number(new URL(running.url).port), key });
  process.on('disconnect', () => {
    void running
      .stop()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

// Imported by the load process for the key above; run only as the forked server.
if (require.main === module) void main();
