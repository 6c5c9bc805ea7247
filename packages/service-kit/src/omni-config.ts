import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountName } from '@omni/contracts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AutomationConfig } from './automation-config';
import { ConfigError, issuesToMessages } from './config-error';

const apiRoot = (url: string) => z.string().url().default(url);
const secret = z.string().min(1);

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
const WEBFORM_TYPES = [
  'image/*',
  'application/pdf',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

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
  attachments: z
    .strictObject({
      maxFiles: z.number().int().min(0).max(20).default(5),
      maxFileBytes: z.number().int().positive().default(10_485_760), // 10 MiB
      maxTotalBytes: z.number().int().positive().default(20_971_520), // 20 MiB
      /** MIME types (`image/*` wildcards allowed) accepted as attachments. */
      allowedTypes: z.array(z.string().min(3)).default(WEBFORM_TYPES),
    })
    .prefault({}),
  /** Per replica, in memory. */
  rateLimit: z
    .strictObject({
      perIp: WebformRate.default({ max: 20, windowSeconds: 600 }),
      perContact: WebformRate.default({ max: 5, windowSeconds: 3600 }),
    })
    .prefault({}),
});

export const EmailAccount = z.strictObject({
  account: AccountName,
  address: z.string().min(3),
  imap: z.strictObject({
    host: z.string().min(1),
    port: z.number().int().positive().default(993),
    secure: z.boolean().default(true),
    user: z.string().min(1),
    password: secret,
    mailbox: z.string().default('INBOX'),
  }),
  smtp: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().positive().default(465),
      secure: z.boolean().default(true),
      user: z.string().min(1).optional(),
      password: secret.optional(),
    })
    .optional(),
  /** Display name on our replies (`Support <support@example.com>`). */
  fromName: z.string().min(1).max(200).optional(),
  /** Wait with IMAP IDLE when the server supports it; otherwise (or when false) poll. */
  idle: z.boolean().default(true),
  /** Polling interval without IDLE, and the longest IDLE before a re-check. */
  pollIntervalSeconds: z.number().positive().default(60),
  /** Messages fetched and published per batch (one cursor commit each). */
  batchSize: z.number().int().min(1).max(1000).default(50),
  /** A larger message is set aside with a logged reason (its headers are still ingested). */
  maxMessageBytes: z
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** A larger attachment is recorded as skipped with the reason. */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Off by default: the mailbox is not modified unless configured. */
  markSeen: z.boolean().default(false),
  /** Move ingested messages to this mailbox (off by default). */
  moveTo: z.string().min(1).optional(),
});
export type EmailAccount = z.infer<typeof EmailAccount>;

export const TelegramAccount = z.strictObject({
  account: AccountName,
  token: secret,
  secretToken: secret.optional(),
  mode: z.enum(['webhook', 'polling']).default('webhook'),
  /** Public base URL; when set, setWebhook is called on start with our explicit path. */
  webhookBaseUrl: z.string().url().optional(),
  apiRoot: apiRoot('https://api.telegram.org'),
  /** Largest attachment stored, bytes (the Bot API's getFile serves at most 20 MB). */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Group and supergroup messages are acknowledged and ignored unless this is true. */
  acceptGroupChats: z.boolean().default(false),
  /** Long-polling wait per getUpdates call (polling mode). */
  pollingTimeoutSeconds: z.number().int().min(0).max(50).default(25),
});

export const ViberAccount = z.strictObject({
  account: AccountName,
  authToken: secret,
  senderName: z.string().min(1).max(28),
  senderAvatar: z.string().url().optional(),
  webhookBaseUrl: z.string().url().optional(),
  apiRoot: apiRoot('https://chatapi.viber.com'),
  /** Largest media file stored at ingestion, bytes (Viber accepts files up to 50 MB). */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});

export const FacebookAccount = z.strictObject({
  account: AccountName,
  pageId: z.string().min(1),
  pageAccessToken: secret,
  appSecret: secret,
  verifyToken: secret,
  apiRoot: apiRoot('https://graph.facebook.com'),
  /** Graph API version used in every call path. */
  graphVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  /** Tag for replies outside the 24-hour window (e.g. HUMAN_AGENT); absent: such replies fail permanently. */
  messageTag: z
    .enum(['HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE'])
    .optional(),
  /** Fetch senders' names and pictures through the Graph API (cached; never blocks ingestion). */
  fetchProfiles: z.boolean().default(false),
  /** Largest attachment stored at ingestion, bytes. */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
});

