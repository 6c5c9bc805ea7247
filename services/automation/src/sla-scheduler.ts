import { type NewEvent, recordEvents } from '@omni/customers';
import { type Pool, type PoolClient, withTransaction } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import type { AutomationMetrics } from './automation-metrics';
import { LeasedScheduler } from './leased-scheduler';
import { type ClockState, type SlaClockName, stepClock } from './sla-clock';

interface DueRow {
  ticket_id: string;
  group: string | null;
  priority: string;
  channel: string;
  first_response_warn_at: Date;
  first_response_due_at: Date;
  resolution_warn_at: Date;
  resolution_due_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  first_response_warned_at: Date | null;
  first_response_breached_at: Date | null;
  resolution_warned_at: Date | null;
  resolution_breached_at: Date | null;
  answered_at: Date | null;
  status: string;
  ticket_resolved_at: Date | null;
  updated_at: Date;
}

export interface SlaCheckResult {
  warnings: number;
  breaches: number;
}

/**
 * One pass over the clocks whose next threshold has passed: claimed with FOR UPDATE SKIP
 * LOCKED, stops reconciled from the data itself (an answer or a resolution whose event is
 * still on its way counts), `sla.warning` / `sla.breached` recorded in the same transaction
 * that marks them emitted — so each is emitted once.
 */
export async function checkSlaClocks(
  pool: Pool,
  now: Date,
  metrics?: AutomationMetrics,
  batchSize = 200,
): Promise<SlaCheckResult> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<DueRow>(
      `SELECT s.*, t.channel, t.status, t.resolved_at AS ticket_resolved_at, t.updated_at,
              (SELECT min(m.sent_at) FROM messages m
                WHERE m.ticket_id = s.ticket_id AND m.direction = 'outbound'
                  AND COALESCE((m.flags->>'automatic')::boolean, false) = false) AS answered_at
         FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
        WHERE s.next_check_at <= $1
        ORDER BY s.next_check_at LIMIT $2
        FOR UPDATE OF s SKIP LOCKED`,
      [now, batchSize],
    );
    const events: NewEvent[] = [];
    const result: SlaCheckResult = { warnings: 0, breaches: 0 };
    for (const r of rows) {
      const firstStop = r.first_response_at ?? r.answered_at;
      const resolvedStop =
        r.resolved_at ??
        (r.status === 'resolved' || r.status === 'closed' ? (r.ticket_resolved_at ?? r.updated_at) : null);
      const clocks: Array<[SlaClockName, ClockState]> = [
        [
          'firstResponse',
          {
            warnAt: r.first_response_warn_at,
            dueAt: r.first_response_due_at,
            stoppedAt: firstStop,
            warnedAt: r.first_response_warned_at,
            breachedAt: r.first_response_breached_at,
          },
        ],
        [
          'resolution',
          {
            warnAt: r.resolution_warn_at,
            dueAt: r.resolution_due_at,
            stoppedAt: resolvedStop,
            warnedAt: r.resolution_warned_at,
            breachedAt: r.resolution_breached_at,
          },
        ],
      ];
      const marks: Record<SlaClockName, { warned: boolean; breached: boolean }> = {
        firstResponse: { warned: false, breached: false },
        resolution: { warned: false, breached: false },
      };
      let next: Date | null = null;
      for (const [name, state] of clocks) {
        const step = stepClock(state, now);
        const data = {
          ticketId: r.ticket_id,
          clock: name,
          dueAt: state.dueAt.toISOString(),
          group: r.group,
          priority: r.priority,
          channel: r.channel,
        };
        if (step.warn) {
          events.push({ type: 'sla.warning', key: r.ticket_id, data });
          marks[name].warned = true;
          result.warnings += 1;
          metrics?.slaEvents.inc({ clock: name, kind: 'warning', group: r.group ?? '' });
        }
        if (step.breach) {
          events.push({ type: 'sla.breached', key: r.ticket_id, data });
          marks[name].breached = true;
          result.breaches += 1;
          metrics?.slaEvents.inc({ clock: name, kind: 'breached', group: r.group ?? '' });
        }
        if (step.nextCheckAt && (!next || step.nextCheckAt < next)) next = step.nextCheckAt;
      }
      await saveStep(client, r.ticket_id, now, { firstStop, resolvedStop, marks, next });
    }
    await recordEvents(client, events, now);
    return result;
  });
}

async function saveStep(
  client: PoolClient,
  ticketId: string,
  now: Date,
  s: {
    firstStop: Date | null;
    resolvedStop: Date | null;
    marks: Record<SlaClockName, { warned: boolean; breached: boolean }>;
    next: Date | null;
  },
): Promise<void> {
  const { firstResponse: fr, resolution: res } = s.marks;
  await client.query(
    `UPDATE ticket_sla SET first_response_at = $2, resolved_at = $3,
            first_response_warned_at = CASE WHEN $4 THEN $8 ELSE first_response_warned_at END,
            first_response_breached_at = CASE WHEN $5 THEN $8 ELSE first_response_breached_at END,
            resolution_warned_at = CASE WHEN $6 THEN $8 ELSE resolution_warned_at END,
            resolution_breached_at = CASE WHEN $7 THEN $8 ELSE resolution_breached_at END,
            next_check_at = $9
      WHERE ticket_id = $1`,
    [ticketId, s.firstStop, s.resolvedStop, fr.warned, fr.breached, res.warned, res.breached, now, s.next],
  );
  if (fr.breached || res.breached) {
    await client.query(
      `UPDATE tickets SET first_response_breached = first_response_breached OR $2, resolution_breached = resolution_breached OR $3,
              updated_at = now() WHERE id = $1`,
      [ticketId, fr.breached, res.breached],
    );
  }
}

/** Runs `checkSlaClocks` on exactly one replica (`LeasedScheduler`). */
export class SlaScheduler extends LeasedScheduler {
  constructor(opts: {
    pool: Pool;
    log: Logger;
    intervalMs: number;
    now: () => Date;
    metrics?: AutomationMetrics;
  }) {
    super({
      ...opts,
      name: 'omni-sla-scheduler',
      pass: async (now) => {
        const r = await checkSlaClocks(opts.pool, now, opts.metrics);
        return r.warnings + r.breaches;
      },
    });
  }
}
