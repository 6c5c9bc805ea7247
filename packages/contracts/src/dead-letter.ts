import { z } from 'zod';
import { AccountName, Channel } from './channels';

/**
 * What an adapter sets aside on `omni.inbound.v1.dlq` instead of publishing, when no
 * retry of the platform can fix it: a payload that does not match the platform's
 * documented shape, or a normalized message the contract refuses. Such a record was never
 * on `omni.inbound.v1`, so it carries no source offset — which is how it is told apart
 * from a consumer's dead letter (the original record's bytes) on the same topic.
 */
export const IntakeDeadLetter = z.object({
  channel: Channel,
  account: AccountName,
  /** Why it was set aside. */
  reason: z.string().max(2000),
  /**
   * The normalized message the contract refused — `pnpm omni dlq replay` publishes it once
   * it validates (after a fix of the contract) — or the platform's payload as received.
   */
  payload: z.unknown(),
});
export type IntakeDeadLetter = z.infer<typeof IntakeDeadLetter>;
