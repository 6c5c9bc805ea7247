import type { Message, Producer, TopicMessages } from 'kafkajs';

interface Pending {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Coalesces concurrent publishes into one `sendBatch`. kafkajs's idempotent producer keeps
 * one request in flight per broker, so throughput comes from many messages per request:
 * while a request is in flight, new publishes queue up and leave together in the next one.
 * An idle publish waits for the end of the current turn of the event loop (`setImmediate`),
 * so the webhooks read from the sockets in the same turn share one request instead of one
 * each — a produce request's cost (encoding, a socket write, the broker's work, the answer)
 * is mostly per request, not per message — or, with `lingerMs`, that long. Each caller's
 * promise still resolves only once the broker acknowledged its records.
 */
export class ProducerBatcher {
  private queue: Pending[] = [];
  /** A drain is scheduled or running: new publishes only queue. */
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly maxMessagesPerRequest = 5_000,
    private readonly lingerMs = 0,
  ) {}

  send(topic: string, messages: Message[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      if (!this.sending) {
        this.sending = true;
        if (this.lingerMs > 0) setTimeout(() => void this.drain(), this.lingerMs);
        else setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      try {
        await this.producer.sendBatch({ topicMessages: groupByTopic(batch), acks: -1 });
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.sending = false;
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let count = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Pending;
      if (batch.length > 0 && count + next.messages.length > this.maxMessagesPerRequest) break;
      batch.push(next);
      count += next.messages.length;
      this.queue.shift();
    }
    return batch;
  }
}

function groupByTopic(batch: Pending[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const p of batch) {
    const list = byTopic.get(p.topic) ?? [];
    list.push(...p.messages);
    byTopic.set(p.topic, list);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
