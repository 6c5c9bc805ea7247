import { type BlobStore, type Pool, withTransaction } from '@omni/db';
import {
  dropMessageFiles,
  eraseCustomer,
  eraseMessageContent,
  eraseTicketContent,
  recordPrivacyAudit,
  scrubEventTrail,
} from './erasure';

/** One account's retention (the `privacy.retention` entries of the configuration). */
export interface RetentionRule {
  channel: string;
  account: string;
  closedTicketDays?: number;
  closedTicketAction: 'anonymize' | 'erase';
  fileDays?: number;
}

/** What a retention pass did (or, dry, would do). */
export interface RetentionTotals {
  /** Tickets emptied (resolved or closed long enough ago). */
  tickets: number;
  messages: number;
  /** Customers erased because every ticket of theirs was emptied (`erase` rules). */
  customers: number;
  /** Messages whose files or raw mail were deleted. */
  fileMessages: number;
  blobs: number;
  /** Erasure tombstones past `tombstoneDays`, removed. */
  tombstones: number;
}

export type RetentionKind = keyof RetentionTotals;

export interface RetentionOptions {
  rules: readonly RetentionRule[];
  tombstoneDays: number;
  now: Date;
  /** Count what is due, change nothing. */
  dryRun?: boolean;
  /** Rows per transaction. */
  batchSize?: number;
  /** After each committed batch (progress metrics). */
  onProgress?: (kind: RetentionKind, n: number) => void;
  /** The blob store whose unreferenced files are deleted (not needed for a dry run). */
  blobs?: Pick<BlobStore, 'delete'>;
}

const DAY_MS = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Tickets of the rule's account resolved or closed before the cutoff, with no message since, not emptied yet. */
const DUE_TICKETS = `FROM tickets t
  WHERE t.channel = $1 AND t.account = $2 AND t.erased_at IS NULL AND t.status IN ('resolved', 'closed')
    AND COALESCE(t.resolved_at, t.updated_at) < $3 AND COALESCE(t.last_message_at, t.created_at) < $3`;

/** Messages of the rule's account received before the cutoff that still have raw mail or a stored file. */
const DUE_FILES = `SELECT m.id FROM messages m
   WHERE m.extra ? 'rawRef' AND m.channel = $1 AND m.account = $2 AND m.received_at < $3
  UNION
  SELECT m.id FROM attachments a JOIN messages m ON m.id = a.message_id
   WHERE a.blob_id IS NOT NULL AND m.channel = $1 AND m.account = $2 AND m.received_at < $3`;

/**
 * Applies each account's retention: tickets resolved or closed more than `closedTicketDays`
 * ago become anonymous shells (and with `erase`, customers left with nothing else are
 * erased), raw mail and files older than `fileDays` are deleted, old erasure tombstones are
 * pruned. In batches of one transaction each, so a pass can stop anywhere and the next one
 * goes on; a dry run only counts. The pass is audited (counts only).
 */
