import { z } from 'zod';
import { CHANNEL_TRAITS, CHANNELS, type Channel } from './channels';

/** Contact identities any channel may carry; @omni/customers normalizes them (lower-cased address, E.164). */
export const CONTACT_IDENTITY_KINDS = ['email', 'phone'] as const;

type UserIdentityKind = NonNullable<(typeof CHANNEL_TRAITS)[Channel]['userIdentity']>['kind'];

/**
 * Kinds of identity a customer can have (ARCHITECTURE.md, "Data model"): the contact kinds,
 * then the user-id kind of every channel that has one (`CHANNEL_TRAITS[…].userIdentity`).
 */
export const IDENTITY_KINDS = [
  ...CONTACT_IDENTITY_KINDS,
  ...CHANNELS.flatMap((c): UserIdentityKind[] => {
    const own: { kind: UserIdentityKind } | null = CHANNEL_TRAITS[c].userIdentity;
    return own ? [own.kind] : [];
  }),
] as [IdentityKind, ...IdentityKind[]];
export type IdentityKind = (typeof CONTACT_IDENTITY_KINDS)[number] | UserIdentityKind;
export const IdentityKind = z.enum(IDENTITY_KINDS);

/** True for the user ids only meaningful within one account (stored prefixed with it: `main-page:<psid>`). */
export function isAccountScoped(kind: IdentityKind): boolean {
  return CHANNELS.some((c) => {
    const own: { kind: string; scope: string } | null = CHANNEL_TRAITS[c].userIdentity;
    return own?.kind === kind && own.scope === 'account';
  });
}

/**
 * The stored (comparable) value of a user-id identity: the platform's id, prefixed with the
 * account where ids are account-scoped. Contact kinds are normalized by @omni/customers.
 */
export function userIdentityValue(kind: IdentityKind, account: string, raw: string): string {
  return isAccountScoped(kind) ? `${account}:${raw}` : raw;
}

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
