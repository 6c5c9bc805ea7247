import { Counter, Histogram, type Registry } from 'prom-client';

/** The supervisors' counters of GET /v1/stats, as Prometheus series (this replica's share). */
export interface AutomationMetrics {
  ticketsCreated: Counter<'channel' | 'group' | 'topic'>;
  firstResponseSeconds: Histogram<'channel' | 'group'>;
  resolutionSeconds: Histogram<'channel' | 'group'>;
  slaEvents: Counter<'clock' | 'kind' | 'group'>;
  acknowledgements: Counter<'channel' | 'outcome'>;
  surveys: Counter<'outcome'>;
}

const HOUR = 3600;
const BUCKETS = [
  60,
  300,
  900,
  1800,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  24 * HOUR,
  3 * 24 * HOUR,
  7 * 24 * HOUR,
];

/** Registered once per registry (the one-process launcher and tests may build the service twice on one). */
export function automationMetrics(registry: Registry): AutomationMetrics {
  const reuse = <T>(name: string, make: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? make();
  return {
    ticketsCreated: reuse(
      'omni_automation_tickets_created_total',
      () =>
        new Counter({
          name: 'omni_automation_tickets_created_total',
          help: 'Tickets routed, by channel, group and topic',
          labelNames: ['channel', 'group', 'topic'],
          registers: [registry],
        }),
    ),
    firstResponseSeconds: reuse(
      'omni_automation_first_response_seconds',
      () =>
        new Histogram({
          name: 'omni_automation_first_response_seconds',
          help: 'Time from ticket creation to the first non-automatic answer',
          labelNames: ['channel', 'group'],
          buckets: BUCKETS,
          registers: [registry],
        }),
    ),
    resolutionSeconds: reuse(
      'omni_automation_resolution_seconds',
      () =>
        new Histogram({
          name: 'omni_automation_resolution_seconds',
          help: 'Time from ticket creation to resolved or closed',
          labelNames: ['channel', 'group'],
          buckets: BUCKETS,
          registers: [registry],
        }),
    ),
    slaEvents: reuse(
      'omni_automation_sla_events_total',
      () =>
        new Counter({
          name: 'omni_automation_sla_events_total',
          help: 'SLA warnings and breaches, by clock',
          labelNames: ['clock', 'kind', 'group'],
          registers: [registry],
        }),
    ),
    acknowledgements: reuse(
      'omni_automation_acknowledgements_total',
      () =>
        new Counter({
          name: 'omni_automation_acknowledgements_total',
          help: 'Acknowledgements sent, or skipped with the reason',
          labelNames: ['channel', 'outcome'],
          registers: [registry],
        }),
    ),
    surveys: reuse(
      'omni_automation_csat_surveys_total',
      () =>
        new Counter({
          name: 'omni_automation_csat_surveys_total',
          help: 'Satisfaction surveys sent, or skipped with the reason',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    ),
  };
}
