import { z } from 'zod';

/** Kinds of identity a customer can have (ARCHITECTURE.md, "Data model"). */
export const IDENTITY_KINDS = ['email', 'phone', 'telegram', 'viber', 'facebook', 'vk'] as const;
export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

/**
 * An identity a message proves or claims. `verified` means the platform or protocol
 * vouches for it (a channel user id, an email `From`); a value typed by the customer is
 * not verified and can never merge two customers.
 */
export const IdentityClaim = z.object({
  kind: IdentityKind,
  /** As received; threading normalizes it (lower-cased email, E.164 phone). */
  value: z.string().min(1).max(320),
  verified: z.boolean(),
});
export type IdentityClaim = z.infer<typeof IdentityClaim>;