export const VkAccount = z
  .strictObject({
    account: AccountName,
    groupId: z.number().int().positive(),
    accessToken: secret,
    /** Callback API secret; required in `callback` mode. */
    secret: secret.optional(),
    /** Callback API confirmation string; required in `callback` mode. */
    confirmation: z.string().min(1).optional(),
    apiRoot: apiRoot('https://api.vk.com'),
    apiVersion: z
      .string()
      .regex(/^\d+\.\d+$/)
      .default('5.199'),
    /** `callback`: VK posts to our URL; `longpoll`: Bots Long Poll, for servers without a public URL. */
    mode: z.enum(['callback', 'longpoll']).default('callback'),
    /** Fetch senders' names through users.get (cached; never blocks ingestion). */
    fetchProfiles: z.boolean().default(false),
    /** Largest attachment stored at ingestion, bytes. */
    maxAttachmentBytes: z
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
  })
  .refine((a) => a.mode === 'longpoll' || (a.secret !== undefined && a.confirmation !== undefined), {
    message: 'callback mode needs both `secret` and `confirmation`',
    path: ['secret'],
  });

/** The YAML file of CHANNELS.md ("Configuration"). */
export const OmniConfig = z.strictObject({
  threading: z
    .strictObject({
      reopenWindowDays: z.number().nonnegative().default(7),
      defaultPhoneRegion: z.string().length(2).default('RU'),
    })
    .default({ reopenWindowDays: 7, defaultPhoneRegion: 'RU' }),
  channels: z
    .strictObject({
      webform: z.array(WebformAccount).default([]),
      email: z.array(EmailAccount).default([]),
      telegram: z.array(TelegramAccount).default([]),
      viber: z.array(ViberAccount).default([]),
      facebook: z.array(FacebookAccount).default([]),
      vk: z.array(VkAccount).default([]),
    })
    .default({ webform: [], email: [], telegram: [], viber: [], facebook: [], vk: [] }),
  /** First-line automation (services/automation): calendars, SLA, routing, acknowledgements. */
  automation: AutomationConfig.prefault({}),
});
export type OmniConfig = z.infer<typeof OmniConfig>;
export type WebformAccount = z.infer<typeof WebformAccount>;

/** With no file, the one-process launcher serves one web-form account, `default`. */
export const DEFAULT_CONFIG_TEXT = 'channels:\n  webform:\n    - account: default\n';

/**
 * Loads the YAML configuration: `${VAR}` (or `${VAR:-fallback}`) placeholders are
 * replaced from `env`, then the result is validated. Every problem is reported at once,
 * each naming its key; the result is frozen.
 */
export function parseOmniConfig(
  text: string,
  env: Record<string, string | undefined>,
  source = 'config',
): OmniConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError(source, [`not valid YAML: ${(err as Error).message}`]);
  }
  const missing: string[] = [];
  const interpolated = interpolate(raw, env, '', missing);
  if (missing.length > 0) throw new ConfigError(source, missing);
  const parsed = OmniConfig.safeParse(interpolated);
  if (!parsed.success) throw new ConfigError(source, issuesToMessages(parsed.error));
  const accounts = Object.entries(parsed.data.channels).flatMap(([channel, list]) =>
    list.map((a) => `${channel}/${a.account}`),
  );
  const duplicate = accounts.find((a, i) => accounts.indexOf(a) !== i);
  if (duplicate) throw new ConfigError(source, [`channels: account ${duplicate} is configured twice`]);
  return deepFreeze(parsed.data);
}

/** Where the configuration is read from: `OMNI_CONFIG`, else `omni.config.yaml` if present, else none. */
export function resolveConfigPath(
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): string | undefined {
  if (env.OMNI_CONFIG) return env.OMNI_CONFIG;
  const fallback = join(cwd, 'omni.config.yaml');
  return existsSync(fallback) ? fallback : undefined;
}

export function loadOmniConfig(
  path: string | undefined,
  env: Record<string, string | undefined>,
): OmniConfig {
  if (!path) return parseOmniConfig(DEFAULT_CONFIG_TEXT, env, 'built-in default');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  return parseOmniConfig(text, env, path);
}

function interpolate(
  value: unknown,
  env: Record<string, string | undefined>,
  at: string,
  missing: string[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
      (_m, name: string, fallback?: string) => {
        const v = env[name] ?? fallback;
        if (v === undefined) missing.push(`${at || '(root)'}: environment variable ${name} is not set`);
        return v ?? '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${at}[${i}]`, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, env, at ? `${at}.${k}` : k, missing)]),
    );
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
