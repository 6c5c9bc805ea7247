import { createHmac } from 'node:crypto';
import { InProcessBus } from '@omni/bus';
import { dlqTopic, ERROR_CODES, messageId, platformErrorCode, TOPICS } from '@omni/contracts';
import { testLogger } from '@omni/testkit';
import { z } from 'zod';
import {
  AttemptCounter,
  BoundedMap,
  hmacSha256Matches,
  PlatformError,
  publishNormalized,
  ReplyProgress,
  secretMatches,
} from '../src';

const log = testLogger('intake-kit');

it('BoundedMap forgets the oldest key beyond its bound; refresh makes a key the newest', () => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1).set('b', 2);
  map.refresh('a', 3);
  map.set('c', 4);
  expect([...map.entries()]).toEqual([
    ['a', 3],
    ['c', 4],
  ]);
});

it('AttemptCounter gives up after the limit and starts again after a success', () => {
  const counter = new AttemptCounter(2);
  counter.failed('file');
  expect(counter.exhausted('file')).toBe(false);
  counter.failed('file');
  expect(counter.exhausted('file')).toBe(true);
  counter.succeeded('file');
  expect(counter.exhausted('file')).toBe(false);
});

describe('ReplyProgress', () => {
  it('resumes after a retriable failure without sending the first parts twice', async () => {
    const progress = new ReplyProgress();
    const sent: string[] = [];
    let fail = true;
    const part = async (p: string) => {
      if (p === 'b' && fail) {
        fail = false;
        throw new PlatformError(platformErrorCode('test', 429), 'slow down', { retriable: true });
      }
      sent.push(p);
      return `id-${p}`;
    };
    await expect(progress.send('m1', ['a', 'b', 'c'], part)).rejects.toThrow('slow down');
    expect(progress.sentParts('m1')).toBe(1);
    expect(await progress.send('m1', ['a', 'b', 'c'], part)).toEqual({ externalId: 'id-a' });
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(progress.size).toBe(0);
  });

  it('forgets a reply that failed for good, and refuses one with nothing to send', async () => {
    const progress = new ReplyProgress();
    const refused = async () => {
      throw new PlatformError(platformErrorCode('test', 403), 'blocked', { retriable: false });
    };
    await expect(progress.send('m2', ['a'], refused)).rejects.toThrow('blocked');
    expect(progress.size).toBe(0);
    await expect(progress.send('m3', [], refused)).rejects.toMatchObject({ code: ERROR_CODES.emptyReply });
  });

  it('is bounded: a reply whose retries ran out cannot grow it forever', async () => {
    const progress = new ReplyProgress(2);
    const flaky = async () => {
      throw new PlatformError(platformErrorCode('test', 500), 'down', { retriable: true });
    };
    for (const id of ['x', 'y', 'z']) await expect(progress.send(id, ['a'], flaky)).rejects.toThrow('down');
    expect(progress.size).toBe(2);
    progress.forget('z');
    expect(progress.size).toBe(1);
  });
});

it('compares secrets and HMACs in constant time, never matching an unset secret', () => {
  expect(secretMatches('s3cret', 's3cret')).toBe(true);
  expect(secretMatches('s3cret', 's3cre')).toBe(false);
  expect(secretMatches(undefined, 's3cret')).toBe(false);
  expect(secretMatches('', '')).toBe(false);
  const body = Buffer.from('{"a":1}');
  const signature = createHmac('sha256', 'key').update(body).digest('hex');
  expect(hmacSha256Matches(body, signature, 'key')).toBe(true);
  expect(hmacSha256Matches(Buffer.from('{"a":2}'), signature, 'key')).toBe(false);
  expect(hmacSha256Matches(body, signature, 'other-key')).toBe(false);
  expect(hmacSha256Matches(body, 'not-hex', 'key')).toBe(false);
});

it('publishNormalized publishes the valid messages and dead-letters one that breaks the contract', async () => {
  const bus = new InProcessBus(log);
  const published: unknown[] = [];
  const dead: unknown[] = [];
  await bus.subscribe({
    groupId: 'in',
    topic: TOPICS.inbound,
    schema: z.unknown(),
    handle: async (r) => void published.push(...r),
  });
  await bus.subscribe({
    groupId: 'dlq',
    topic: dlqTopic(TOPICS.inbound),
    schema: z.unknown(),
    handle: async (r) => void dead.push(...r.map((x) => x.value)),
  });
  const good = {
    version: 1 as const,
    id: messageId('webform', 'shop', 'sub-1'),
    channel: 'webform' as const,
    account: 'shop',
    externalId: 'sub-1',
    sentAt: '2026-11-22T10:00:00Z',
    receivedAt: '2026-11-22T10:00:01Z',
    sender: { externalId: 'anna@example.com' },
    identities: [],
    content: { kind: 'form' as const, text: 'hello' },
  };
  const bad = { ...good, externalId: 'sub-2', sentAt: 'yesterday' };
  const result = await publishNormalized({ bus, channel: 'webform', log, now: () => new Date() }, [
    good,
    bad,
  ]);
  expect(result).toMatchObject({ published: [{ externalId: 'sub-1' }], deadLettered: 1 });
  expect(published).toHaveLength(1);
  expect(dead).toEqual([
    expect.objectContaining({
      channel: 'webform',
      account: 'shop',
      payload: bad,
      reason: expect.stringContaining('sentAt'),
    }),
  ]);
  await bus.close();
});
