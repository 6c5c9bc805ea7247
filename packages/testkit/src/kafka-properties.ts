/** Ports and paths of one single-node KRaft cluster. */
export interface KafkaNodeLayout {
  /** PLAINTEXT listener: the one clients use. */
  port: number;
  /** CONTROLLER listener: KRaft only, never for clients. */
  controllerPort: number;
  logDir: string;
}

/**
 * `server.properties` of a combined broker+controller node. Internal topics get replication 1 and
 * min ISR 1 (the defaults of 3 can never be met by one node) and one partition each (50 would be
 * created on the first group join for nothing); no rebalance delay, since its 3 s default delays
 * every first join; no topic auto-creation, so a test that forgets to create a topic fails loudly.
 */
export function kafkaServerProperties({ port, controllerPort, logDir }: KafkaNodeLayout): string {
  const listeners = `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`;
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
    listeners,
    'advertised.listeners': listeners,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 3,
    'auto.create.topics.enable': false,
    'group.initial.rebalance.delay.ms': 0,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    // A broker killed with SIGKILL cannot re-register until its old session expires (default 9 s).
    'broker.heartbeat.interval.ms': 500,
    'broker.session.timeout.ms': 2_000,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
