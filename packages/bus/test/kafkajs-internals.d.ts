// The kafkajs modules the producer-retry regression test drives directly (patches/kafkajs@2.2.4.patch).
declare module 'kafkajs/src/producer/sendMessages' {
  const createSendMessages: (deps: {
    logger: unknown;
    cluster: unknown;
    partitioner: (args: { message: { partition?: number } }) => number;
    eosManager: unknown;
    retrier: unknown;
  }) => (request: {
    acks: number;
    timeout: number;
    topicMessages: Array<{ topic: string; messages: Array<{ value: string; partition?: number }> }>;
  }) => Promise<Array<{ topicName: string; partition: number; errorCode: number; baseOffset: string }>>;
  export = createSendMessages;
}
declare module 'kafkajs/src/producer/eosManager' {
  const createEosManager: (deps: { logger: unknown; cluster: unknown; transactional: boolean }) => {
    initProducerId(): Promise<void>;
    getSequence(topic: string, partition: number): number;
  };
  export = createEosManager;
}
declare module 'kafkajs/src/retry' {
  const createRetry: (options: {
    retries: number;
    initialRetryTime: number;
    maxRetryTime: number;
  }) => unknown;
  export = createRetry;
}
