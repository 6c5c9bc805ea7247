import type { NormalizedIdentity } from '@omni/customers';
import { pairKey } from '@omni/customers';

/** An identity already stored, with the customer holding it today (merged_into followed). */
export interface KnownIdentity {
  kind: string;
  value: string;
  customerId: string;
  customerCreatedAt: Date;
  verified: boolean;
}

export interface PlannedMerge {
  survivorId: string;
  mergedId: string;
  /** The message in which verified identities of both customers met. */
  messageIndex: number;
  identities: string[];
}

export interface PlannedConflict {
  kind: string;
  value: string;
  ownerId: string;
  claimantId: string;
  messageIndex: number;
  claimVerified: boolean;
}

/** What the identity stage decided for a batch; every customer id is final (after in-batch merges). */
export interface IdentityPlan {
  /** The customer of each message (same index as the input). */
  customerOf: string[];
  /** Customers to create: only the ones that survive the batch. */
  newCustomers: { id: string; displayName: string | undefined }[];
  /** Identities nobody holds yet, and who gets them. */
  attach: (NormalizedIdentity & { customerId: string })[];
  /** Stored identities a platform now vouches for. */
  upgrades: { kind: string; value: string }[];
  /** Merges of customers that existed before the batch, in the order they must run. */
  merges: PlannedMerge[];
  conflicts: PlannedConflict[];
  /** Customers that existed before the batch and are touched by it (to lock). */
  existingCustomers: string[];
}

export interface PlanInput {
  identities: NormalizedIdentity[];
  displayName: string | undefined;
  /**
   * The kind of the sender's own identity on the channel (`livechat`, `telegram`): replies
   * reach the sender through it, not through the contacts they typed.
   */
  ownKind?: string;
}

export const identityKey = (kind: string, value: string): string => `${kind}\u0000${value}`;

/**
 * The identity rules, decided in memory for a whole batch, message after message:
 * - the message's verified identities held by two or more customers merge them into the
 *   oldest (unless a person undid that merge before: then it is a conflict);
 * - otherwise the message belongs to the customer found by its verified identities, else
 *   by its unverified ones (oldest first) — unless the sender has an identity of their own
 *   on the channel (`ownKind`): then only by that one — else to a new customer;
 * - identities nobody holds attach to that customer; an identity held by another
 *   customer and claimed without verification is recorded as a conflict, never merged.
 * Customers created in the batch and merged in the same batch are simply never created.
 */
export function planIdentities(
  messages: PlanInput[],
  known: KnownIdentity[],
  undonePairs: Set<string>,
  newId: () => string,
): IdentityPlan {
  const owner = new Map<string, { customerId: string; verified: boolean }>();
  /** Rank: customers that existed first (by created_at, id), then new ones in creation order. */
  const rank = new Map<string, [number, number, string]>();
  const parent = new Map<string, string>();
  for (const k of known) {
    owner.set(identityKey(k.kind, k.value), { customerId: k.customerId, verified: k.verified });
    rank.set(k.customerId, [0, k.customerCreatedAt.getTime(), k.customerId]);
  }
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined; next = parent.get(root)) root = next;
    if (root !== id) parent.set(id, root);
    return root;
  };
  const older = (a: string, b: string): number => {
    const ra = rank.get(a) as [number, number, string];
    const rb = rank.get(b) as [number, number, string];
    return ra[0] - rb[0] || ra[1] - rb[1] || (ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0);
  };
  const isExisting = (id: string) => rank.get(id)?.[0] === 0;

  const created: { id: string; displayName: string | undefined }[] = [];
  const attach = new Map<string, NormalizedIdentity & { customerId: string }>();
  const upgrades = new Map<string, { kind: string; value: string }>();
  const merges: PlannedMerge[] = [];
  const conflicts: PlannedConflict[] = [];
  const customerOf: string[] = [];

  messages.forEach((m, index) => {
    const strong = new Set<string>();
    const weak = new Set<string>();
    for (const i of m.identities) {
      const o = owner.get(identityKey(i.kind, i.value));
      if (o) (i.verified ? strong : weak).add(find(o.customerId));
    }
    let target: string | undefined;
    if (strong.size > 0) {
      const [survivor, ...others] = [...strong].sort(older) as [string, ...string[]];
      target = survivor;
      for (const other of others) {
        if (undonePairs.has(pairKey(survivor, other))) continue;
        parent.set(other, survivor);
        if (isExisting(other)) {
          merges.push({
            survivorId: survivor,
            mergedId: other,
            messageIndex: index,
            identities: m.identities.filter((i) => i.verified).map((i) => `${i.kind}:${i.value}`),
          });
        }
      }
    } else if (weak.size > 0) {
      // A sender reached through an identity of their own (an anonymous chat visitor) is that
      // identity's customer or a new one: a contact they typed never makes them someone else,
      // since the answers would reach them, not the contact's owner. A web form has no such
      // identity; its answers go to the typed address, so the claim may find the customer.
      const own = m.ownKind ? m.identities.find((i) => i.kind === m.ownKind) : undefined;
      const ownOwner = own && owner.get(identityKey(own.kind, own.value));
      target = own ? ownOwner && find(ownOwner.customerId) : [...weak].sort(older)[0];
    }
    if (target === undefined) {
      target = newId();
      rank.set(target, [1, created.length, target]);
      created.push({ id: target, displayName: m.displayName });
    }
    for (const i of m.identities) {
      const key = identityKey(i.kind, i.value);
      const o = owner.get(key);
      if (!o) {
        owner.set(key, { customerId: target, verified: i.verified });
        attach.set(key, { ...i, customerId: target });
      } else if (find(o.customerId) === target) {
        if (i.verified && !o.verified) {
          o.verified = true;
          const pending = attach.get(key);
          if (pending) pending.verified = true;
          else upgrades.set(key, { kind: i.kind, value: i.value });
        }
      } else {
        conflicts.push({
          kind: i.kind,
          value: i.value,
          ownerId: o.customerId,
          claimantId: target,
          messageIndex: index,
          claimVerified: i.verified,
        });
      }
    }
    customerOf.push(target);
  });

  const seenConflicts = new Set<string>();
  const finalConflicts = conflicts.flatMap((c) => {
    const resolved = { ...c, ownerId: find(c.ownerId), claimantId: find(c.claimantId) };
    const key = `${identityKey(c.kind, c.value)}\u0000${resolved.ownerId}\u0000${resolved.claimantId}`;
    if (resolved.ownerId === resolved.claimantId || seenConflicts.has(key)) return [];
    seenConflicts.add(key);
    return [resolved];
  });
  const finalCustomerOf = customerOf.map(find);
  const existing = new Set<string>();
  for (const id of [...finalCustomerOf, ...finalConflicts.flatMap((c) => [c.ownerId, c.claimantId])])
    if (isExisting(id)) existing.add(id);
  for (const m of merges) existing.add(m.mergedId).add(m.survivorId);
  return {
    customerOf: finalCustomerOf,
    newCustomers: created.filter((c) => find(c.id) === c.id),
    attach: [...attach.values()].map((a) => ({ ...a, customerId: find(a.customerId) })),
    upgrades: [...upgrades.values()],
    merges,
    conflicts: finalConflicts,
    existingCustomers: [...existing].sort(),
  };
}
