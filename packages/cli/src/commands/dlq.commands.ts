import { allTopics } from '@omni/asyncapi';
import { DLQ_HEADERS } from '@omni/bus';
import { dlqTopic, TOPICS } from '@omni/contracts';
import { type Command, type CommandContext, type CommandGroup, UsageError } from '../command';
import { kafkaTarget, readTopic, type StoredRecord } from '../kafka-access';

/** Header a replayed record carries: where it came from (the DLQ record's position). */
export const REPLAYED_FROM_HEADER = 'omni-replayed-from';

const SOURCE_TOPICS = allTopics().filter((t) => !t.endsWith('.dlq'));

function sourceTopic(ctx: CommandContext, fallback?: string): string {
  const topic = typeof ctx.flags.topic === 'string' ? ctx.flags.topic : fallback;
  if (!topic) throw new UsageError('--topic is required');
  if (!SOURCE_TOPICS.includes(topic))
    throw new UsageError(`unknown topic ${topic}; one of ${SOURCE_TOPICS.join(', ')}`);
  return topic;
}

/** The channel named inside a record's JSON value, if any (inbound, outbound and delivery records have one). */
function channelOf(r: StoredRecord): string | undefined {
  try {
    const channel = (JSON.parse(r.value?.toString('utf8') ?? 'null') as { channel?: unknown } | null)
      ?.channel;
    return typeof channel === 'string' ? channel : undefined;
  } catch {
    return undefined;
  }
}

const position = (r: StoredRecord) => `${r.partition}:${r.offset}`;

const list: Command = {
  name: 'dlq list',
  summary: 'List dead-lettered records with their reasons (every topic, or one)',
  usage: '[--topic <source topic>] [--channel <channel>]',
  async run(ctx) {
    const { kafka, prefix } = kafkaTarget(ctx.env);
    const topics = ctx.flags.topic ? [sourceTopic(ctx)] : SOURCE_TOPICS;
    let total = 0;
    for (const topic of topics) {
      const records = (await readTopic(kafka, `${prefix}${dlqTopic(topic)}`)).filter(
        (r) => typeof ctx.flags.channel !== 'string' || channelOf(r) === ctx.flags.channel,
      );
      if (records.length === 0) continue;
      ctx.out(`${dlqTopic(topic)}: ${records.length} record(s)`);
      for (const r of records) {
        const reason = (r.headers[DLQ_HEADERS.reason] ?? '(no reason)').replace(/\s+/g, ' ').slice(0, 200);
        ctx.out(
          `  ${position(r).padEnd(8)} ${r.headers[DLQ_HEADERS.failedAt] ?? ''}  ${r.headers[DLQ_HEADERS.groupId] ?? ''}  ${channelOf(r) ?? '-'}  ${reason}`,
        );
      }
      total += records.length;
    }
    if (total === 0) ctx.out('no dead-lettered records');
    return 0;
  },
};

const show: Command = {
  name: 'dlq show',
  summary: 'Show one dead-lettered record: headers (reason, source) and value',
  usage: '<partition:offset> [--topic <source topic>]   (default topic omni.inbound.v1)',
  async run(ctx) {
    const topic = sourceTopic(ctx, TOPICS.inbound);
    const id = ctx.args[0];
    if (!id || !/^\d+:\d+$/.test(id))
      throw new UsageError('give the record as <partition>:<offset> (from `dlq list`)');
    const { kafka, prefix } = kafkaTarget(ctx.env);
    const record = (await readTopic(kafka, `${prefix}${dlqTopic(topic)}`)).find((r) => position(r) === id);
    if (!record) {
      ctx.out(`no record ${id} in ${dlqTopic(topic)}`);
      return 1;
    }
    ctx.out(`${dlqTopic(topic)} ${id}  key ${record.key ?? '(none)'}`);
    for (const [k, v] of Object.entries(record.headers)) ctx.out(`  ${k}: ${v}`);
    const text = record.value?.toString('utf8') ?? '(empty)';
    try {
      ctx.out(JSON.stringify(JSON.parse(text), null, 2));
    } catch {
      ctx.out(text);
    }
    return 0;
  },
};

const replay: Command = {
  name: 'dlq replay',
  summary:
    'Publish dead-lettered records back to their topic after a fix (idempotent: consumers dedupe by id)',
  usage: '(--all | --channel <channel> | --id <partition:offset,…>) [--topic <source topic>] [--dry-run]',
  async run(ctx) {
    const topic = sourceTopic(ctx, TOPICS.inbound);
    const ids =
      typeof ctx.flags.id === 'string' ? new Set(ctx.flags.id.split(',').map((s) => s.trim())) : undefined;
    const channel = typeof ctx.flags.channel === 'string' ? ctx.flags.channel : undefined;
    if (!ids && !channel && ctx.flags.all !== true)
      throw new UsageError('say what to replay: --all, --channel <channel> or --id <partition:offset,…>');
    const { kafka, prefix } = kafkaTarget(ctx.env);
    const dlq = `${prefix}${dlqTopic(topic)}`;
    const matching = (await readTopic(kafka, dlq)).filter(
      (r) => (!ids || ids.has(position(r))) && (!channel || channelOf(r) === channel),
    );
    // A dead letter without a source offset was never on the source topic: an adapter set
    // the raw platform payload aside before publishing. Replaying it would only fail again.
    const selected = matching.filter((r) => r.headers[DLQ_HEADERS.sourceOffset] !== undefined);
    for (const r of matching.filter((m) => !selected.includes(m)))
      ctx.out(
        `skipping ${position(r)}: set aside by ${r.headers[DLQ_HEADERS.groupId] ?? 'an adapter'} before publishing; not a record of ${topic}`,
      );
    if (selected.length === 0) {
      ctx.out(`nothing to replay from ${dlqTopic(topic)}`);
      return ids ? 1 : 0;
    }
    for (const r of selected)
      ctx.out(`${ctx.flags['dry-run'] ? 'would replay' : 'replaying'} ${position(r)} → ${topic}`);
    if (ctx.flags['dry-run'] === true) return 0;
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    try {
      await producer.send({
        topic: `${prefix}${topic}`,
        acks: -1,
        messages: selected.map((r) => ({
          key: r.key,
          value: r.value,
          headers: {
            ...withoutDlqHeaders(r.headers),
            [REPLAYED_FROM_HEADER]: `${dlqTopic(topic)}/${position(r)}`,
          },
        })),
      });
    } finally {
      await producer.disconnect();
    }
    ctx.out(`replayed ${selected.length} record(s) to ${topic}`);
    return 0;
  },
};

/** The source record's own headers (its trace context included), without the DLQ's. */
function withoutDlqHeaders(headers: Record<string, string>): Record<string, string> {
  const dlqNames = new Set<string>(Object.values(DLQ_HEADERS));
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !dlqNames.has(k)));
}

export const dlqCommands: CommandGroup = [list, show, replay];
