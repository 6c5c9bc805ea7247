import { AccountName, Channel } from '@omni/contracts';
import { z } from 'zod';

/** How long one channel account keeps personal data (issue 24, "Retention"). */
export const RetentionRule = z.strictObject({
  channel: Channel,
  account: AccountName,
  /**
   * Tickets of this account resolved or closed more than this many days ago (and without a
   * message since) are emptied; none when absent.
   */
  closedTicketDays: z.number().int().positive().optional(),
  /**
   * `anonymize`: the ticket becomes an anonymous shell (its messages emptied, counts and
   * times kept), its customer stays. `erase`: the same, and a customer all of whose tickets
   * are emptied is erased as `DELETE /v1/customers/{id}` would.
   */
  closedTicketAction: z.enum(['anonymize', 'erase']).default('anonymize'),
  /** Raw mail and attachments' files of this account's messages received more than this many days ago are deleted (texts stay); none when absent. */
  fileDays: z.number().int().positive().optional(),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

/** Data-subject rights: retention per account, and how long erasure tombstones are kept. */
export const PrivacyConfig = z
  .strictObject({
    retention: z.array(RetentionRule).default([]),
    /** How often the retention job (one replica, by lease) runs. */
    retentionIntervalMinutes: z.number().positive().default(60),
    /**
     * How long an erased identity's hash is kept so a replayed Kafka record of the person is
     * dropped: at least the longest retention of the inbound topic and its DLQ (default 30 days).
     */
    tombstoneDays: z.number().int().positive().default(30),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.retention.forEach((r, i) => {
      const key = `${r.channel}/${r.account}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: `${key} is configured twice`, path: ['retention', i] });
      seen.add(key);
      if (r.closedTicketDays === undefined && r.fileDays === undefined)
        ctx.addIssue({
          code: 'custom',
          message: 'a retention rule needs closedTicketDays, fileDays or both',
          path: ['retention', i],
        });
    });
  });
export type PrivacyConfig = z.infer<typeof PrivacyConfig>;
