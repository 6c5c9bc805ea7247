import { AccountName, Channel, TicketPriority } from '@omni/contracts';
import { z } from 'zod';

/** `HH:MM-HH:MM` in the calendar's zone; `24:00` closes at midnight. */
const TimeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a range such as 09:00-18:00')
  .refine((r) => {
    const [from, to] = r.split('-') as [string, string];
    return from < to;
  }, 'a range must end after it starts (split a night shift at midnight)');

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const OFFICE = ['09:00-18:00'];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When a group answers: weekly hours in an IANA zone, minus holidays (local dates). */
export const BusinessCalendar = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Moscow').default('UTC'),
    hours: z
      .strictObject({
        mon: z.array(TimeRange).default(OFFICE),
        tue: z.array(TimeRange).default(OFFICE),
        wed: z.array(TimeRange).default(OFFICE),
        thu: z.array(TimeRange).default(OFFICE),
        fri: z.array(TimeRange).default(OFFICE),
        sat: z.array(TimeRange).default([]),
        sun: z.array(TimeRange).default([]),
      })
      .prefault({}),
    /** Local dates (`2026-01-01`) on which the group does not answer. */
    holidays: z.array(z.iso.date()).default([]),
  })
  .refine((c) => WEEKDAYS.some((d) => c.hours[d].length > 0), {
    message: 'a calendar needs open hours on at least one weekday',
    path: ['hours'],
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** Business minutes (the clock runs only in the group's open hours). */
const SlaTarget = z.strictObject({
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
});

const lower = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .transform((s) => s.toLowerCase());

/** Conditions of one rule: every given kind must match; within a kind, any listed value. */
const RoutingConditions = z
  .strictObject({
    channel: z.array(Channel).min(1).optional(),
    account: z.array(AccountName).min(1).optional(),
    /** Web-form topic ids. */
    topic: z.array(z.string().min(1).max(100)).min(1).optional(),
    /** Language of the sender (`ru` matches `ru-RU`). */
    language: z.array(lower(35)).min(1).optional(),
    /** Case-insensitive, in the subject or text of the first message. */
    keywords: z.array(lower(200)).min(1).optional(),
    /** Domain of one of the customer's email addresses (`example.com` also matches `mail.example.com`). */
    customerDomain: z.array(lower(253)).min(1).optional(),
  })
  .refine(
    (w) => Object.keys(w).length > 0,
    'a rule needs at least one condition (use `defaults` for the rest)',
  );

const RoutingAction = z.strictObject({
  group: z.string().min(1).max(200).optional(),
  priority: TicketPriority.optional(),
  tags: z.array(z.string().min(1).max(100)).max(50).default([]),
});

export const RoutingRule = z.strictObject({
  /** Recorded on the ticket (`routingRule`). */
  name: z.string().min(1).max(100),
  when: RoutingConditions,
  set: RoutingAction,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

/** The automatic first answer of one channel account. */
export const AcknowledgementSettings = z.strictObject({
  channel: Channel,
  account: AccountName,
  /** Off unless said: an account not listed here, or listed without `enabled: true`, sends none. */
  enabled: z.boolean().default(false),
  /**
   * Per language: `{{wait}}` becomes the expected wait ("Monday morning", "within 2 hours"),
   * `{{ticketNumber}}` the ticket's number, `{{announcement}}` an active outage notice
   * (appended after the text when the template has no such placeholder).
   */
  templates: z
    .record(z.string().min(2).max(35), z.string().min(1).max(5000))
    .refine((t) => Object.keys(t).length > 0, 'at least one template'),
  /** The template used when the customer's language has none. */
  defaultLanguage: z.string().min(2).max(35).default('en'),
  /** Loop protection: acknowledgements to one customer in any 24 hours. */
  maxPerCustomerPerDay: z.number().int().min(0).default(3),
});
export type AcknowledgementSettings = z.infer<typeof AcknowledgementSettings>;

/** A survey's texts in one language; what is left out comes from the built-in English/Russian texts. */
const CsatTexts = z.strictObject({
  /** The question; `{{ticketNumber}}` is the ticket's number. Email surveys get the rating links under it. */
  question: z.string().min(1).max(2000).optional(),
  /** Shown on the rating page once the answer is recorded. */
  thanks: z.string().min(1).max(2000).optional(),
});

/** The satisfaction survey (CSAT) of one channel account, sent a while after a ticket is resolved. */
export const CsatSurveySettings = z.strictObject({
  channel: Channel,
  account: AccountName,
  /** Off unless said. */
  enabled: z.boolean().default(false),
  /** After the resolution; a ticket reopened meanwhile gets none (a later resolution starts the wait again). */
  delayMinutes: z.number().min(0).default(10),
  /** `five`: 1–5; `thumbs`: 👍 (recorded as 5) or 👎 (1). */
  scale: z.enum(['five', 'thumbs']).default('five'),
  /** How long a button, a link or a reply that is only a number/emoji counts as the answer. */
  answerWindowHours: z.number().positive().default(72),
  /** Loop protection: surveys to one customer within `perDays`. */
  maxPerCustomer: z.number().int().min(0).default(1),
  perDays: z.number().positive().default(7),
  defaultLanguage: z.string().min(2).max(35).default('en'),
  /** Per language, overriding the built-in `en` and `ru` texts. */
  texts: z.record(z.string().min(2).max(35), CsatTexts).default({}),
});
export type CsatSurveySettings = z.infer<typeof CsatSurveySettings>;

const CsatConfig = z
  .strictObject({
    /** Where the rating page (`/csat/<token>`) is reachable: email and web-form surveys link to it. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Signs the rating links (HMAC-SHA256); at least 32 characters, e.g. `${OMNI_CSAT_SECRET}`. */
    linkSecret: z.string().min(32).optional(),
    checkIntervalSeconds: z.number().positive().default(15),
    /**
     * Requests to the rating page per client IP (GET and POST, per replica, in memory): the
     * page needs no login, so a flood from one address is answered 429 before the database.
     */
    ratingPageLimit: z
      .strictObject({
        max: z.number().int().positive().default(60),
        windowSeconds: z.number().positive().default(600),
      })
      .prefault({}),
    surveys: z.array(CsatSurveySettings).default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.surveys.forEach((s, i) => {
      const key = `${s.channel}/${s.account}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: `${key} is configured twice`, path: ['surveys', i] });
      seen.add(key);
      const linked = s.enabled && (s.channel === 'email' || s.channel === 'webform');
      if (linked && (!c.publicUrl || !c.linkSecret))
        ctx.addIssue({
          code: 'custom',
          message: `${key} surveys by rating links: set csat.publicUrl and csat.linkSecret`,
          path: ['surveys', i],
        });
    });
  });
export type CsatConfig = z.infer<typeof CsatConfig>;

const DEFAULT_TARGETS = {
  low: { firstResponseMinutes: 480, resolutionMinutes: 4800 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 2400 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 960 },
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
};

/** First-line automation: calendars, SLA targets, routing, acknowledgements (issue 11). */
export const AutomationConfig = z
  .strictObject({
    /** Per group; `default` serves groups without their own (built in: Mon–Fri 09:00–18:00 UTC). */
    calendars: z.record(z.string().min(1).max(200), BusinessCalendar).default({}),
    sla: z
      .strictObject({
        targets: z
          .strictObject({
            low: SlaTarget.default(DEFAULT_TARGETS.low),
            normal: SlaTarget.default(DEFAULT_TARGETS.normal),
            high: SlaTarget.default(DEFAULT_TARGETS.high),
            urgent: SlaTarget.default(DEFAULT_TARGETS.urgent),
          })
          .prefault({}),
        /** `sla.warning` when this share of the target's business time has passed. */
        warningRatio: z.number().gt(0).lt(1).default(0.8),
        checkIntervalSeconds: z.number().positive().default(15),
      })
      .prefault({}),
    routing: z
      .strictObject({
        /** Applied when no rule matches (and for what the matching rule leaves unset). */
        defaults: z
          .strictObject({
            group: z.string().min(1).max(200).optional(),
            priority: TicketPriority.default('normal'),
            tags: z.array(z.string().min(1).max(100)).max(50).default([]),
          })
          .prefault({}),
        /** In order; the first match wins. */
        rules: z.array(RoutingRule).default([]),
      })
      .prefault({}),
    acknowledgements: z.array(AcknowledgementSettings).default([]),
    /** Satisfaction surveys after resolution (issue 24). */
    csat: CsatConfig.prefault({}),
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.acknowledgements.forEach((s, i) => {
      const key = `${s.channel}/${s.account}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          message: `${key} is configured twice`,
          path: ['acknowledgements', i],
        });
      seen.add(key);
    });
    const names = new Set<string>();
    a.routing.rules.forEach((r, i) => {
      if (names.has(r.name))
        ctx.addIssue({
          code: 'custom',
          message: `rule name ${r.name} is used twice`,
          path: ['routing', 'rules', i, 'name'],
        });
      names.add(r.name);
    });
  });
export type AutomationConfig = z.infer<typeof AutomationConfig>;
