import { z } from 'zod';
import { AllowList } from './address-policy';
import { ConfigError, issuesToMessages } from './config-error';

const DAY_MS = 86_400_000;

/** A yes/no variable; `undefined` when unset. */
const optionalFlag = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v)));
const flag = (fallback: boolean) => optionalFlag().transform((v) => v ?? fallback);

/** Environment every service reads (once, in its main.ts). */
export const CommonEnv = z.object({
  /** PostgreSQL connection URL; the standalone launcher embeds PostgreSQL when it is absent. */
  DATABASE_URL: z.string().url().optional(),
  /** Comma-separated Kafka brokers; the standalone launcher uses the in-process bus when absent. */
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ?.split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  KAFKA_CLIENT_ID: z.string().default('omni'),
  /** Prepended to every topic name and consumer group id (several environments on one cluster). */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default(''),
  /** Create missing topics on start (off where topics are provisioned by ops). */
  KAFKA_CREATE_TOPICS: flag(true),
  /** Consumer group session timeout: how soon a crashed replica's partitions move on. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  /**
   * A consumer's fetch waits at the broker for this many bytes or this long, whichever
   * comes first (kafkajs defaults). A short wait makes larger batches only where traffic
   * is steady, and makes every idle consumer poll that often: 64 KiB / 50 ms measured
   * slower end to end (the adapters' idle outbound consumers cost more than threading saved).
   */
  KAFKA_FETCH_MIN_BYTES: z.coerce.number().int().positive().default(1),
  KAFKA_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(5_000),
  /** An idle producer waits this long for more publishes to send with (0: the end of the event-loop turn). */
  KAFKA_PRODUCER_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(0),
  /**
   * An idempotent consumer (threading, automation, delivery reports) commits its offsets at most
   * this often; 0: after every chunk, as the adapters' outbound consumers always do.
   */
  KAFKA_COMMIT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().positive().default(3),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /**
   * How long topics created by the platform keep records (`retention.ms`), which hold
   * personal data (README, "Personal data"): inbound messages, replies and delivery reports
   * 7 days, events (ids only) 7 days, dead letters 30 days — time to fix and replay. Keep
   * `privacy.tombstoneDays` at least as long as the longest of these.
   */
  KAFKA_RETENTION_INBOUND_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * DAY_MS),
  KAFKA_RETENTION_OUTBOUND_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * DAY_MS),
  KAFKA_RETENTION_EVENTS_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * DAY_MS),
  KAFKA_RETENTION_DLQ_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * DAY_MS),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** OTLP/HTTP collector (`http://collector:4318`): spans are exported there; none leave the process without it. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /**
   * `true` turns OpenTelemetry off entirely (no spans, no trace ids in logs or record
   * headers); `false` turns it on even without an exporter (trace ids in logs only).
   * Unset: on exactly when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (see `tracingEnabled`).
   */
  OTEL_SDK_DISABLED: optionalFlag(),
  /** Path of the YAML configuration (CHANNELS.md). */
  OMNI_CONFIG: z.string().optional(),
  /** A key with every scope, created if absent: for first runs. */
  OMNI_BOOTSTRAP_API_KEY: z.string().min(16).optional(),
  /**
   * Addresses, CIDRs and host names that requests made on a user's behalf (webhook
   * deliveries, files at URLs in platform payloads) may reach although private: internal
   * receivers (`10.8.0.0/16,hooks.internal,*.svc.cluster.local`); tests' loopback fakes.
   */
  OMNI_OUTBOUND_ALLOW: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .superRefine((entries, ctx) => {
      try {
        new AllowList(entries);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /** Seconds a graceful shutdown may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
});
export type CommonEnv = z.infer<typeof CommonEnv>;

/** Parses the environment once; every bad variable is named in the error. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError('environment', issuesToMessages(parsed.error));
  return Object.freeze(parsed.data) as z.infer<S>;
}

/**
 * `retention.ms` of a platform topic (full name, prefix and all), from the
 * `KAFKA_RETENTION_*_MS` settings: dead letters, inbound messages, events, and everything
 * else (outbound replies, delivery reports).
 */
export function topicRetentionConfig(
  env: Pick<
    CommonEnv,
    | 'KAFKA_RETENTION_INBOUND_MS'
    | 'KAFKA_RETENTION_OUTBOUND_MS'
    | 'KAFKA_RETENTION_EVENTS_MS'
    | 'KAFKA_RETENTION_DLQ_MS'
  >,
): (topic: string) => Record<string, string> {
  return (topic) => {
    const ms = topic.endsWith('.dlq')
      ? env.KAFKA_RETENTION_DLQ_MS
      : topic.includes('omni.inbound.')
        ? env.KAFKA_RETENTION_INBOUND_MS
        : topic.includes('omni.events.')
          ? env.KAFKA_RETENTION_EVENTS_MS
          : env.KAFKA_RETENTION_OUTBOUND_MS;
    return { 'retention.ms': String(ms) };
  };
}
