import { type Pool, withTransaction } from './pool';

/** A dead letter to keep: the shape of a record on a `<topic>.dlq` Kafka topic. */
export interface DeadLetterInput {
  /** The dead-letter topic (`omni.inbound.v1.dlq`). */
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface StoredDeadLetter {
  /** Its offset: the row id (every row is in partition 0). */
  id: string;
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  createdAt: Date;
  replayedAt: Date | null;
}

/** A record to hand back to its source topic, with the dead letter it replaces. */
export interface DeadLetterReplay {
  id: string;
  topic: string;
  key: string;
  /** JSON text. */
  value: string;
  headers: Record<string, string>;
}

/**
 * The launcher's dead-letter queue in PostgreSQL (table `dead_letters`): what the in-process
 * bus sets aside, kept across restarts. A replay goes through the outbox, in the same
 * transaction that marks the dead letter replayed, so the running launcher's relay publishes
 * it (or the next one to start does).
 */
export class PgDeadLetterStore {
  constructor(private readonly pool: Pool) {}

  async write(letters: readonly DeadLetterInput[]): Promise<void> {
    if (letters.length === 0) return;
    await this.pool.query(
      `INSERT INTO dead_letters (topic, key, value, headers)
       SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::jsonb[])`,
      [
        letters.map((l) => l.topic),
        letters.map((l) => (l.key === null ? null : Buffer.from(l.key, 'utf8'))),
        letters.map((l) => (l.value === null ? null : Buffer.from(l.value, 'utf8'))),
        letters.map((l) => JSON.stringify(storableHeaders(l.headers))),
      ],
    );
  }

  /** Every dead letter of a dead-letter topic, oldest first (replayed ones too, as Kafka keeps them). */
  async list(topic: string): Promise<StoredDeadLetter[]> {
    const { rows } = await this.pool.query<{
      id: string;
      topic: string;
      key: Buffer | null;
      value: Buffer | null;
      headers: Record<string, string>;
      created_at: Date;
      replayed_at: Date | null;
    }>('SELECT * FROM dead_letters WHERE topic = $1 ORDER BY id', [topic]);
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      key: r.key?.toString('utf8') ?? null,
      value: r.value,
      headers: r.headers,
      createdAt: r.created_at,
      replayedAt: r.replayed_at,
    }));
  }

  /** Dead letters not replayed yet, per dead-letter topic. */
  async pending(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ topic: string; n: string }>(
      'SELECT topic, count(*) AS n FROM dead_letters WHERE replayed_at IS NULL GROUP BY topic ORDER BY topic',
    );
    return Object.fromEntries(rows.map((r) => [r.topic, Number(r.n)]));
  }

  /** Queues the records on the outbox and marks their dead letters replayed, in one transaction. */
  async replay(records: readonly DeadLetterReplay[]): Promise<void> {
    if (records.length === 0) return;
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO outbox (topic, key, payload_text, headers)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
        [
          records.map((r) => r.topic),
          records.map((r) => r.key),
          records.map((r) => r.value),
          records.map((r) => JSON.stringify(storableHeaders(r.headers))),
        ],
      );
      await client.query('UPDATE dead_letters SET replayed_at = now() WHERE id = ANY($1::bigint[])', [
        records.map((r) => r.id),
      ]);
    });
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what jsonb refuses
const NOT_STORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * jsonb refuses NUL and lone surrogates, which a reason quoting the bad input may carry:
 * replaced by U+FFFD in the headers (the value keeps its bytes).
 */
function storableHeaders(headers: Record<string, string>): Record<string, string> {
  const clean = (s: string) => s.replace(NOT_STORABLE, '\ufffd');
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [clean(k), clean(v)]));
}
