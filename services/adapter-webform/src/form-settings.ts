import { ConfigError, mimeTypeMatcher, normalizeOrigin } from '@omni/service-kit';
import type { WebformAccount } from './config';
import { SHIPPED_TEXTS, TEXT_KEYS, type Texts, textsFor } from './texts';

/** One account's configuration resolved once at start: per-language texts, topics, origins. */
export interface FormSettings {
  account: WebformAccount;
  /** Languages the page can be shown in; the first is the default. */
  languages: string[];
  /** `language: auto`: the browser's Accept-Language picks among `languages`. */
  negotiate: boolean;
  texts(lang: string): Texts;
  topicLabel(topicId: string, lang: string): string | undefined;
  /** Allowed origins, normalized (`https://shop.example.com`). */
  origins: ReadonlySet<string>;
  typeAllowed(mimeType: string): boolean;
  /** Replies to this form's tickets can leave by email (its `replyEmailAccount`, else any email account). */
  answersByEmail: boolean;
}

export function resolveFormSettings(
  account: WebformAccount,
  emailAccounts: readonly string[] = [],
): FormSettings {
  const problems: string[] = [];
  const at = `channels.webform[${account.account}]`;
  for (const [lang, overrides] of Object.entries(account.texts)) {
    for (const key of Object.keys(overrides)) {
      if (!(TEXT_KEYS as string[]).includes(key))
        problems.push(`${at}.texts.${lang}.${key}: not a known text key`);
    }
  }
  const origins = new Set<string>();
  for (const origin of account.allowedOrigins) {
    const normalized = normalizeOrigin(origin);
    if (normalized) origins.add(normalized);
    else problems.push(`${at}.allowedOrigins: "${origin}" is not an origin like https://shop.example.com`);
  }
  const languages = [...new Set([...Object.keys(SHIPPED_TEXTS), ...Object.keys(account.texts)])];
  const negotiate = account.language === 'auto';
  if (!negotiate && !languages.includes(account.language)) {
    problems.push(
      `${at}.language: "${account.language}" has no texts; ship them under texts.${account.language} or use ${languages.join(', ')} or auto`,
    );
  }
  if (problems.length > 0) throw new ConfigError('webform', problems);
  const defaultLang = negotiate ? 'en' : account.language;
  const ordered = [defaultLang, ...languages.filter((l) => l !== defaultLang)];

  const cache = new Map<string, Texts>();
  const texts = (lang: string): Texts => {
    let t = cache.get(lang);
    if (!t) {
      t = textsFor(lang, account.texts);
      const wait =
        typeof account.expectedWait === 'string' ? account.expectedWait : account.expectedWait?.[lang];
      // An explicit `texts.<lang>.expectedWait` wins over the account-wide phrase.
      if (wait && !account.texts[lang]?.expectedWait) t = { ...t, expectedWait: wait };
      cache.set(lang, t);
    }
    return t;
  };
  return {
    account,
    languages: ordered,
    negotiate,
    texts,
    topicLabel: (topicId, lang) => {
      const topic = account.topics.find((t) => t.id === topicId);
      return topic ? (topic.labels?.[lang] ?? topic.label) : undefined;
    },
    origins,
    answersByEmail: account.replyEmailAccount !== undefined || emailAccounts.length > 0,
    typeAllowed: mimeTypeMatcher(account.attachments.allowedTypes),
  };
}

/** `https://Shop.example.com/` → `https://shop.example.com`; undefined when it is not an http(s) origin. */
/**
 * The page language: an explicit `?lang=` the page knows, else (with `language: auto`)
 * the first Accept-Language entry it knows, else the account's default.
 */
export function pickLanguage(
  settings: FormSettings,
  requested: unknown,
  acceptLanguage: string | undefined,
): string {
  if (typeof requested === 'string' && settings.languages.includes(requested)) return requested;
  if (settings.negotiate && acceptLanguage) {
    const wanted = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = Number(
          params
            .find((p) => p.trim().startsWith('q='))
            ?.trim()
            .slice(2) ?? '1',
        );
        return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
      })
      .filter((w) => w.q > 0)
      .sort((a, b) => b.q - a.q);
    const hit = wanted.find((w) => settings.languages.includes(w.lang));
    if (hit) return hit.lang;
  }
  return settings.languages[0] ?? 'en';
}
