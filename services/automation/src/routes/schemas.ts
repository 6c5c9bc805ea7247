import { Channel } from '@omni/contracts';
import { ProblemJson } from '@omni/service-kit';
import { z } from 'zod';

export const problems = { 400: ProblemJson, 401: ProblemJson, 403: ProblemJson, 404: ProblemJson } as const;

export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const Durations = z.object({
  count: z.number().int(),
  p50Seconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  breaches: z.number().int(),
});
const Bucket = z.object({ created: z.number().int(), firstResponse: Durations, resolution: Durations });

const CsatBucket = z.object({
  surveys: z.number().int().describe('Surveys sent in the period.'),
  responses: z.number().int().describe('Of those, answered.'),
  responseRate: z.number().nullable().describe('responses / surveys; null without surveys.'),
  average: z
    .number()
    .nullable()
    .describe('The mean score (1–5; thumbs count as 5 and 1); null without responses.'),
  distribution: z.array(z.number().int()).length(5).describe('Responses per score, 1 first.'),
});

export const StatsQuery = z
  .object({
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Start of the period (inclusive). Default: 30 days before `to`.'),
    to: z.iso.datetime({ offset: true }).optional().describe('End of the period (exclusive). Default: now.'),
    timeZone: z
      .string()
      .max(100)
      .refine(isTimeZone, 'an IANA time zone such as Europe/Moscow')
      .default('UTC')
      .describe('Zone of the arrival rhythm.'),
  })
  .transform((q, ctx) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) ctx.addIssue({ code: 'custom', message: '`from` must be before `to`', path: ['from'] });
    if (to.getTime() - from.getTime() > 366 * 86_400_000)
      ctx.addIssue({ code: 'custom', message: 'a period is at most 366 days', path: ['from'] });
    return { from, to, timeZone: q.timeZone };
  });

export const StatsJson = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: Bucket,
  byChannel: z.array(Bucket.extend({ key: z.string() })),
  byGroup: z.array(Bucket.extend({ key: z.string().nullable() })),
  byTopic: z.array(Bucket.extend({ key: z.string().nullable() })),
  arrivals: z.object({
    byHourOfDay: z.array(z.number().int()).length(24),
    byWeekday: z.array(z.number().int()).length(7).describe('Monday first.'),
  }),
  csat: z
    .object({
      totals: CsatBucket,
      byChannel: z.array(CsatBucket.extend({ key: z.string() })),
      byGroup: z.array(CsatBucket.extend({ key: z.string().nullable() })),
      byAssignee: z.array(CsatBucket.extend({ key: z.string().nullable() })),
      byDay: z
        .array(CsatBucket.extend({ key: z.string() }))
        .describe('By the local date (`timeZone`) the survey left.'),
    })
    .describe('Satisfaction surveys sent in the period and their answers.'),
});

const Texts = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or pt-BR'),
    z.string().trim().min(1).max(5000),
  )
  .refine((t) => Object.keys(t).length > 0 && Object.keys(t).length <= 50, 'one to fifty languages');

export const AnnouncementBody = z
  .strictObject({
    texts: Texts.describe('The notice per language: `{ "en": "…", "ru": "…" }`.'),
    channels: z
      .array(Channel)
      .max(20)
      .default([])
      .describe('Channels whose acknowledgements carry it; empty: all.'),
    startsAt: z.iso.datetime({ offset: true }).optional().describe('Default: now.'),
    endsAt: z.iso.datetime({ offset: true }).nullable().optional().describe('Default: until deleted.'),
  })
  .refine((b) => !b.endsAt || new Date(b.endsAt) > new Date(b.startsAt ?? Date.now()), {
    message: '`endsAt` must be after `startsAt`',
    path: ['endsAt'],
  });

export const AnnouncementJson = z.object({
  id: z.uuid(),
  texts: z.record(z.string(), z.string()),
  channels: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});

export const AnnouncementListQuery = z.object({
  active: z.enum(['true', 'false']).optional().describe('`true`: only those in force now.'),
  channel: Channel.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const IdParams = z.object({ id: z.uuid() });

export const TicketAutomationJson = z.object({
  ticketId: z.uuid(),
  routingRule: z.string().nullable(),
  group: z.string().nullable(),
  priority: z.string(),
  firstResponseDueAt: z.string(),
  resolutionDueAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  acknowledgement: z.object({ messageId: z.uuid(), language: z.string(), sentAt: z.string() }).nullable(),
});
