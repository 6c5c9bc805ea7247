import type { LivechatAccount } from './config';

/** The offline email in the visitor's language (ru/en): the texts and their composition. */
export type OfflineEmailLanguage = keyof typeof OFFLINE_EMAIL_TEXTS;
export const OFFLINE_EMAIL_TEXTS = {
  en: {
    subject: 'A reply in your chat with us',
    greeting: (name?: string) => (name ? `Hello, ${name}!` : 'Hello!'),
    intro: (n: number) =>
      n === 1
        ? 'You have not read our reply in the chat yet:'
        : `You have not read our ${n} replies in the chat yet:`,
    agent: 'Support',
    link: 'Continue the conversation:',
    answer: 'Or simply answer this email: your answer goes to the same conversation.',
  },
  ru: {
    subject: 'Ответ в чате поддержки',
    greeting: (name?: string) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
    intro: (n: number) =>
      n === 1 ? 'Вы ещё не прочитали наш ответ в чате:' : `Вы ещё не прочитали наши ответы в чате (${n}):`,
    agent: 'Поддержка',
    link: 'Продолжить разговор:',
    answer: 'Или просто ответьте на это письмо: ответ попадёт в тот же разговор.',
  },
} as const;

/** The visitor's widget language, else the account's (`auto` without one: Russian, the product's default). */
export function offlineEmailLanguage(
  configured: LivechatAccount['language'],
  locale: string | undefined,
): OfflineEmailLanguage {
  const fromLocale = locale?.slice(0, 2).toLowerCase();
  if (fromLocale === 'en' || fromLocale === 'ru') return fromLocale;
  return configured === 'en' ? 'en' : 'ru';
}

/** The email's text: a greeting, each unread reply with who wrote it and when (UTC), the link back. */
export function composeOfflineEmail(input: {
  language: OfflineEmailLanguage;
  name?: string;
  replies: ReadonlyArray<{ text: string; author: string | null; created_at: Date }>;
  link?: string;
}): string {
  const t = OFFLINE_EMAIL_TEXTS[input.language];
  const lines = [t.greeting(input.name), '', t.intro(input.replies.length), ''];
  for (const r of input.replies) {
    const at = r.created_at.toISOString().slice(0, 16).replace('T', ' ');
    lines.push(`— ${r.author ?? t.agent}, ${at} UTC:`, r.text, '');
  }
  if (input.link) lines.push(t.link, input.link, '');
  lines.push(t.answer);
  return lines.join('\n');
}