export async function runRetention(pool: Pool, opts: RetentionOptions): Promise<RetentionTotals> {
  const totals: RetentionTotals = {
    tickets: 0,
    messages: 0,
    customers: 0,
    fileMessages: 0,
    blobs: 0,
    tombstones: 0,
  };
  const add = (kind: RetentionKind, n: number) => {
    if (n === 0) return;
    totals[kind] += n;
    opts.onProgress?.(kind, n);
  };
  const batch = opts.batchSize ?? 200;
  const tombstoneCutoff = daysBefore(opts.now, opts.tombstoneDays);
  if (opts.dryRun) {
    for (const rule of opts.rules) {
      if (rule.closedTicketDays !== undefined) {
        const args = [rule.channel, rule.account, daysBefore(opts.now, rule.closedTicketDays)];
        const { rows } = await pool.query<{ tickets: number; messages: number; customers: number }>(
          `WITH due AS (SELECT t.id, t.customer_id, t.message_count ${DUE_TICKETS})
           SELECT count(*)::int AS tickets, COALESCE(sum(message_count), 0)::int AS messages,
                  (SELECT count(DISTINCT d.customer_id) FROM due d WHERE $4 AND NOT EXISTS (
                     SELECT 1 FROM tickets o WHERE o.customer_id = d.customer_id AND o.erased_at IS NULL
                        AND o.id NOT IN (SELECT id FROM due)))::int AS customers
             FROM due`,
          [...args, rule.closedTicketAction === 'erase'],
        );
        add('tickets', rows[0]?.tickets ?? 0);
        add('messages', rows[0]?.messages ?? 0);
        add('customers', rows[0]?.customers ?? 0);
      }
      if (rule.fileDays !== undefined) {
        const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${DUE_FILES}) f`, [
          rule.channel,
          rule.account,
          daysBefore(opts.now, rule.fileDays),
        ]);
        add('fileMessages', rows[0]?.n ?? 0);
      }
    }
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM erasure_tombstones WHERE erased_at < $1',
      [tombstoneCutoff],
    );
    add('tombstones', rows[0]?.n ?? 0);
    return totals;
  }

  const deleteBlobs = async (ids: string[]) => {
    if (ids.length === 0) return;
    if (!opts.blobs) throw new Error('runRetention needs the blob store to delete files');
    add('blobs', await opts.blobs.delete(ids));
  };
  for (const rule of opts.rules) {
    if (rule.closedTicketDays !== undefined) {
      const cutoff = daysBefore(opts.now, rule.closedTicketDays);
      for (;;) {
        const done = await withTransaction(pool, async (client) => {
          const { rows: tickets } = await client.query<{ id: string; customer_id: string }>(
            `SELECT t.id, t.customer_id ${DUE_TICKETS} ORDER BY t.id LIMIT $4 FOR NO KEY UPDATE SKIP LOCKED`,
            [rule.channel, rule.account, cutoff, batch],
          );
          const ticketIds = tickets.map((t) => t.id);
          if (ticketIds.length === 0) return undefined;
          const { rows: messages } = await client.query<{ id: string }>(
            'SELECT id FROM messages WHERE ticket_id = ANY($1::uuid[])',
            [ticketIds],
          );
          const messageIds = messages.map((m) => m.id);
          const content = await eraseMessageContent(client, messageIds, opts.now);
          await eraseTicketContent(client, ticketIds, opts.now);
          await scrubEventTrail(client, [], ticketIds, messageIds);
          let customers = 0;
          const orphans = [...content.orphanBlobIds];
          if (rule.closedTicketAction === 'erase') {
            const { rows: emptied } = await client.query<{ id: string }>(
              `SELECT DISTINCT t.customer_id AS id FROM tickets t WHERE t.id = ANY($1::uuid[])
                 AND NOT EXISTS (SELECT 1 FROM tickets o WHERE o.customer_id = t.customer_id AND o.erased_at IS NULL)`,
              [ticketIds],
            );
            for (const c of emptied) {
              const erased = await eraseCustomer(client, { customerId: c.id, now: opts.now });
              if (erased?.erased) {
                customers += 1;
                orphans.push(...erased.orphanBlobIds);
              }
            }
          }
          return { tickets: ticketIds.length, messages: content.messages, customers, orphans };
        });
        if (!done) break;
        add('tickets', done.tickets);
        add('messages', done.messages);
        add('customers', done.customers);
        await deleteBlobs(done.orphans);
      }
    }
    if (rule.fileDays !== undefined) {
      const cutoff = daysBefore(opts.now, rule.fileDays);
      for (;;) {
        const done = await withTransaction(pool, async (client) => {
          const { rows } = await client.query<{ id: string }>(`${DUE_FILES} LIMIT $4`, [
            rule.channel,
            rule.account,
            cutoff,
            batch,
          ]);
          if (rows.length === 0) return undefined;
          const dropped = await dropMessageFiles(
            client,
            rows.map((r) => r.id),
            `deleted by retention (older than ${rule.fileDays} days)`,
          );
          return { messages: rows.length, orphans: dropped.orphanBlobIds };
        });
        if (!done) break;
        add('fileMessages', done.messages);
        await deleteBlobs(done.orphans);
      }
    }
  }
  const { rowCount } = await pool.query('DELETE FROM erasure_tombstones WHERE erased_at < $1', [
    tombstoneCutoff,
  ]);
  add('tombstones', rowCount ?? 0);
  if (Object.values(totals).some((n) => n > 0)) {
    await withTransaction(pool, (client) =>
      recordPrivacyAudit(client, { action: 'retention', counts: { ...totals }, at: opts.now }),
    );
  }
  return totals;
}
