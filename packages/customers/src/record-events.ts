import { randomUUID } from 'node:crypto';
import { type DomainEventType, TOPICS } from '@omni/contracts';
import type { PoolClient } from '@omni/db';

export interface NewEvent {
  type: DomainEventType;
  /** Partition key on omni.events.v1: the ticket id (or the customer id for customer events). */
  key: string;
  data: Record<string, unknown>;
}

/**
 * Records domain events in the same transaction as the change: the change feed row and
 * the outbox row that a relay publishes to `omni.events.v1`. A crash can delay an event,
 * never lose it. One statement for the whole list.
 */
export async function recordEvents(client: PoolClient, events: NewEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    occurredAt: at.toISOString(),
    data: e.data,
    key: e.key,
  }));
  await client.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, type text, "occurredAt" timestamptz, data jsonb, key text)
     ), feed AS (
       INSERT INTO events (id, type, occurred_at, data) SELECT id, type, "occurredAt", data FROM input
     )
     INSERT INTO outbox (topic, key, payload)
     SELECT $2, key, jsonb_build_object('id', id, 'type', type, 'occurredAt', "occurredAt", 'data', data) FROM input`,
    [JSON.stringify(rows), TOPICS.events],
  );
}
