import { z } from 'zod';

export const MergeReason = z.enum(['automatic', 'manual']);
export type MergeReason = z.infer<typeof MergeReason>;

/** One merge of `mergedId` into `survivorId` (the API's `GET /v1/customers/{id}/merges` items). */
export const CustomerMerge = z.object({
  id: z.string().uuid(),
  survivorId: z.string().uuid(),
  mergedId: z.string().uuid(),
  reason: MergeReason,
  /** Who asked for it; null for automatic merges. */
  actor: z.string().nullable(),
  /** For automatic merges: the message and the verified identities that met in it. */
  trigger: z.record(z.string(), z.unknown()).nullable(),
  /** How many rows moved to the survivor. */
  moved: z.object({ identities: z.number().int(), tickets: z.number().int(), messages: z.number().int() }),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type CustomerMerge = z.infer<typeof CustomerMerge>;

/** An identity one customer's message claimed while another customer holds it. */
export const IdentityConflict = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  value: z.string(),
  /** The customer holding the identity. */
  ownerCustomerId: z.string().uuid(),
  /** The customer whose message claimed it. */
  claimantCustomerId: z.string().uuid(),
  messageId: z.string().uuid().nullable(),
  claimVerified: z.boolean(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type IdentityConflict = z.infer<typeof IdentityConflict>;
