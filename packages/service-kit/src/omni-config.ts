import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountName, CHANNELS, type Channel } from '@omni/contracts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AutomationConfig } from './automation-config';
import { ConfigError, issuesToMessages } from './config-error';
import { PrivacyConfig } from './privacy-config';

/**
 * One configured account as every process may read it: its name, the rest unchecked. A
 * process validates strictly only the channel sections it hosts (their adapters' account
 * schemas); what another service reads of a section it does not host (the account a web
 * form's replies leave from) it reads through a small schema of its own.
 */
export const ConfiguredAccount = z.looseObject({ account: AccountName });
export type ConfiguredAccount = z.infer<typeof ConfiguredAccount>;

/** The account schema of each channel a process hosts (`ChannelDefinition.accountSchema`). */
export type ChannelAccountSchemas = { readonly [C in Channel]?: z.ZodType<{ account: string }> };

const ThreadingSettings = z
  .strictObject({
    reopenWindowDays: z.number().nonnegative().default(7),
    defaultPhoneRegion: z.string().length(2).default('RU'),
  })
  .default({ reopenWindowDays: 7, defaultPhoneRegion: 'RU' });

/** The YAML file of CHANNELS.md ("Configuration"): `channels` holds one list per channel of `CHANNELS`. */
export function omniConfigSchema<S extends ChannelAccountSchemas>(schemas: S) {
  const channels = Object.fromEntries(
    CHANNELS.map((c) => [c, z.array(schemas[c] ?? ConfiguredAccount).default([])]),
  ) as {
    [C in Channel]: z.ZodDefault<
      z.ZodArray<C extends keyof S ? NonNullable<S[C]> : typeof ConfiguredAccount>
    >;
  };
  return z.strictObject({
    threading: ThreadingSettings,
    channels: z.strictObject(channels).prefault({}),
    /** First-line automation (services/automation): calendars, SLA, routing, acknowledgements. */
    automation: AutomationConfig.prefault({}),
    /** Data-subject rights (services/tickets): retention per account, erasure tombstones. */
    privacy: PrivacyConfig.prefault({}),
  });
}

/** No channel validated strictly: every section read as `ConfiguredAccount`s. */
export type NoChannelSchemas = Record<never, never>;

/** The configuration with every channel section read loosely (what a process hosting no channel sees). */
export const OmniConfig = omniConfigSchema({});
/** The parsed configuration; `S` are the account schemas of the channels validated strictly. */
export type OmniConfig<S extends ChannelAccountSchemas = NoChannelSchemas> = z.infer<
  ReturnType<typeof omniConfigSchema<S>>
>;

/** With no file, the one-process launcher serves one web-form account and one live-chat account, both `default`. */
export const DEFAULT_CONFIG_TEXT =
  'channels:\n  webform:\n    - account: default\n  livechat:\n    - account: default\n';

/**
 * Loads the YAML configuration: `${VAR}` (or `${VAR:-fallback}`) placeholders are
 * replaced from `env`, then the result is validated. Every problem is reported at once,
 * each naming its key; the result is frozen.
 */
export function parseOmniConfig<S extends ChannelAccountSchemas = NoChannelSchemas>(
  text: string,
  env: Record<string, string | undefined>,
  opts: { source?: string; channels?: S } = {},
): OmniConfig<S> {
  const source = opts.source ?? 'config';
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError(source, [`not valid YAML: ${(err as Error).message}`]);
  }
  const missing: string[] = [];
  const interpolated = interpolate(raw, env, '', missing);
  if (missing.length > 0) throw new ConfigError(source, missing);
  const parsed = omniConfigSchema(opts.channels ?? ({} as S)).safeParse(interpolated);
  if (!parsed.success) throw new ConfigError(source, issuesToMessages(parsed.error));
  const accounts = Object.entries(parsed.data.channels).flatMap(([channel, list]) =>
    (list as ReadonlyArray<{ account: string }>).map((a) => `${channel}/${a.account}`),
  );
  const duplicate = accounts.find((a, i) => accounts.indexOf(a) !== i);
  if (duplicate) throw new ConfigError(source, [`channels: account ${duplicate} is configured twice`]);
  return deepFreeze(parsed.data as OmniConfig<S>);
}

/**
 * One channel's accounts through its schema: typed, defaults applied, every bad key
 * reported with its path (`channels.telegram[0].mode: …`). A process validated its hosted
 * sections at start already; this is how the adapter gets its typed view of a config
 * parsed for it or not (tests build adapters from a loosely parsed file).
 */
export function channelAccounts<A extends { account: string }>(
  config: OmniConfig<ChannelAccountSchemas>,
  channel: Channel,
  schema: z.ZodType<A>,
): readonly A[] {
  const parsed = z.array(schema).safeParse(config.channels[channel]);
  if (!parsed.success) {
    const problems = issuesToMessages(parsed.error).map(
      (m) => `channels.${channel}${m.startsWith('[') ? '' : '.'}${m}`,
    );
    throw new ConfigError('config', problems);
  }
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

export function loadOmniConfig<S extends ChannelAccountSchemas = NoChannelSchemas>(
  path: string | undefined,
  env: Record<string, string | undefined>,
  channels?: S,
): OmniConfig<S> {
  if (!path) return parseOmniConfig(DEFAULT_CONFIG_TEXT, env, { source: 'built-in default', channels });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  return parseOmniConfig(text, env, { source: path, channels });
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
