import { createPool } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, ownGroups, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildLivechatAdapter } from '../src';
import { pushed, VisitorClient } from './support/livechat-app';

/**
 * Two adapter replicas on real Kafka and one PostgreSQL, as in distributed mode: replies are
 * consumed by whichever replica Kafka gives the partition, and reach the visitor's socket on
 * the other exactly once; a replica stopping mid-conversation sends its clients elsewhere,
 * and they miss nothing.
 */
const WAIT = { timeoutMs: 40_000 };
let h: Harness;
let core: RunningServices;
const replicas: RunningServices[] = [];
const apiKey = generateApiKey();
const groups = uniqueName('lc-replicas-');

beforeAll(async () => {
  h = await startHarness('livechat-replicas');
  const bus = ownGroups(await h.kafkaBus(), groups);
  core = await runServices({
    log: h.log,
    metrics: createMetrics('livechat-replicas-core'),
    bus,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildThreadingService({
        pool: h.pool,
        bus,
        log: h.log,
        settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
      }),
      buildTicketsService({ pool: h.pool, log: h.log, bus, bootstrapApiKey: apiKey }),
    ],
  });
  const config = parseOmniConfig('channels:\n  livechat:\n    - account: shop\n', {});
  for (const name of ['a', 'b']) {
    const replicaBus = ownGroups(await h.kafkaBus(), groups);
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    replicas.push(
      await runServices({
        log: h.log,
        metrics: createMetrics(`livechat-replica-${name}`),
        bus: replicaBus,
        pool,
        host: '127.0.0.1',
        port: 0,
        modules: [buildLivechatAdapter({ config, bus: replicaBus, log: h.log, pool })],
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  for (const r of replicas) await r.stop().catch(() => undefined);
  await core?.stop();
  await h?.close();
});

const reply = async (ticketId: string, text: string) => {
  const res = await fetch(`${core.url}/v1/tickets/${ticketId}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(res.status).toBe(202);
};

it('a reply reaches the socket on either replica exactly once, and a stopping replica loses nothing', async () => {
  const [a, b] = replicas as [RunningServices, RunningServices];
  const onA = new VisitorClient(a.url, 'shop');
  await onA.session();
  expect((await onA.send('Hello from the site', 'm-1')).status).toBe(202);
  const ticketId = await waitFor(
    async () =>
      (
        await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE text = $1', [
          'Hello from the site',
        ])
      ).rows[0]?.ticket_id,
    { ...WAIT, description: 'the message stored' },
  );
  const first = await onA.socket();
  for (const n of [1, 2, 3]) await reply(ticketId, `reply ${n}`);
  await waitFor(() => pushed(first.frames).filter((e) => e.direction === 'outbound').length >= 3, {
    ...WAIT,
    description: 'three replies on the socket of replica A',
  });

  // Replica A stops: its client is told to reconnect, and does so to B after the last id it saw.
  const lastSeen = pushed(first.frames).at(-1)?.id;
  await a.stop();
  await waitFor(() => first.frames.some((f) => f.type === 'reconnect'), { description: 'told to reconnect' });
  for (const n of [4, 5]) await reply(ticketId, `reply ${n}`);
  const onB = new VisitorClient(b.url, 'shop');
  onB.token = onA.token;
  const second = await onB.socket(lastSeen);
  await reply(ticketId, 'reply 6');
  await waitFor(() => pushed(second.frames).some((e) => e.text === 'reply 6'), {
    ...WAIT,
    description: 'reply 6 on the socket of replica B (Kafka moved the partitions there)',
  });
  const shown = [...pushed(first.frames), ...pushed(second.frames)].map((e) => e.text);
  expect(shown).toEqual(['Hello from the site', ...[1, 2, 3, 4, 5, 6].map((n) => `reply ${n}`)]);
});
