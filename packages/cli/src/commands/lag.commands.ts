import type { Command, CommandGroup } from '../command';
import { kafkaTarget } from '../kafka-access';

const lag: Command = {
  name: 'lag',
  summary: 'Consumer lag per group and partition, as the brokers see it',
  usage: '[--group <group id>]',
  async run(ctx) {
    const { kafka, prefix } = kafkaTarget(ctx.env);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups = (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((g) => !g.startsWith('omni-cli-'))
        .filter((g) => typeof ctx.flags.group !== 'string' || g === ctx.flags.group)
        .sort();
      const ends = new Map<string, Map<number, bigint>>();
      let rows = 0;
      for (const groupId of groups) {
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
          // Only this environment's topics (the prefix isolates environments on one cluster).
          if (!topic.startsWith(prefix)) continue;
          let high = ends.get(topic);
          if (!high) {
            high = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
            ends.set(topic, high);
          }
          for (const p of partitions.sort((a, b) => a.partition - b.partition)) {
            const end = high.get(p.partition) ?? 0n;
            const committed = BigInt(p.offset);
            const behind = committed < 0n ? end : end - committed;
            ctx.out(
              `${groupId}  ${topic.slice(prefix.length)}[${p.partition}]  committed ${committed < 0n ? '-' : committed}  end ${end}  lag ${behind}`,
            );
            rows += 1;
          }
        }
      }
      if (rows === 0) ctx.out('no consumer groups with committed offsets');
      return 0;
    } finally {
      await admin.disconnect();
    }
  },
};

export const lagCommands: CommandGroup = [lag];
