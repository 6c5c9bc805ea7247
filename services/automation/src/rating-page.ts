import type { CsatScale } from '@omni/customers';
import { escapeHtml } from '@omni/service-kit';
import { scaleChoices } from './csat-survey';

/** The page's own words; the question and the thanks come from the account's survey texts. */
const WORDS = {
  en: {
    title: 'Rate our help',
    comment: 'Anything to add? (optional)',
    send: 'Send',
    invalid: 'This rating link is not valid.',
    expired: 'This rating link has expired.',
    already: 'Your rating was recorded already. Thank you!',
    badScore: 'Please choose a rating.',
  },
  ru: {
    title: 'Оцените нашу помощь',
    comment: 'Хотите что-то добавить? (необязательно)',
    send: 'Отправить',
    invalid: 'Ссылка для оценки недействительна.',
    expired: 'Срок действия ссылки для оценки истёк.',
    already: 'Ваша оценка уже учтена. Спасибо!',
    badScore: 'Пожалуйста, выберите оценку.',
  },
} as const;
export type PageLanguage = keyof typeof WORDS;
export type PageWords = (typeof WORDS)[PageLanguage];

/** Russian for readers who ask for it first (`Accept-Language`), English otherwise. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  return /^\s*ru\b/i.test(acceptLanguage ?? '') ? 'ru' : 'en';
}

export const pageWords = (language: PageLanguage): PageWords => WORDS[language];

/** Only inline styles, no scripts, forms posting back here only, never framed. */
export const RATING_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(language: PageLanguage, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(WORDS[language].title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
fieldset{border:0;padding:0;display:flex;gap:.5rem;flex-wrap:wrap}label.s{border:1px solid #bbb;border-radius:.4rem;padding:.4rem .7rem;cursor:pointer}
textarea{width:100%;min-height:6rem;margin:.8rem 0}button{padding:.5rem 1.2rem}</style></head>
<body>${body}</body></html>`;
}

/** A short page that only says something (thanks, already rated, invalid, expired). */
export function messagePage(language: PageLanguage, text: string): string {
  return page(language, `<p>${escapeHtml(text)}</p>`);
}

/** The form: the scale (the score from the link chosen), an optional comment, one button. */
export function ratingFormPage(input: {
  language: PageLanguage;
  question: string;
  scale: CsatScale;
  chosen: number | undefined;
  error?: string;
}): string {
  const w = WORDS[input.language];
  const options = scaleChoices(input.scale)
    .map(
      (c) =>
        `<label class="s"><input type="radio" name="score" value="${c.score}"${c.score === input.chosen ? ' checked' : ''} required> ${escapeHtml(c.label)}</label>`,
    )
    .join('');
  return page(
    input.language,
    `<h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(input.question)}</p>
${input.error ? `<p role="alert">${escapeHtml(input.error)}</p>` : ''}
<form method="post"><fieldset>${options}</fieldset>
<label for="comment">${escapeHtml(w.comment)}</label><textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">${escapeHtml(w.send)}</button></form>`,
  );
}
