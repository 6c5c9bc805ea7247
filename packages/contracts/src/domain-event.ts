import { z } from 'zod';

export const DOMAIN_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'message.updated',
  'message.delivery_updated',
  'customer.created',
  'customer.updated',
  'customer.merged',
  /** The customer answered the satisfaction survey of a resolved ticket (once per ticket). */
  'ticket.rated',
  /** A customer (and those merged into it) was erased on request: helpdesks erase their copies too. */
  'customer.erased',
  /** An SLA clock (first response or resolution) passed its warning share of the target; once per ticket and clock. */
  'sla.warning',
  /** An SLA clock passed its due time unmet; once per ticket and clock. */
  'sla.breached',
  /** An outage notice was set (acknowledgements carry it while it is active). */
  'announcement.created',
  'announcement.deleted',
  /** A webhook subscription was disabled after its deliveries failed for the whole retry schedule. */
  'webhook.disabled',
] as const;
export const DomainEventType = z.enum(DOMAIN_EVENT_TYPES);
export type DomainEventType = z.infer<typeof DomainEventType>;

/** A change in the domain, on `omni.events.v1`, the change feed and webhooks (API.md). */
export const DomainEvent = z.object({
  id: z.string().uuid(),
  type: DomainEventType,
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});
export type DomainEvent = z.infer<typeof DomainEvent>;
