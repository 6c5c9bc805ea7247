import { CHANNELS, outboundTopic, TOPICS } from '@omni/contracts';
import { type Harness, startHarness } from '@omni/testkit';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { runCli } from '../src/run-cli';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('cli-topics');
});
afterAll(async () => {
  await h?.close();
});

async function omni(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: {
      KAFKA_BROKERS: h.brokers.join(','),
      KAFKA_TOPIC_PREFIX: h.topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '2',
      KAFKA_RETENTION_INBOUND_MS: '3600000',
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    log: h.log,
  });
  return { code, out, err };
}

it('lists every topic from the channel list (what deploy/kafka/create-topics.sh creates) and creates them', async () => {
  const listed = await omni('topics');
  expect(listed.code).toBe(0);
  const expected = [TOPICS.inbound, TOPICS.events, TOPICS.delivery, ...CHANNELS.map(outboundTopic)];
  expect(listed.out.sort()).toEqual(
    expected.flatMap((t) => [`${h.topicPrefix}${t}`, `${h.topicPrefix}${t}.dlq`]).sort(),
  );

  const created = await omni('topics', 'create');
  expect(created).toMatchObject({
    code: 0,
    out: [`${listed.out.length} topics exist (2 partitions for those created now)`],
  });
  const admin = new Kafka({
    clientId: 'cli-topics-test',
    brokers: h.brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    expect(listed.out.filter((t) => !existing.includes(t))).toEqual([]);
    const [telegram] = (
      await admin.fetchTopicMetadata({ topics: [`${h.topicPrefix}${outboundTopic('telegram')}`] })
    ).topics;
    expect(telegram?.partitions).toHaveLength(2);
    // Personal data is kept only so long: inbound as set, the rest by default (events and
    // outbound 7 days, dead letters 30).
    const retention: Record<string, string | undefined> = {};
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [TOPICS.inbound, `${TOPICS.inbound}.dlq`, TOPICS.events, outboundTopic('telegram')].map(
        (t) => ({
          type: ConfigResourceTypes.TOPIC,
          name: `${h.topicPrefix}${t}`,
          configNames: ['retention.ms'],
        }),
      ),
    });
    for (const r of described.resources)
      retention[r.resourceName.slice(h.topicPrefix.length)] = r.configEntries[0]?.configValue;
    expect(retention).toEqual({
      [TOPICS.inbound]: '3600000',
      [`${TOPICS.inbound}.dlq`]: String(30 * 86_400_000),
      [TOPICS.events]: String(7 * 86_400_000),
      [outboundTopic('telegram')]: String(7 * 86_400_000),
    });
  } finally {
    await admin.disconnect();
  }
});
