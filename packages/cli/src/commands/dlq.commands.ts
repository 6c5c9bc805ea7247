import { allTopics } from '@omni/asyncapi';
import { DLQ_HEADERS } from '@omni/bus';
import {
  CHANNELS,
  Channel,
  dlqTopic,
  InboundMessage,
  IntakeDeadLetter,
  inboundKey,
  TOPICS,
} from '@omni/contracts';
import { type Command, type CommandContext, type CommandGroup, UsageError } from '../command';
import { deadLetterQueue } from '../dead-letter-access';
import type { StoredRecord } from '../kafka-access';

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

/** `--channel`, checked against the channel list. */
function channelFlag(ctx: CommandContext): string | undefined {
  const channel = ctx.flags.channel;
  if (channel === undefined) return undefined;
  if (typeof channel !== 'string' || !Channel.safeParse(channel).success)
    throw new UsageError(`unknown channel ${String(channel)}; one of ${CHANNELS.join(', ')}`);
  return channel;
}

/** A dead letter a consumer set aside: the source record's bytes, at a known offset. */
const consumed = (r: StoredRecord) => r.headers[DLQ_HEADERS.sourceOffset] !== undefined;

/**
 * What replaying an adapter's dead letter (an `IntakeDeadLetter`, never on the source topic)
 * would publish: its normalized message, once that validates; else why it cannot be replayed.
 */
function intakeReplay(
  r: StoredRecord,
  topic: string,
): { key: string; value: InboundMessage } | { why: string } {
  const by = `set aside by ${r.headers[DLQ_HEADERS.groupId] ?? 'an adapter'} before publishing`;
  if (topic !== TOPICS.inbound) return { why: `${by}; not a record of ${topic}` };
  let letter: IntakeDeadLetter;
  try {
    letter = IntakeDeadLetter.parse(JSON.parse(r.value?.toString('utf8') ?? 'null'));
  } catch {
    return { why: `${by}; not an intake dead letter` };
  }
  const message = InboundMessage.safeParse(letter.payload);
  if (!message.success) {
    const issue = message.error.issues[0];
    return {
      why: `${by}; its payload is not a valid inbound message (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}), so replaying it would only fail again`,
    };
  }
  const m = message.data;
  return { key: inboundKey(m.channel, m.account, m.sender.externalId), value: m };
}

const list: Command = {
  name: 'dlq list',
  summary:
    "List dead-lettered records with their reasons (every topic, or one): Kafka's when KAFKA_BROKERS is set, else the launcher's database",
  usage: '[--topic <source topic>] [--channel <channel>]',
  async run(ctx) {
    const topics = ctx.flags.topic ? [sourceTopic(ctx)] : SOURCE_TOPICS;
    const channel = channelFlag(ctx);
    const queue = await deadLetterQueue(ctx);
    let total = 0;
    for (const topic of topics) {
      const records = (await queue.read(dlqTopic(topic))).filter(
        (r) => channel === undefined || channelOf(r) === channel,
      );
      if (records.length === 0) continue;
      ctx.out(`${dlqTopic(topic)}: ${records.length} record(s)`);
      for (const r of records) {
        const reason = (r.headers[DLQ_HEADERS.reason] ?? '(no reason)').replace(/\s+/g, ' ').slice(0, 200);
        const replayed = r.replayedAt ? `  (replayed ${r.replayedAt.toISOString()})` : '';
        ctx.out(
          `  ${position(r).padEnd(8)} ${r.headers[DLQ_HEADERS.failedAt] ?? ''}  ${r.headers[DLQ_HEADERS.groupId] ?? ''}  ${channelOf(r) ?? '-'}  ${reason}${replayed}`,
        );
      }
      total += records.length;
    }
    if (total === 0) ctx.out(`no dead-lettered records in ${queue.where}`);
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
    const queue = await deadLetterQueue(ctx);
    const record = (await queue.read(dlqTopic(topic))).find((r) => position(r) === id);
    if (!record) {
      ctx.out(`no record ${id} in ${dlqTopic(topic)}`);
      return 1;
    }
    ctx.out(`${dlqTopic(topic)} ${id}  key ${record.key ?? '(none)'}`);
    if (record.replayedAt) ctx.out(`  replayed ${record.replayedAt.toISOString()}`);
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
    const channel = channelFlag(ctx);
    if (!ids && !channel && ctx.flags.all !== true)
      throw new UsageError('say what to replay: --all, --channel <channel> or --id <partition:offset,…>');
    const queue = await deadLetterQueue(ctx);
    const matching = (await queue.read(dlqTopic(topic))).filter(
      (r) => (!ids || ids.has(position(r))) && (!channel || channelOf(r) === channel),
    );
    // A consumer's dead letter goes back byte for byte; an adapter's (no source offset) is
    // unwrapped: its normalized message, once it validates.
    const selected: Array<{ r: StoredRecord; key: string | null; value: Buffer | string | null }> = [];
    for (const r of matching) {
      if (consumed(r)) {
        selected.push({ r, key: r.key, value: r.value });
        continue;
      }
      const unwrapped = intakeReplay(r, topic);
      if ('why' in unwrapped) ctx.out(`skipping ${position(r)}: ${unwrapped.why}`);
      else selected.push({ r, key: unwrapped.key, value: JSON.stringify(unwrapped.value) });
    }
    if (selected.length === 0) {
      ctx.out(`nothing to replay from ${dlqTopic(topic)}`);
      return ids ? 1 : 0;
    }
    for (const { r } of selected)
      ctx.out(`${ctx.flags['dry-run'] ? 'would replay' : 'replaying'} ${position(r)} → ${topic}`);
    if (ctx.flags['dry-run'] === true) return 0;
    await queue.republish(
      topic,
      selected.map(({ r, key, value }) => ({
        from: r,
        key,
        value,
        headers: {
          ...withoutDlqHeaders(r.headers),
          [REPLAYED_FROM_HEADER]: `${dlqTopic(topic)}/${position(r)}`,
        },
      })),
    );
    ctx.out(`replayed ${selected.length} record(s) to ${topic} (${queue.where})`);
    return 0;
  },
};

/** The source record's own headers (its trace context included), without the DLQ's. */
function withoutDlqHeaders(headers: Record<string, string>): Record<string, string> {
  const dlqNames = new Set<string>(Object.values(DLQ_HEADERS));
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !dlqNames.has(k)));
}

export const dlqCommands: CommandGroup = [list, show, replay];
