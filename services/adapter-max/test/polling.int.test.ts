import { InProcessBus } from '@omni/bus';
import { InboundMessage, TOPICS } from '@omni/contracts';
import { parseOmniConfig } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { FakeMaxApi, maxUpdates } from '@omni/testkit/src/fakes/max-api';
import { buildMaxAdapter, MaxAccount } from '../src';

/**
 * GET /updates against real PostgreSQL (the lease is an advisory lock, the marker a row of
 * poll_cursors): two replicas, one polls; the marker advances only past batches the bus
 * accepted; a replica that dies in the middle of a batch leaves the next poller the same
 * batch — nothing lost, and every message keeps its one id.
 */
describe('MAX long polling', () => {
  let h: Harness;
  let api: FakeMaxApi;
  beforeAll(async () => {
    h = await startHarness('max-poll');
    api = await new FakeMaxApi().start();
    // A subscription left from webhook mode: MAX does not serve GET /updates while it exists.
    api.subscriptions.push({ url: 'https://old.example.com/hook', time: 1 });
  });
  afterAll(async () => {
    await api.close();
    await h.close();
  });

  const update = (n: number, text: string) =>
    maxUpdates.message({ userId: 9, mid: `mid.poll${n}`, text, timestamp: 1_767_225_600_000 + n });
  const storedMarker = async () =>
    (
      await h.pool.query<{ cursor: string }>(
        "SELECT cursor FROM poll_cursors WHERE channel = 'max' AND account = 'poll-bot'",
      )
    ).rows[0]?.cursor;

  it('one replica polls; a batch is re-read after a refusal and after a replica dies mid-batch', async () => {
    const config = parseOmniConfig(
      `channels:\n  max:\n    - account: poll-bot\n      token: "${api.token}"\n      mode: polling\n      pollingTimeoutSeconds: 1\n      apiRoot: ${api.url}\n`,
      {},
      { channels: { max: MaxAccount } },
    );
    let refuse: (text: string) => boolean = () => false;
    const replicas = ['a', 'b'].map((name) => {
      const bus = new InProcessBus(h.log);
      const publish = bus.publish.bind(bus);
      bus.publish = async (topic, records) => {
        const texts = records.map((r) => (r.value as InboundMessage).content?.text ?? '');
        if (topic === TOPICS.inbound && texts.some((t) => refuse(t))) throw new Error('broker unreachable');
        return publish(topic, records);
      };
      const got: InboundMessage[] = [];
      const module = buildMaxAdapter({
        config,
        bus,
        log: h.log,
        pool: h.pool,
        poller: { leaseRetryMs: 100, errorBackoffMs: 50 },
      });
      return { name, bus, got, module };
    });
    for (const r of replicas) {
      await r.bus.subscribe({
        groupId: 'capture',
        topic: TOPICS.inbound,
        schema: InboundMessage,
        handle: async (rs) => void r.got.push(...rs.map((x) => x.value)),
      });
      await r.module.start?.();
    }
    try {
      const leader = await waitFor(() => replicas.find((r) => r.module.pollers[0]?.leaseHeld), {
        description: 'a replica takes the lease',
      });
      const follower = replicas.find((r) => r !== leader) as (typeof replicas)[number];
      expect(follower.module.pollers[0]?.leaseHeld).toBe(false);
      await waitFor(() => api.subscriptions.length === 0, { description: 'the old subscription removed' });

      api.pushUpdates(update(1, 'первое'), update(2, 'второе 👋'), update(3, 'третье'));
      await waitFor(() => leader.got.length === 3, { description: 'three updates published' });
      expect(leader.got.map((m) => m.content.text)).toEqual(['первое', 'второе 👋', 'третье']);
      await waitFor(async () => (await storedMarker()) === '3', { description: 'the marker stored' });

      // The bus refuses the middle update of the next batch: the same marker is asked again, not advanced.
      let refusals = 0;
      refuse = (text) => text === 'пятое' && refusals++ < 2;
      api.pushUpdates(update(4, 'четвёртое'), update(5, 'пятое'), update(6, 'шестое'));
      await waitFor(() => leader.got.some((m) => m.content.text === 'шестое'), {
        description: 'the refused batch published on a later round',
      });
      expect(api.markers.filter((m) => m === 3).length).toBeGreaterThanOrEqual(3);
      await waitFor(async () => (await storedMarker()) === '6');
      expect(follower.got).toHaveLength(0);

      // Now the leader dies in the middle of a batch: the second update never gets through.
      refuse = (text) => text === 'восьмое';
      api.pushUpdates(update(7, 'седьмое'), update(8, 'восьмое'), update(9, 'девятое'));
      await waitFor(() => leader.got.some((m) => m.content.text === 'седьмое'), {
        description: 'the batch begun',
      });
      await leader.module.stop?.();
      expect(await storedMarker()).toBe('6');
      refuse = () => false;
      await waitFor(() => follower.module.pollers[0]?.leaseHeld, {
        description: 'the other replica takes over',
      });
      await waitFor(() => follower.got.length === 3, {
        description: 'the new poller publishes the whole batch',
      });
      expect(follower.got.map((m) => m.content.text)).toEqual(['седьмое', 'восьмое', 'девятое']);
      // Nothing lost, nothing doubled: each update has one id, whichever replica published it.
      const all = [...leader.got, ...follower.got];
      expect(new Set(all.map((m) => m.id)).size).toBe(9);
      expect(new Set(all.map((m) => m.content.text)).size).toBe(9);
      // The update published before the crash comes again (at least once) under the same id.
      const seventh = all.filter((m) => m.content.text === 'седьмое');
      expect(seventh.length).toBeGreaterThanOrEqual(2);
      expect(new Set(seventh.map((m) => m.id)).size).toBe(1);
      await waitFor(async () => (await storedMarker()) === '9', { description: 'the marker past the batch' });
    } finally {
      for (const r of replicas) await r.module.stop?.();
      for (const r of replicas) await r.bus.close();
    }
  });
});
