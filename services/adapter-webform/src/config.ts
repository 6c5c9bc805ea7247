import { AccountName } from '@omni/contracts';
import { AttachmentLimits } from '@omni/service-kit';
import { z } from 'zod';

const WebformTopic = z.strictObject({
  id: z.string().min(1).max(100),
  /** The label that travels with the message (routing, agents); shown when no `labels` entry fits. */
  label: z.string().min(1).max(500),
  /** The label in the customer's words, per page language: `{ ru: "Оплата", en: "Payment" }`. */
  labels: z.record(z.string(), z.string().min(1).max(500)).optional(),
});
const WebformRate = z.strictObject({
  max: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});

/** One web-form account: `channels.webform[i]` of the YAML file (README, "Configuration"). */
export const WebformAccount = z.strictObject({
  account: AccountName,
  /** Page language: `ru`, `en` (shipped), another with its `texts`, or `auto` (the browser's choice). */
  language: z.string().default('en'),
  topics: z.array(WebformTopic).default([]),
  /** Origins allowed to embed the form and to post cross-site (the company's own site). Empty: same origin only. */
  allowedOrigins: z.array(z.string()).default([]),
  /** Overrides of any page string, per language: `{ ru: { title: "Напишите нам" } }` (keys: adapter README). */
  texts: z.record(z.string(), z.record(z.string(), z.string().max(5000))).default({}),
  /** How long an answer usually takes, completing the confirmation text; one phrase or one per language. */
  expectedWait: z
    .union([z.string().min(1).max(200), z.record(z.string(), z.string().min(1).max(200))])
    .optional(),
  /** Contact fields the page shows; at least one contact is always required. */
  contactFields: z.enum(['email', 'phone', 'both']).default('both'),
  /**
   * The `channels.email` account replies to this form's tickets leave from (a form cannot
   * carry replies); default: the first configured email account.
   */
  replyEmailAccount: AccountName.optional(),
  /**
   * The live chat account a reply email links to, so the customer continues in the chat
   * (the mailbox proves the address; the link opens this ticket's conversation). Default:
   * the live chat account of the same name, when it has a `publicUrl`. `false`: no link.
   */
  conversationLink: z
    .union([z.literal(false), z.strictObject({ livechatAccount: AccountName.optional() })])
    .optional(),
  attachments: AttachmentLimits.prefault({}),
  /** Per replica, in memory. */
  rateLimit: z
    .strictObject({
      perIp: WebformRate.default({ max: 20, windowSeconds: 600 }),
      perContact: WebformRate.default({ max: 5, windowSeconds: 3600 }),
    })
    .prefault({}),
});
export type WebformAccount = z.infer<typeof WebformAccount>;
