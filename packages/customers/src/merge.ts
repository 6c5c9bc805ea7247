import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import { customerError } from './customer-errors';
import type { MergeReason } from './merge-records';
import { type NewEvent, recordEvents } from './record-events';

export interface MergeInput {
  /** The customer that stays (threading picks the older one). */
  survivorId: string;
  /** The customer merged away: its identities, tickets and messages move to the survivor. */
  mergedId: string;
  reason: MergeReason;
  /** Who asked for it (API key name); recorded. */
  actor?: string;
  /** Why an automatic merge happened (message id, identities); recorded as is. */
  trigger?: Record<string, unknown>;
  /** `occurredAt` of the events (defaults to now). */
  now?: Date;
}

export interface MergeResult {
  mergeId: string;
  moved: { identities: number; tickets: number; messages: number };
  /** The domain events recorded (already written to the outbox and change feed). */
  events: NewEvent[];
}

interface LockedCustomer {
  id: string;
  merged_into: string | null;
  erased_at: Date | null;
}

/**
 * Locks customers in id order (so two merges of the same pair cannot deadlock each
 * other) and returns them by id. `FOR NO KEY UPDATE` conflicts with the `FOR SHARE`
 * threading takes on the customers it attaches to, so neither can act on a stale view.
 */
async function lockCustomers(client: PoolClient, ids: string[]): Promise<Map<string, LockedCustomer>> {
  const { rows } = await client.query<LockedCustomer>(
    'SELECT id, merged_into, erased_at FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Merges `mergedId` into `survivorId` in the caller's transaction: identities, tickets
 * and messages move, `merged_into` keeps the old id resolvable, the merge is recorded
 * with the ids of everything that moved (so {@link unmergeCustomers} can undo it), and a
 * `customer.merged` event is written to the outbox and change feed.
 *
 * Throws `OmniError` (`retriable: false`): `customer-not-found`, `merge-self`,
 * `customer-merged` (either one is already merged away).
 */
export async function mergeCustomers(client: PoolClient, input: MergeInput): Promise<MergeResult> {
  const { survivorId, mergedId } = input;
  if (survivorId === mergedId)
    throw customerError(ERROR_CODES.mergeSelf, 'a customer cannot be merged into itself', {
      customerId: survivorId,
    });
  const locked = await lockCustomers(client, [survivorId, mergedId]);
  for (const id of [survivorId, mergedId]) {
    const c = locked.get(id);
    // An erased customer is an anonymous shell: nothing merges into or out of it.
    if (!c || c.erased_at)
      throw customerError(ERROR_CODES.customerNotFound, `customer ${id} does not exist`, { customerId: id });
    if (c.merged_into) {
      throw customerError(
        ERROR_CODES.customerMerged,
        `customer ${id} was already merged into ${c.merged_into}`,
        {
          customerId: id,
          mergedInto: c.merged_into,
        },
      );
    }
  }
  const mergeId = randomUUID();
  const { rows } = await client.query<{ identities: number; tickets: number; messages: number }>(
    `WITH i AS (UPDATE identities SET customer_id = $1 WHERE customer_id = $2 RETURNING id),
          t AS (UPDATE tickets SET customer_id = $1 WHERE customer_id = $2 RETURNING id),
          m AS (UPDATE messages SET customer_id = $1 WHERE customer_id = $2 RETURNING id),
          c AS (UPDATE customers SET merged_into = $1, updated_at = now() WHERE id = $2 RETURNING id),
          s AS (UPDATE customers SET updated_at = now() WHERE id = $1 RETURNING id),
          rec AS (
            INSERT INTO customer_merges (id, survivor_id, merged_id, reason, actor, trigger, identity_ids, ticket_ids, message_ids)
            SELECT $3, $1, $2, $4, $5, $6::jsonb,
                   COALESCE((SELECT array_agg(id) FROM i), '{}'),
                   COALESCE((SELECT array_agg(id) FROM t), '{}'),
                   COALESCE((SELECT array_agg(id) FROM m), '{}')
            RETURNING cardinality(identity_ids) AS identities, cardinality(ticket_ids) AS tickets, cardinality(message_ids) AS messages
          )
     SELECT rec.* FROM rec, c, s`,
    [
      survivorId,
      mergedId,
      mergeId,
      input.reason,
      input.actor ?? null,
      input.trigger ? JSON.stringify(input.trigger) : null,
    ],
  );
  const moved = rows[0] ?? { identities: 0, tickets: 0, messages: 0 };
  const events: NewEvent[] = [
    {
      type: 'customer.merged',
      key: survivorId,
      data: { customerId: survivorId, mergedCustomerId: mergedId, mergeId, reason: input.reason, moved },
    },
  ];
  await recordEvents(client, events, input.now ?? new Date());
  return { mergeId, moved, events };
}

export interface UnmergeInput {
  mergeId: string;
  actor?: string;
  now?: Date;
}

export interface UnmergeResult {
  survivorId: string;
  mergedId: string;
  restored: { identities: number; tickets: number; messages: number };
  events: NewEvent[];
}

/**
 * Undoes a merge in the caller's transaction: the identities, tickets and messages it
 * moved (and messages added to those tickets since) go back to the merged customer,
 * whose `merged_into` is cleared. Threading never merges the pair automatically again:
 * the verified identities meeting later are recorded as a conflict instead.
 *
 * Throws `OmniError` (`retriable: false`): `merge-not-found`, `merge-undone`,
 * `merge-superseded` (the survivor has since been merged into another customer).
 */
export async function unmergeCustomers(client: PoolClient, input: UnmergeInput): Promise<UnmergeResult> {
  const { rows } = await client.query<{
    survivor_id: string;
    merged_id: string;
    undone_at: Date | null;
    identity_ids: string[];
    ticket_ids: string[];
    message_ids: string[];
  }>(
    'SELECT survivor_id, merged_id, undone_at, identity_ids, ticket_ids, message_ids FROM customer_merges WHERE id = $1 FOR UPDATE',
    [input.mergeId],
  );
  const merge = rows[0];
  if (!merge)
    throw customerError(ERROR_CODES.mergeNotFound, `merge ${input.mergeId} does not exist`, {
      mergeId: input.mergeId,
    });
  if (merge.undone_at)
    throw customerError(ERROR_CODES.mergeUndone, `merge ${input.mergeId} was already undone`, {
      mergeId: input.mergeId,
    });
  const { survivor_id: survivorId, merged_id: mergedId } = merge;
  const locked = await lockCustomers(client, [survivorId, mergedId]);
  const survivorInto = locked.get(survivorId)?.merged_into;
  if (survivorInto) {
    throw customerError(
      ERROR_CODES.mergeSuperseded,
      `customer ${survivorId} was merged into ${survivorInto} since; undo that merge first`,
      {
        mergeId: input.mergeId,
        mergedInto: survivorInto,
      },
    );
  }
  const { rows: restoredRows } = await client.query<{
    identities: number;
    tickets: number;
    messages: number;
  }>(
    `WITH i AS (UPDATE identities SET customer_id = $2 WHERE id = ANY($5::uuid[]) AND customer_id = $1 RETURNING id),
          t AS (UPDATE tickets SET customer_id = $2 WHERE id = ANY($6::uuid[]) AND customer_id = $1 RETURNING id),
          m AS (UPDATE messages SET customer_id = $2
                 WHERE customer_id = $1 AND (id = ANY($7::uuid[]) OR ticket_id = ANY($6::uuid[]))
                RETURNING id),
          c AS (UPDATE customers SET merged_into = NULL, updated_at = now() WHERE id = $2 RETURNING id),
          s AS (UPDATE customers SET updated_at = now() WHERE id = $1 RETURNING id),
          u AS (UPDATE customer_merges SET undone_at = now(), undone_by = $4 WHERE id = $3 RETURNING id)
     SELECT (SELECT count(*) FROM i)::int AS identities, (SELECT count(*) FROM t)::int AS tickets, (SELECT count(*) FROM m)::int AS messages
       FROM c, s, u`,
    [
      survivorId,
      mergedId,
      input.mergeId,
      input.actor ?? null,
      merge.identity_ids,
      merge.ticket_ids,
      merge.message_ids,
    ],
  );
  const restored = restoredRows[0] ?? { identities: 0, tickets: 0, messages: 0 };
  const events: NewEvent[] = [
    {
      type: 'customer.updated',
      key: survivorId,
      data: { customerId: survivorId, change: 'unmerged', mergeId: input.mergeId, otherCustomerId: mergedId },
    },
    {
      type: 'customer.updated',
      key: mergedId,
      data: { customerId: mergedId, change: 'unmerged', mergeId: input.mergeId, otherCustomerId: survivorId },
    },
  ];
  await recordEvents(client, events, input.now ?? new Date());
  return { survivorId, mergedId, restored, events };
}

/**
 * Pairs among these customers that were merged once and unmerged by a person: threading
 * must not merge them automatically again. Keys are `pairKey(a, b)`.
 */
export async function undoneMergePairs(client: PoolClient, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length < 2) return new Set();
  const { rows } = await client.query<{ survivor_id: string; merged_id: string }>(
    `SELECT survivor_id, merged_id FROM customer_merges
      WHERE undone_at IS NOT NULL AND survivor_id = ANY($1::uuid[]) AND merged_id = ANY($1::uuid[])`,
    [customerIds],
  );
  return new Set(rows.map((r) => pairKey(r.survivor_id, r.merged_id)));
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
