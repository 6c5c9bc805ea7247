export { type EmbeddedPostgresOptions, freePort, startEmbeddedPostgres } from '@omni/embedded-postgres';
export { brokenBus, MemoryBlobs, recordingBus, serveModule } from './adapter-harness';
export type {
  ConformanceKit,
  ConformanceKits,
  ConformanceMessage,
  ConformancePlatform,
  PlatformDelivery,
  PlatformRequest,
  PolledUpdate,
} from './conformance-kit';
export { isDockerAvailable } from './docker';
export { type Harness, startHarness } from './harness';
export { startKafka, type TestKafka } from './kafka';
export {
  type KafkaCluster,
  type KafkaClusterNode,
  type KafkaClusterOptions,
  startKafkaCluster,
} from './kafka-cluster';
export { cacheDir, KAFKA_VERSION, kafkaLibs, SLF4J_VERSION } from './kafka-jars';
export { type KafkaProcess, type LocalKafkaOptions, startLocalKafka } from './local-kafka';
export { isLoopbackAddress } from './loopback-tripwire';
export { messengerConformanceKit } from './messenger-conformance';
export { DELETE, mutateJson } from './mutate-json';
export { LOOPBACK_ALLOW, loopbackOutboundGuard, tableResolver } from './outbound';
export { ownGroups } from './own-groups';
export { createTestDatabase, startPostgres, type TestDatabase, type TestPostgres } from './postgres';
export { outboundMessage, platformFailure } from './reply-fixtures';
export { rowsRead } from './rows-read';
export { TEST_ENV, testDatabase, testKafkaBrokers } from './test-env';
export { testLogger } from './test-logger';
export { type Child, runTs, waitForOutput } from './ts-process';
export { uniqueName } from './unique-name';
export { type WaitForOptions, waitFor } from './wait-for';
export { fuzzWebhookBodies, hostileText } from './webhook-fuzz';
