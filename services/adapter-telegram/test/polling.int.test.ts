import { InProcessBus } from '@omni/bus';
import { InboundMessage, TOPICS } from '@omni/contracts';
import { parseOmniConfig } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { buildTelegramAdapter } from '../src';

/**
 * Long polling against real PostgreSQL (the lease is an advisory lock): two replicas, one
 * polls; the offset advances only past updates the bus accepted; the other replica takes
 * over when the first stops.
 */
describe('Telegram long polling', () => {
  let h: Harness;
  let api: FakeTelegramApi;
  beforeAll(async () => {
    h = await startHarness('tg-poll');
    api = await new FakeTelegramApi().start();
    // A webhook left over from webhook mode: polling must remove it first (getUpdates answers 409 otherwise).
    api.webhook = { url: 'https://old.example.com/hook' };
  });
  afterAll(async () => {
    await api.close();
    await h.close();
  });

  const update = (id: number, text: string) => ({
    update_id: id,
    message: {
      message_id: id,
      date: 1_767_225_600,
      chat: { id: 9, type: 'private' },
      from: { id: 9, first_name: 'Ира' },
      text,
    },
  });

  it('polls from one replica only, in order, re-fetching a batch the bus refused, and fails over', async () => {
    const config = parseOmniConfig(
      `channels:\n  telegram:\n    - account: poll-bot\n      token: "${api.token}"\n      mode: polling\n      pollingTimeoutSeconds: 1\n      apiRoot: ${api.url}\n`,
      {},
    );
    let refuse = 0;
    const replicas = ['a', 'b'].map((name) => {
      const bus = new InProcessBus(h.log);
      const publish = bus.publish.bind(bus);
      bus.publish = async (topic, records) => {
        if (topic === TOPICS.inbound && refuse > 0) {
          refuse--;
          throw new Error('broker unreachable');
        }
        return publish(topic, records);
      };
      const got: InboundMessage[] = [];
      const module = buildTelegramAdapter({
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
      const follower = replicas.find((r) => r !== leader);
      expect(follower?.module.pollers[0]?.leaseHeld).toBe(false);
      await waitFor(() => api.webhook === undefined, {
        description: 'the old webhook deleted by the poller',
      });

      api.pushUpdates(update(101, 'первое'), update(102, 'второе 👋'), update(103, 'третье'));
      await waitFor(() => leader.got.length === 3, { description: 'three updates published' });
      expect(leader.got.map((m) => m.content.text)).toEqual(['первое', 'второе 👋', 'третье']);

      // The bus refuses the next update twice: Telegram is asked for the same batch again, not confirmed.
      refuse = 2;
      api.pushUpdates(update(104, 'после сбоя'));
      await waitFor(() => leader.got.length === 4, {
        description: 'the refused update published on a later round',
      });
      expect(leader.got[3]?.content.text).toBe('после сбоя');
      const asked104 = api.offsets.filter((o) => o === 104).length;
      expect(asked104).toBeGreaterThanOrEqual(3); // the batch holding 104 was fetched again after each refusal
      expect(follower?.got).toHaveLength(0);

      // 104 is confirmed to Telegram by the next getUpdates (offset 105). Stopping before that
      // would (correctly) let the next poller receive 104 again: at least once, same message id.
      await waitFor(() => api.offsets.includes(105), { description: 'update 104 confirmed' });
      await leader.module.stop?.();
      await waitFor(() => follower?.module.pollers[0]?.leaseHeld, {
        description: 'the other replica takes over',
      });
      api.pushUpdates(update(105, 'новый опросчик'));
      await waitFor(() => follower?.got.length === 1, { description: 'the new poller publishes' });
      expect(follower?.got[0]?.content.text).toBe('новый опросчик');
      // Updates confirmed by the first poller are not delivered again.
      expect(follower?.got.map((m) => m.externalId)).toEqual(['9:105']);
    } finally {
      for (const r of replicas) await r.module.stop?.();
      for (const r of replicas) await r.bus.close();
    }
  });
});
