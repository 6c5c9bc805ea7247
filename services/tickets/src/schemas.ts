import { Channel, DeliveryStatus, IdentityKind } from '@omni/contracts';
import { ProblemJson } from '@omni/service-kit';
import { z } from 'zod';

/** Response shapes of API.md; the OpenAPI document is generated from these. */
export const TicketStatus = z.enum(['open', 'pending', 'resolved', 'closed']);

export const TicketJson = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: TicketStatus,
  subject: z.string().nullable(),
  topic: z.string().nullable(),
  customerId: z.uuid(),
  channels: z.array(Channel),
  priority: z.string(),
  assignee: z.string().nullable(),
  group: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  messageCount: z.number().int(),
  /** Set when this ticket was merged into another (it is then closed). */
  mergedIntoTicketId: z.uuid().nullable(),
  /** The routing rule that matched when the ticket was created (services/automation); null: defaults or not routed yet. */
  routingRule: z.string().nullable(),
  /** SLA due times in the group's business time (services/automation); null until routed. */
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  /** Set once the SLA scheduler found the due time passed without a first response / resolution. */
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
});
export type TicketJson = z.infer<typeof TicketJson>;

export const AttachmentJson = z.object({
  id: z.uuid(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  url: z.string().nullable(),
  skipped: z.string().nullable(),
});

export const MessageJson = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  customerId: z.uuid(),
  direction: z.enum(['inbound', 'outbound', 'note']),
  channel: Channel,
  account: z.string(),
  externalId: z.string().nullable(),
  sentAt: z.string(),
  receivedAt: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  subject: z.string().nullable(),
  sender: z.object({ displayName: z.string().nullable(), identity: z.string().nullable() }),
  author: z.string().nullable(),
  attachments: z.array(AttachmentJson),
  deliveryStatus: DeliveryStatus.nullable(),
  /** The platform's refusal when `deliveryStatus` is `failed`. */
  deliveryError: z.object({ code: z.string(), message: z.string() }).nullable(),
  editedAt: z.string().nullable(),
});
export type MessageJson = z.infer<typeof MessageJson>;

export const IdentityJson = z.object({
  id: z.uuid(),
  kind: IdentityKind,
  value: z.string(),
  verified: z.boolean(),
});

export const CustomerJson = z.object({
  id: z.uuid(),
  displayName: z.string().nullable(),
  identities: z.array(IdentityJson),
  createdAt: z.string(),
  updatedAt: z.string(),
  ticketCount: z.number().int(),
});
export type CustomerJson = z.infer<typeof CustomerJson>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const IdParams = z.object({ id: z.uuid() });

/** The error answers every authenticated route can give. */
export const problems = {
  400: ProblemJson,
  401: ProblemJson,
  403: ProblemJson,
  404: ProblemJson,
  429: ProblemJson,
} as const;

/** Free-text fields of the API: bounded, so no filter or body can carry megabytes. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
