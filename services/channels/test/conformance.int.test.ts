import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Bus } from '@omni/bus';
import { dlqTopic, TOPICS } from '@omni/contracts';
import { createPool } from '@omni/db';
import {
  type ChannelDefinition,
  CommonEnv,
  createHttpServer,
  createMetrics,
  parseEnv,
  parseOmniConfig,
  type RunningServices,
  runServices,
} from '@omni/service-kit';
import {
  type ConformanceKit,
  type ConformanceKits,
  type ConformancePlatform,
  type Harness,
  loopbackOutboundGuard,
  ownGroups,
  type PlatformDelivery,
  startHarness,
  uniqueName,
  waitFor,
} from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { z } from 'zod';
import { CHANNEL_DEFINITIONS } from '../src';

/**
 * Every registered channel against the same checks, on real Kafka and PostgreSQL, with its
 * fake platform (its `test/conformance.kit.ts`): a channel gets these tests by being
 * registered. Threading and the ticket API run once for the file, as in distributed mode;
 * each channel runs on a server of its own.
 */
const ROOT = join(__dirname, '../../..');
const WAIT = { timeoutMs: 40_000 };

let h: Harness;
let core: RunningServices;
const apiKey = generateApiKey();
const deadLetters: Array<{ value: unknown }> = [];
let nextId = 1;
/** A sender and message id no other check uses. */
const fresh = () => nextId++;

/**
 * Hands a delivery to the adapter: posts a request to its server and answers the status, or
 * queues an update for its poller — nothing answers that, so it counts as handed over (200);
 * the checks then wait for what was stored.
 */
