import { randomUUID } from 'node:crypto';
import type { DomainEventType } from '@omni/contracts';
import { named, type PoolClient } from '@omni/db';

export interface NewEvent {
  type: DomainEventType;
  /** Partition key on omni.events.v1: the ticket id (or the customer id for customer events). */
  key: string;
  data: Record<string, unknown>;
}

/**
 * Records domain events in the same transaction as the change: one row of the change feed,
 * which the relay (`OutboxRelay`) also publishes to `omni.events.v1`, keyed by
 * `key`. A crash can delay an event, never lose it. One statement for the whole list.
 */
export async function recordEvents(client: PoolClient, events: NewEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const insert = eventsInsert(events, at, '$1');
  await client.query(named(insert.sql, [insert.value]));
}

/**
 * {@link recordEvents}' INSERT, reading the events from the parameter `param` (pass `value`
 * there): the last part of a statement whose data-modifying `WITH` makes the change itself (or
 * one more `WITH` of it, when the statement ends in a read), so the change and its events cost
 * one round trip.
 */
export function eventsInsert(
  events: NewEvent[],
  at: Date,
  param: `$${number}`,
): { sql: string; value: string } {
  const rows = events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    occurredAt: at.toISOString(),
    data: e.data,
    key: e.key,
  }));
  return {
    sql: `INSERT INTO events (id, type, occurred_at, data, key)
     SELECT id, type, "occurredAt", data, key
       FROM jsonb_to_recordset(${param}::jsonb) AS x(id uuid, type text, "occurredAt" timestamptz, data jsonb, key text)`,
    value: JSON.stringify(rows),
  };
}
