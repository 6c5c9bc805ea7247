/**
 * Every string the form shows, in the languages we ship. An account may override any of
 * them per language (`texts: { ru: { title: "…" } }`) or add a language of its own; a
 * key missing there falls back to English. `{name}` placeholders are filled by `fill`.
 */
const en = {
  title: 'Contact us',
  intro: 'Tell us what happened in your own words — we will pass it to the right people.',
  required: 'required',
  optional: 'optional',
  name: 'Your name',
  email: 'Email',
  phone: 'Phone',
  contactHint: 'Leave an email address or a phone number so that we can answer you.',
  topic: 'What is it about?',
  topicPlaceholder: 'Choose a topic',
  subject: 'Subject',
  message: 'Your message',
  attachments: 'Files',
  attachmentsHint: 'Up to {maxFiles} files, {maxFileSize} each, {maxTotalSize} in total.',
  honeypot: 'Leave this field empty',
  submit: 'Send',
  sending: 'Sending…',
  errorSummary: 'Please correct the following:',
  errorName: 'Enter your name.',
  errorContact: 'Enter an email address or a phone number.',
  errorEmail: 'Enter a valid email address, like name@example.com.',
  errorPhone: 'Enter a valid phone number, like +7 912 345-67-89.',
  errorTopic: 'Choose a topic from the list.',
  errorMessage: 'Enter your message.',
  errorTooLong: 'This is too long: at most {max} characters.',
  errorFileType: '“{file}”: files of this type are not accepted.',
  errorFileSize: '“{file}”: the file is larger than {max}.',
  errorFileTotal: '“{file}”: all files together must not exceed {max}.',
  errorFileCount: '“{file}”: at most {max} files can be attached.',
  errorFilesDisabled: '“{file}”: files cannot be attached to this form.',
  errorTooLarge: 'The form with its files is larger than {max}. Please attach fewer or smaller files.',
  errorHoneypot:
    'Your message looked automated, so it was not sent. Please check the form and send it again.',
  errorRate: 'Too many messages were sent from here. Please try again in {minutes} min.',
  errorOrigin: 'This form cannot be sent from this site.',
  errorUnreadable: 'The form could not be read. Please reload the page and try again.',
  errorUnavailable:
    'We could not receive your message just now, and nothing was sent. Please try again in a minute.',
  errorNetwork: 'The connection failed, and your message may not have arrived. Please try again.',
  confirmTitle: 'Thank you, we have your message',
  confirmText: 'A specialist will read it and answer you by email. This usually takes {wait}.',
  /** When no email account can carry an answer: the confirmation promises none. */
  confirmTextNoReply: 'A specialist will read it. This usually takes {wait}.',
  confirmNext:
    'You do not need to do anything else. If you write to us again, use the same email or phone, and we will see the whole conversation.',
  expectedWait: 'one business day',
  sendAnother: 'Send another message',
  language: 'Language',
  megabytes: '{n} MB',
  kilobytes: '{n} KB',
} as const;

export type TextKey = keyof typeof en;
export type Texts = Record<TextKey, string>;

const ru: Texts = {
  title: 'Напишите нам',
  intro: 'Расскажите своими словами, что случилось, — мы передадим обращение тем, кто поможет.',
  required: 'обязательно',
  optional: 'необязательно',
  name: 'Ваше имя',
  email: 'Эл. почта',
  phone: 'Телефон',
  contactHint: 'Оставьте адрес почты или номер телефона, чтобы мы могли ответить.',
  topic: 'О чём ваше обращение?',
  topicPlaceholder: 'Выберите тему',
  subject: 'Тема письма',
  message: 'Сообщение',
  attachments: 'Файлы',
  attachmentsHint: 'До {maxFiles} файлов, каждый не больше {maxFileSize}, всего не больше {maxTotalSize}.',
  honeypot: 'Оставьте это поле пустым',
  submit: 'Отправить',
  sending: 'Отправляем…',
  errorSummary: 'Пожалуйста, исправьте:',
  errorName: 'Укажите имя.',
  errorContact: 'Укажите адрес почты или номер телефона.',
  errorEmail: 'Укажите адрес почты в виде name@example.com.',
  errorPhone: 'Укажите номер телефона, например +7 912 345-67-89.',
  errorTopic: 'Выберите тему из списка.',
  errorMessage: 'Напишите сообщение.',
  errorTooLong: 'Слишком длинно: не больше {max} символов.',
  errorFileType: '«{file}»: файлы такого типа не принимаются.',
  errorFileSize: '«{file}»: файл больше {max}.',
  errorFileTotal: '«{file}»: все файлы вместе должны быть не больше {max}.',
  errorFileCount: '«{file}»: можно приложить не больше {max} файлов.',
  errorFilesDisabled: '«{file}»: к этой форме нельзя прикладывать файлы.',
  errorTooLarge: 'Форма с файлами больше {max}. Приложите меньше файлов или файлы поменьше.',
  errorHoneypot: 'Сообщение похоже на автоматическое и не отправлено. Проверьте форму и отправьте ещё раз.',
  errorRate: 'Отсюда отправлено слишком много сообщений. Попробуйте ещё раз через {minutes} мин.',
  errorOrigin: 'С этого сайта форму отправить нельзя.',
  errorUnreadable: 'Не удалось прочитать форму. Обновите страницу и попробуйте ещё раз.',
  errorUnavailable:
    'Сейчас не получается принять сообщение, оно не отправлено. Попробуйте ещё раз через минуту.',
  errorNetwork: 'Связь прервалась, сообщение могло не дойти. Попробуйте ещё раз.',
  confirmTitle: 'Спасибо, сообщение получено',
  confirmText: 'Специалист прочитает его и ответит вам по почте. Обычно это занимает {wait}.',
  confirmTextNoReply: 'Специалист прочитает его. Обычно это занимает {wait}.',
  confirmNext:
    'Больше ничего делать не нужно. Если напишете ещё, укажите ту же почту или телефон — мы увидим всю переписку.',
  expectedWait: 'один рабочий день',
  sendAnother: 'Отправить ещё одно сообщение',
  language: 'Язык',
  megabytes: '{n} МБ',
  kilobytes: '{n} КБ',
};

export const SHIPPED_TEXTS: Readonly<Record<string, Texts>> = { en, ru };
export const TEXT_KEYS = Object.keys(en) as TextKey[];

/** Fills `{name}` placeholders; unknown placeholders stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** The texts of one language: shipped English, then the shipped language, then the account's overrides. */
export function textsFor(
  lang: string,
  overrides: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Texts {
  return { ...en, ...SHIPPED_TEXTS[lang], ...(overrides[lang] as Partial<Texts> | undefined) };
}

/** Sizes as the customer reads them: kilobytes, or whole or one-decimal megabytes. */
export function formatSize(bytes: number, t: Texts): string {
  if (bytes < 1024 * 1024) return fill(t.kilobytes, { n: Math.max(1, Math.round(bytes / 1024)) });
  const mb = bytes / (1024 * 1024);
  return fill(t.megabytes, {
    n: mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : Math.round(mb * 10) / 10,
  });
}