async function send(url: string, delivery: PlatformDelivery): Promise<number> {
  if ('polled' in delivery) {
    delivery.hand();
    return 200;
  }
  const res = await fetch(`${url}${delivery.path}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  await res.arrayBuffer();
  return res.status;
}

interface StoredMessage {
  id: string;
  ticket_id: string;
  direction: string;
  delivery_status: string | null;
}
const storedAs = async (channel: string, text: string): Promise<StoredMessage[]> =>
  (
    await h.pool.query<StoredMessage>(
      'SELECT id, ticket_id, direction, delivery_status FROM messages WHERE channel = $1 AND text = $2',
      [channel, text],
    )
  ).rows;
const stored = async (channel: string, text: string) =>
  waitFor(async () => (await storedAs(channel, text))[0], { ...WAIT, description: `"${text}" stored` });

/**
 * The kits of a channel, by mode (one unnamed kit for most channels). A registered channel
 * without a kit file gets one entry whose `start` fails, naming the file to create.
 */
function loadKits(channel: ChannelDefinition): Array<[string, ChannelDefinition, ConformanceKit]> {
  const file = join(ROOT, 'services', channel.service, 'test', 'conformance.kit.ts');
  if (!existsSync(file)) {
    const missing: ConformanceKit = {
      start: async () => {
        throw new Error(
          `channel ${channel.name} is registered but has no conformance kit: create ${relative(ROOT, file)}, ` +
            'default-exporting a ConformanceKit (packages/testkit/src/conformance-kit.ts)',
        );
      },
    };
    return [[channel.name, channel, missing]];
  }
  const kits = (require(file) as { default: ConformanceKits }).default;
  if ('start' in kits && typeof kits.start === 'function')
    return [[channel.name, channel, kits as ConformanceKit]];
  return Object.entries(kits as Record<string, ConformanceKit>).map(([mode, kit]) => [
    `${channel.name} (${mode})`,
    channel,
    kit,
  ]);
}

// The channels' fake platforms and media servers listen on loopback.
const outboundGuard = loopbackOutboundGuard();

beforeAll(async () => {
  h = await startHarness('conformance');
  const bus = ownGroups(await h.kafkaBus(), uniqueName('conf-core-'));
  const pool = createPool({ url: h.databaseUrl, log: h.log });
  core = await runServices({
    log: h.log,
    metrics: createMetrics('conformance-core'),
    bus,
    pool,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildThreadingService({
        pool,
        bus,
        log: h.log,
        settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
      }),
      // Channels whose replies leave by email use this account (the email channel's own).
      buildTicketsService({
        pool,
        log: h.log,
        bus,
        bootstrapApiKey: apiKey,
        channels: { email: [{ account: 'conformance' }] },
      }),
    ],
  });
  const watch = await h.kafkaBus();
  await watch.subscribe({
    groupId: uniqueName('conf-dlq'),
    topic: dlqTopic(TOPICS.inbound),
    schema: z.unknown(),
    handle: async (records) => void deadLetters.push(...records),
  });
});
afterAll(async () => {
  await core?.stop();
  await outboundGuard.close();
  await h?.close();
});

describe.each(CHANNEL_DEFINITIONS.flatMap(loadKits))('channel %s', (label, channel, kit) => {
  const name = channel.name;
  let platform: ConformancePlatform;
  let running: RunningServices;
  let url: string;
  const message = (sender: number, text: string) => ({ sender, id: fresh(), text });
  /** Posts a message and waits until threading stored it. */
  const delivered = async (sender: number, text: string) => {
    expect(await send(url, platform.message(message(sender, text)))).toBeLessThan(300);
    return stored(name, text);
  };
  const context = (
    config: ReturnType<typeof parseOmniConfig>,
    bus: Bus,
    pool: ReturnType<typeof createPool>,
  ) => ({
    env: parseEnv(CommonEnv, {}),
    config,
    log: h.log,
    metrics: createMetrics(`conformance-${label}`),
    bus,
    pool,
    outboundGuard,
  });

  const config = () =>
    parseOmniConfig(
      `channels: { ${name}: [${JSON.stringify(platform.account)}] }\n`,
      {},
      {
        channels: { [name]: channel.accountSchema },
      },
    );
  /** The channel on a server of its own, as in distributed mode. */
  const startChannel = async () => {
    const bus = ownGroups(await h.kafkaBus(), uniqueName(`conf-${name}-`));
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    running = await runServices({
      log: h.log,
      metrics: createMetrics(`conformance-${label}-server`),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [channel.build(context(config(), bus, pool))],
    });
    url = running.url;
    platform.attach?.(url);
  };

  beforeAll(async () => {
    platform = await kit.start({ apiKey });
    await startChannel();
  });
  afterAll(async () => {
    await running?.stop();
    await platform?.stop();
  });

  it('refuses a wrong signature or secret and stores nothing', async () => {
    const sender = fresh();
    const bad = platform.badlySigned(message(sender, `${name} forged ${sender}`));
    const status = await send(url, bad);
    expect({ guard: bad.why, status: status >= 400 && status < 500 }).toEqual({
      guard: bad.why,
      status: true,
    });
    await delivered(sender, `${name} genuine ${sender}`);
    expect(await storedAs(name, `${name} forged ${sender}`)).toEqual([]);
  });

  it('stores a redelivered event once', async () => {
    const sender = fresh();
    const twice = platform.message(message(sender, `${name} twice ${sender}`));
    expect(await send(url, twice)).toBeLessThan(300);
    expect(await send(url, twice)).toBeLessThan(300);
    await delivered(sender, `${name} after ${sender}`);
    expect(await storedAs(name, `${name} twice ${sender}`)).toHaveLength(1);
  });

  it('answers malformed input with 4xx, dead-letters it or keeps it — never a 5xx, never lost', async () => {
    const malformed = platform.malformed();
    const status = await send(url, malformed);
    expect(status).toBeLessThan(500);
    if (status >= 400) return;
    const { keptAs } = malformed;
    await waitFor(
      async () =>
        // This account's: a channel checked in several modes has one account per mode.
        deadLetters.some((r) => {
          const letter = r.value as { channel?: string; account?: string };
          return letter.channel === name && letter.account === platform.account.account;
        }) ||
        (keptAs !== undefined && (await storedAs(name, keptAs)).length > 0),
      {
        ...WAIT,
        description: `a dead letter of ${label} on ${dlqTopic(TOPICS.inbound)}${keptAs ? ` or "${keptAs}" stored` : ''}`,
      },
    );
  });

  it('stores a message whose text carries NUL, other controls and a lone surrogate, repaired and flagged', async () => {
    const sender = fresh();
    const text = (nul: string, bell: string, lone: string) =>
      `${name} controls ${sender} a${nul}b${bell}c${lone}d\tend`;
    const status = await send(url, platform.message(message(sender, text('\u0000', '\u0007', '\ud800'))));
    expect(status).toBeLessThan(300);
    const found = await stored(name, text('\ufffd', '\ufffd', '\ufffd'));
    const { rows } = await h.pool.query<{ flags: { textRepaired?: string[] } }>(
      'SELECT flags FROM messages WHERE id = $1',
      [found.id],
    );
    expect(rows[0]?.flags.textRepaired).toContain('content.text');
  });

  it('answers framework errors on its routes as problem+json of our catalogue (405, 414, 404)', async () => {
    const request = platform.message(message(fresh(), `${name} methods`));
    const problemOf = async (res: Response) => {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return ((await res.json()) as { type: string }).type;
    };
    // A polled account has no intake route to call with the wrong method; the others still apply.
    if (!('polled' in request)) {
      const wrongMethod = await fetch(`${url}${request.path}`, { method: 'DELETE' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toContain('POST');
      expect(await problemOf(wrongMethod)).toBe('urn:omni:problem:method-not-allowed');
    }
    const longAccount = await fetch(`${url}/channels/${name}/${'a'.repeat(300)}/webhook`, {
      method: 'POST',
    });
    expect(await problemOf(longAccount)).toMatch(/^urn:omni:problem:(uri-too-long|not-found)$/);
    const unknown = await fetch(`${url}/channels/${name}/nope/${'x'.repeat(10)}`);
    expect(unknown.status).toBe(404);
    expect(await problemOf(unknown)).toBe('urn:omni:problem:not-found');
  });

  it('answers so that the platform retries while the bus is down', async () => {
    const sender = fresh();
    const down = message(sender, `${name} while down ${sender}`);
    const request = platform.message(down);
    const expected = platform.busDownStatus;
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    if ('polled' in request) {
      if (typeof expected === 'number')
        throw new Error(`${label}: a polled update needs busDownStatus.refetched`);
      // One poller per account (a lease): the channel's server steps aside for one whose bus refuses everything.
      await running.stop();
      const refusing: Bus = {
        publish: async () => {
          throw new Error('broker down');
        },
        subscribe: async () => undefined,
        health: () => ({ ok: false, reason: 'down' }),
        close: async () => undefined,
      };
      const module = channel.build(context(config(), refusing, pool));
      try {
        await module.start?.();
        request.hand();
        await waitFor(() => expected.refetched(down), {
          ...WAIT,
          description: 'the update asked for again, unconfirmed',
        });
      } finally {
        await module.stop?.();
        await pool.end();
        await startChannel();
      }
      // Once the bus is back, the update the platform kept is stored.
      await stored(name, down.text);
      return;
    }
    const bus = await h.kafkaBus();
    await bus.close();
    const module = channel.build(context(config(), bus, pool));
    const app = createHttpServer({
      log: h.log,
      metrics: createMetrics(`conformance-${label}-down`),
      readiness: [],
    });
    if (module.routes) await app.register(module.routes);
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: request.path,
      headers: request.headers,
      payload: request.body,
    });
    await app.close();
    await pool.end();
    expect(res.statusCode).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(500);
  });

  /** A reply through the API to a ticket of `sender`; resolves with the stored reply. */
  const reply = async (sender: number, text: string) => {
    const first = await delivered(sender, `${name} asks ${sender}`);
    const res = await fetch(`${core.url}/v1/tickets/${first.ticket_id}/replies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text, author: 'Conformance' }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };
  const deliveryStatus = async (id: string) =>
    (
      await h.pool.query<{ delivery_status: string }>('SELECT delivery_status FROM messages WHERE id = $1', [
        id,
      ])
    ).rows[0]?.delivery_status;

  it(`delivers a reply as its traits say (${JSON.stringify(channel.traits.replies)}), and records it`, async () => {
    const sender = fresh();
    const text = `Answer ${sender} from ${name}`;
    const id = await reply(sender, text);
    if (channel.traits.replies.via === 'same-channel') {
      await waitFor(() => platform.repliesTo(sender).some((r) => r.includes(text)), {
        ...WAIT,
        description: `the reply at the fake ${name} platform`,
      });
      await waitFor(async () => (await deliveryStatus(id)) === 'sent', {
        ...WAIT,
        description: 'the reply sent',
      });
      return;
    }
    // Replies leave through another channel: the outbound record goes to that channel's topic.
    const via = channel.traits.replies.via;
    const row = await waitFor(
      async () =>
        (await h.pool.query<{ topic: string }>("SELECT topic FROM outbox WHERE payload->>'id' = $1", [id]))
          .rows[0],
      { ...WAIT, description: 'the reply in the outbox' },
    );
    expect(row.topic).toBe(via === 'none' ? undefined : `omni.outbound.${via}.v1`);
    expect(platform.repliesTo(sender)).toEqual([]);
  });

  it('does not store what the platform sends back about our reply as customer input', async () => {
    const sender = fresh();
    const text = `Echoed answer ${sender} from ${name}`;
    const id = await reply(sender, text);
    if (channel.traits.replies.via === 'same-channel')
      await waitFor(async () => (await deliveryStatus(id)) === 'sent', {
        ...WAIT,
        description: 'the reply sent',
      });
    const echo = platform.echoOf({ sender, text });
    if ('none' in echo) {
      // Nothing comes back on this channel (the kit says why): nothing to mistake for input.
      expect(echo.none.length).toBeGreaterThan(0);
      expect(channel.traits.replies.via).not.toBe('same-channel');
      return;
    }
    expect(await send(url, echo)).toBeLessThan(300);
    await delivered(sender, `${name} thanks ${sender}`);
    expect((await storedAs(name, text)).filter((m) => m.direction === 'inbound')).toEqual([]);
  });

  it(`threads a second message as its traits say (conversation: ${channel.traits.conversation})`, async () => {
    const sender = fresh();
    const first = await delivered(sender, `${name} first ${sender}`);
    const second = await delivered(sender, `${name} second ${sender}`);
    expect(second.ticket_id === first.ticket_id).toBe(channel.traits.conversation === 'continuous');
  });
});
