import { Counter, Gauge, type Registry } from 'prom-client';

/** The job's work, as Prometheus series (registered once per registry). */
export function offlineEmailMetrics(registry: Registry) {
  const reuse = <T>(name: string, make: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? make();
  return {
    emails: reuse(
      'omni_livechat_offline_emails_total',
      () =>
        new Counter({
          name: 'omni_livechat_offline_emails_total',
          help: 'Emails queued with live chat replies the visitor had not read in time',
          labelNames: ['account'],
          registers: [registry],
        }),
    ),
    replies: reuse(
      'omni_livechat_offline_email_replies_total',
      () =>
        new Counter({
          name: 'omni_livechat_offline_email_replies_total',
          help: 'Live chat replies carried by those emails',
          labelNames: ['account'],
          registers: [registry],
        }),
    ),
    due: reuse(
      'omni_livechat_offline_email_due',
      () =>
        new Gauge({
          name: 'omni_livechat_offline_email_due',
          help: 'Conversations with an unread reply due for email that the running pass has not sent yet',
          registers: [registry],
        }),
    ),
    lastPass: reuse(
      'omni_livechat_offline_email_last_pass_timestamp_seconds',
      () =>
        new Gauge({
          name: 'omni_livechat_offline_email_last_pass_timestamp_seconds',
          help: 'When the offline email job last finished a pass',
          registers: [registry],
        }),
    ),
  };
}
export type OfflineEmailMetrics = ReturnType<typeof offlineEmailMetrics>;
