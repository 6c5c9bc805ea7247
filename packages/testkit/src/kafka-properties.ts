/** Ports and paths of one KRaft node. */
export interface KafkaNodeLayout {
  /** PLAINTEXT listener: the one clients use. */
  port: number;
  /** CONTROLLER listener: KRaft only, never for clients. */
  controllerPort: number;
  logDir: string;
}

/** A node's place in a multi-node cluster (every node a broker and a controller voter). */
export interface KafkaQuorumMember {
  nodeId: number;
  /** Every voter of the static controller quorum, this node included. */
  voters: ReadonlyArray<{ nodeId: number; controllerPort: number }>;
  /** Replicas of every topic, internal ones included. */
  replicationFactor: number;
  /** In-sync replicas an `acks=all` write needs (topics and internal topics alike). */
  minInsyncReplicas: number;
}

/**
 * `server.properties` of a combined broker+controller node: alone (a one-node quorum,
 * replication 1, since the default of 3 can never be met by one node), or a member of a
 * static quorum, where every topic — internal ones included — is written to
 * `replicationFactor` replicas and acknowledged by `minInsyncReplicas`, and no out-of-sync
 * replica may become leader. One partition per internal topic (50 would be created on the
 * first group join for nothing); no rebalance delay, since its 3 s default delays every
 * first join; no topic auto-creation, so a test that forgets to create a topic fails loudly.
 */
export function kafkaServerProperties(
  { port, controllerPort, logDir }: KafkaNodeLayout,
  member?: KafkaQuorumMember,
): string {
  const listeners = `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`;
  const replication = member?.replicationFactor ?? 1;
  const minIsr = member?.minInsyncReplicas ?? 1;
  const quorum: Record<string, string> = member
    ? {
        'controller.quorum.voters': member.voters
          .map((v) => `${v.nodeId}@127.0.0.1:${v.controllerPort}`)
          .join(','),
      }
    : { 'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}` };
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': member?.nodeId ?? 1,
    ...quorum,
    listeners,
    'advertised.listeners': listeners,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 3,
    'auto.create.topics.enable': false,
    'group.initial.rebalance.delay.ms': 0,
    'default.replication.factor': replication,
    'offsets.topic.replication.factor': replication,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': replication,
    'share.coordinator.state.topic.min.isr': minIsr,
    'min.insync.replicas': minIsr,
    // Acknowledged writes survive a lost leader only if its successor has them.
    'unclean.leader.election.enable': false,
    // A broker killed with SIGKILL cannot re-register until its old session expires (default 9 s);
    // the controller fences it (and drops it from every ISR) after this long.
    'broker.heartbeat.interval.ms': 500,
    'broker.session.timeout.ms': 2_000,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
