import { type IdentityClaim, type IdentityKind, userIdentityValue } from '@omni/contracts';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NormalizedIdentity {
  kind: IdentityKind;
  /** The comparable form: unique per kind in the database. */
  value: string;
  raw: string;
  verified: boolean;
}

export interface IdentityContext {
  /** Region for phone numbers written without a country code (`8 9xx…` in RU → `+7 9xx…`). */
  defaultPhoneRegion: string;
  /** Account-scoped user ids (Messenger's page-scoped ids) are stored prefixed with it. */
  account: string;
}

/**
 * The comparable form of an identity, or `undefined` when the value cannot identify
 * anyone (an email without `@`, digits that are no phone number).
 */
export function normalizeIdentity(
  claim: IdentityClaim,
  ctx: IdentityContext,
): NormalizedIdentity | undefined {
  const raw = claim.value.trim();
  const value = comparable(claim.kind, raw, ctx);
  return value ? { kind: claim.kind, value, raw, verified: claim.verified } : undefined;
}

function comparable(kind: IdentityKind, raw: string, ctx: IdentityContext): string | undefined {
  switch (kind) {
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw, ctx.defaultPhoneRegion);
    default:
      // A platform's user id, as the channel's traits scope it.
      return userIdentityValue(kind, ctx.account, raw) || undefined;
  }
}

/** `"Ann Lee" <Ann@Example.COM>` → `ann@example.com`; display names never identify anyone. */
export function normalizeEmail(raw: string): string | undefined {
  const angle = /<([^<>]+)>\s*$/.exec(raw);
  const address = (angle?.[1] ?? raw).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : undefined;
}

/** E.164 through libphonenumber-js, or `undefined` when the number is not valid. */
export function normalizePhone(raw: string, defaultRegion: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, defaultRegion.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}
