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
});
