import { pairKey } from '@omni/customers';
import { type KnownIdentity, planIdentities } from '../src';

const v = (kind: 'email' | 'telegram' | 'phone', value: string, verified = true) => ({
  kind,
  value,
  raw: value,
  verified,
});
const known = (
  kind: string,
  value: string,
  customerId: string,
  createdAt: string,
  verified = true,
): KnownIdentity => ({
  kind,
  value,
  customerId,
  customerCreatedAt: new Date(createdAt),
  verified,
});
let n = 0;
const newId = () => `new-${++n}`;

describe('planIdentities', () => {
  it('merges the newer customer into the older when verified identities meet', () => {
    const plan = planIdentities(
      [{ identities: [v('telegram', 't1'), v('email', 'a@x')], displayName: 'A' }],
      [known('telegram', 't1', 'newer', '2026-02-01'), known('email', 'a@x', 'older', '2026-01-01')],
      new Set(),
      newId,
    );
    expect(plan.merges).toEqual([expect.objectContaining({ survivorId: 'older', mergedId: 'newer' })]);
    expect(plan.customerOf).toEqual(['older']);
    expect(plan.existingCustomers).toEqual(['newer', 'older']);
  });

  it('never creates a customer that a later message of the same batch merges away', () => {
    const plan = planIdentities(
      [
        { identities: [v('telegram', 't9')], displayName: 'T' },
        { identities: [v('telegram', 't9'), v('email', 'e@x')], displayName: 'T' },
      ],
      [known('email', 'e@x', 'old', '2026-01-01')],
      new Set(),
      newId,
    );
    expect(plan.newCustomers).toEqual([]);
    expect(plan.merges).toEqual([]);
    expect(plan.customerOf).toEqual(['old', 'old']);
    expect(plan.attach).toEqual([
      expect.objectContaining({ kind: 'telegram', value: 't9', customerId: 'old' }),
    ]);
  });

  it('records a conflict instead of merging a pair a person unmerged', () => {
    const plan = planIdentities(
      [{ identities: [v('telegram', 't1'), v('email', 'a@x')], displayName: undefined }],
      [known('telegram', 't1', 'b', '2026-02-01'), known('email', 'a@x', 'a', '2026-01-01')],
      new Set([pairKey('a', 'b')]),
      newId,
    );
    expect(plan.merges).toEqual([]);
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ kind: 'telegram', ownerId: 'b', claimantId: 'a', claimVerified: true }),
    ]);
  });

  it('upgrades an identity the platform now vouches for', () => {
    const plan = planIdentities(
      [{ identities: [v('phone', '+79120000000'), v('telegram', 't2')], displayName: undefined }],
      [known('phone', '+79120000000', 'c', '2026-01-01', false)],
      new Set(),
      newId,
    );
    expect(plan.upgrades).toEqual([{ kind: 'phone', value: '+79120000000' }]);
    expect(plan.customerOf).toEqual(['c']);
  });

  it('finds a customer by typed contacts only for a sender with no identity of their own on the channel', () => {
    const anna = known('email', 'anna@x', 'anna', '2026-01-01', false);
    const chat = (visitor: string) => ({
      identities: [
        { ...v('email', 'anna@x', false) },
        { kind: 'livechat' as const, value: visitor, raw: visitor, verified: false },
      ],
      displayName: undefined,
      ownKind: 'livechat',
    });
    // A web form's answers go to the typed address: the claim finds Anna.
    const form = planIdentities(
      [{ identities: [v('email', 'anna@x', false)], displayName: 'A' }],
      [anna],
      new Set(),
      newId,
    );
    expect(form.customerOf).toEqual(['anna']);
    // A chat visitor's answers reach the visitor: a new customer, the claim a conflict.
    const first = planIdentities([chat('shop:a-1')], [anna], new Set(), newId);
    const [visitor] = first.customerOf;
    expect(visitor).not.toBe('anna');
    expect(first.conflicts).toEqual([
      expect.objectContaining({ kind: 'email', ownerId: 'anna', claimantId: visitor }),
    ]);
    expect(first.attach.map((a) => [a.kind, a.customerId])).toEqual([['livechat', visitor]]);
    // Known by their own identity later, still themselves (not the older holder of the address).
    const later = planIdentities(
      [chat('shop:a-1')],
      [anna, known('livechat', 'shop:a-1', 'visitor', '2026-02-01', false)],
      new Set(),
      newId,
    );
    expect(later.customerOf).toEqual(['visitor']);
  });
});
