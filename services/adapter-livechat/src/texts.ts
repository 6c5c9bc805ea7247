/**
 * Every string the widget shows, in the languages we ship. An account may override any of
 * them per language (`texts: { ru: { title: "…" } }`); a key missing there falls back to
 * the shipped language's, then to English.
 */
const en = {
  open: 'Chat with us',
  close: 'Close the chat',
  title: 'Chat with support',
  intro: 'Ask us anything — a person will answer here.',
  prechatHint: 'Tell us how to reach you if you leave (optional).',
  name: 'Your name',
  email: 'Email',
  topic: 'Topic',
  topicNone: 'Choose a topic',
  start: 'Start the chat',
  placeholder: 'Type your message…',
  send: 'Send',
  you: 'You',
  agent: 'Support',
  typing: 'Support is typing…',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'Not sent yet: it will be sent when the connection is back.',
  history: 'Conversation',
  choices: 'Your answer',
  chosen: 'Thank you for your answer!',
  attach: 'Attach a file',
  fileFailed: 'The file was not sent: {reason}',
  waitOpen: 'We usually answer {wait}.',
  waitClosed: 'We are away now: we answer {wait}.',
} as const;

export type WidgetTextKey = keyof typeof en;
export type WidgetTexts = Record<WidgetTextKey, string>;

const ru: WidgetTexts = {
  open: 'Написать нам',
  close: 'Закрыть чат',
  title: 'Чат с поддержкой',
  intro: 'Спросите что угодно — ответит живой человек.',
  prechatHint: 'Оставьте контакт, если захотите уйти (необязательно).',
  name: 'Ваше имя',
  email: 'Email',
  topic: 'Тема',
  topicNone: 'Выберите тему',
  start: 'Начать чат',
  placeholder: 'Напишите сообщение…',
  send: 'Отправить',
  you: 'Вы',
  agent: 'Поддержка',
  typing: 'Поддержка печатает…',
  reconnecting: 'Связь потеряна. Подключаемся снова…',
  failed: 'Пока не отправлено: уйдёт, когда связь восстановится.',
  history: 'Переписка',
  choices: 'Ваш ответ',
  chosen: 'Спасибо за ответ!',
  attach: 'Приложить файл',
  fileFailed: 'Файл не отправлен: {reason}',
  waitOpen: 'Обычно отвечаем {wait}.',
  waitClosed: 'Сейчас мы не на связи: ответим {wait}.',
};

export const SHIPPED_LANGUAGES = ['en', 'ru'] as const;
const SHIPPED: Record<string, WidgetTexts> = { en, ru };

/** The texts of one language with the account's overrides (unknown keys are ignored). */
export function widgetTexts(
  lang: string,
  overrides: Readonly<Record<string, Readonly<Record<string, string>>>>,
): WidgetTexts {
  const base = { ...en, ...SHIPPED[lang] };
  const own = overrides[lang] ?? {};
  for (const k of Object.keys(en) as WidgetTextKey[]) if (typeof own[k] === 'string') base[k] = own[k];
  return base;
}

/** `ru` or `en`: the account's language, or with `auto` the first of them the browser accepts. */
export function pickLanguage(
  configured: 'ru' | 'en' | 'auto',
  requested: unknown,
  acceptLanguage?: string,
): string {
  if (typeof requested === 'string' && (SHIPPED_LANGUAGES as readonly string[]).includes(requested))
    return requested;
  if (configured !== 'auto') return configured;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (tag && (SHIPPED_LANGUAGES as readonly string[]).includes(tag)) return tag;
  }
  return 'en';
}
