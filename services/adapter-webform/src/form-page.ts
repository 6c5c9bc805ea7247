import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormSettings } from './form-settings';
import { fill, formatSize, type TextKey } from './texts';
import { HONEYPOT_FIELD } from './webform.schema';

/** The page's own style and script, inlined (one request, no third party) and allowed by hash in the CSP. */
const asset = (name: string) => readFileSync(join(__dirname, 'page', name), 'utf8');
const CSS = asset('form.css');
const SCRIPT = asset('form.client.js');
export const EMBED_SCRIPT = asset('embed.client.js');
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Texts the script needs for its own checks and messages. */
const CLIENT_TEXTS: TextKey[] = [
  'errorName',
  'errorContact',
  'errorEmail',
  'errorPhone',
  'errorTopic',
  'errorMessage',
  'errorFileType',
  'errorFileSize',
  'errorFileTotal',
  'errorFileCount',
  'errorSummary',
  'errorUnavailable',
  'errorUnreadable',
  'errorNetwork',
  'sending',
  'megabytes',
  'kilobytes',
];

/**
 * The page's Content-Security-Policy: nothing but its own inline style and script and
 * same-origin posts; framed only by the account's allowed origins.
 */
export function pageSecurityHeaders(settings: FormSettings): Record<string, string> {
  const ancestors = ["'self'", ...settings.origins].join(' ');
  return {
    'content-security-policy': [
      "default-src 'none'",
      `script-src ${sha256(SCRIPT)}`,
      `style-src ${sha256(CSS)}`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      `frame-ancestors ${ancestors}`,
    ].join('; '),
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    // Each page carries a fresh submission id: a cached copy would hand two forms the same one.
    'cache-control': 'no-store',
  };
}

export interface FormView {
  settings: FormSettings;
  lang: string;
  embed: boolean;
  submissionId: string;
  /** Files the form accepts here (0 hides the file input). */
  maxFiles: number;
  values?: Record<string, string>;
  /** Field → message; other keys (the honeypot, `(form)`) appear in the summary only. */
  errors?: Record<string, string>;
}

export const formPath = (account: string) => `/channels/webform/${encodeURIComponent(account)}`;

export function renderFormPage(view: FormView): string {
  const { settings, lang, embed } = view;
  const t = settings.texts(lang);
  const account = settings.account;
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const attachments = account.attachments;
  const field = (
    name: string,
    label: string,
    control: string,
    opts: { required?: boolean; hint?: string } = {},
  ) => {
    const note = opts.required ? t.required : t.optional;
    const error = errors[name];
    const hint = opts.hint ? `<p class="hint" id="f-${name}-hint">${esc(opts.hint)}</p>` : '';
    return `<div class="field"><label for="f-${name}">${esc(label)} <span class="note">(${esc(note)})</span></label>${control}${hint}<p class="error" id="f-${name}-error">${esc(error ?? '')}</p></div>`;
  };
  const attrs = (name: string, hint?: string) => {
    const describedBy = [hint ? hint : '', `f-${name}-error`].filter(Boolean).join(' ');
    return `id="f-${name}" name="${name}" aria-describedby="${describedBy}"${errors[name] ? ' aria-invalid="true"' : ''}`;
  };
  const input = (name: string, type: string, extra: string, hint?: string) =>
    `<input type="${type}" ${attrs(name, hint)} value="${esc(values[name] ?? '')}" ${extra}>`;

  const showEmail = account.contactFields !== 'phone';
  const showPhone = account.contactFields !== 'email';
  const contacts = [
    showEmail
      ? field(
          'email',
          t.email,
          input('email', 'email', 'autocomplete="email" maxlength="320"', 'contact-hint'),
        )
      : '',
    showPhone
      ? field('phone', t.phone, input('phone', 'tel', 'autocomplete="tel" maxlength="64"', 'contact-hint'))
      : '',
  ].join('');

  const topics =
    account.topics.length === 0
      ? ''
      : field(
          'topic',
          t.topic,
          `<select ${attrs('topic')} required><option value="">${esc(t.topicPlaceholder)}</option>${account.topics
            .map((topic) => {
              const selected = values.topic === topic.id ? ' selected' : '';
              return `<option value="${esc(topic.id)}"${selected}>${esc(settings.topicLabel(topic.id, lang) ?? topic.label)}</option>`;
            })
            .join('')}</select>`,
          { required: true },
        );

  const size = (bytes: number) => formatSize(bytes, t);
  const filesHint = fill(t.attachmentsHint, {
    maxFiles: attachments.maxFiles,
    maxFileSize: size(attachments.maxFileBytes),
    maxTotalSize: size(attachments.maxTotalBytes),
  });
  const files =
    view.maxFiles === 0
      ? ''
      : field(
          'attachments',
          t.attachments,
          `<input type="file" ${attrs('attachments', 'f-attachments-hint')} multiple accept="${esc(attachments.allowedTypes.join(','))}">`,
          { hint: filesHint },
        );

  const summary = Object.keys(errors).length
    ? `<p>${esc(t.errorSummary)}</p><ul>${Object.entries(errors)
        .map(([name, message]) =>
          fieldNames.has(name)
            ? `<li><a href="#f-${name}">${esc(message)}</a></li>`
            : `<li>${esc(message)}</li>`,
        )
        .join('')}</ul>`
    : '';

  const config = {
    texts: Object.fromEntries(CLIENT_TEXTS.map((k) => [k, t[k]])),
    maxFiles: view.maxFiles,
    maxFileBytes: attachments.maxFileBytes,
    maxTotalBytes: attachments.maxTotalBytes,
    allowedTypes: attachments.allowedTypes,
  };

  const form = `<div id="form-view">
<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
<div id="errors" class="summary" role="alert" tabindex="-1">${summary}</div>
<form id="omni-form" method="post" action="${formPath(account.account)}/submissions" enctype="multipart/form-data" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${esc(view.submissionId)}" autocomplete="off">
<input type="hidden" name="lang" value="${esc(lang)}">
${embed ? '<input type="hidden" name="embed" value="1">' : ''}
${field('name', t.name, input('name', 'text', 'autocomplete="name" maxlength="200" required'), { required: true })}
<div class="row">${contacts}</div>
<p class="hint" id="contact-hint">${esc(t.contactHint)}</p>
${topics}
${field('subject', t.subject, input('subject', 'text', 'maxlength="500"'))}
${field('message', t.message, `<textarea ${attrs('message')} rows="7" maxlength="20000" required>${esc(values.message ?? '')}</textarea>`, { required: true })}
${files}
<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT_FIELD}">${esc(t.honeypot)}</label><input type="text" id="f-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>
<button type="submit">${esc(t.submit)}</button>
</form>
</div>
${confirmation(view, true)}
<script type="application/json" id="omni-config">${jsonForScript(config)}</script>`;
  return layout(lang, t.title, embed, `${languageSwitch(settings, lang, embed)}${form}`);
}

/** The page a no-JavaScript post is redirected to (Post/Redirect/Get): what happens next, and when. */
export function renderConfirmationPage(view: {
  settings: FormSettings;
  lang: string;
  embed: boolean;
}): string {
  const t = view.settings.texts(view.lang);
  return layout(view.lang, t.confirmTitle, view.embed, confirmation(view, false));
}

const fieldNames = new Set(['name', 'email', 'phone', 'topic', 'subject', 'message', 'attachments']);

function confirmation(
  view: { settings: FormSettings; lang: string; embed: boolean },
  hidden: boolean,
): string {
  const t = view.settings.texts(view.lang);
  const again = `${formPath(view.settings.account.account)}?lang=${encodeURIComponent(view.lang)}${view.embed ? '&embed=1' : ''}`;
  return `<section id="confirm" class="confirm" aria-labelledby="confirm-title"${hidden ? ' hidden' : ''}>
<h1 id="confirm-title" tabindex="-1">${esc(t.confirmTitle)}</h1>
<p>${esc(fill(view.settings.answersByEmail ? t.confirmText : t.confirmTextNoReply, { wait: t.expectedWait }))}</p>
<p>${esc(t.confirmNext)}</p>
<p><a href="${esc(again)}">${esc(t.sendAnother)}</a></p>
</section>`;
}

function layout(lang: string, title: string, embed: boolean, body: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body${embed ? ' class="embed"' : ''}>
<main><div class="card">
${body}
</div></main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const LANGUAGE_NAMES: Record<string, string> = { ru: 'Русский', en: 'English' };

/** Links to the form in the other languages, each named in its own language. */
function languageSwitch(settings: FormSettings, lang: string, embed: boolean): string {
  const others = settings.languages.filter((l) => l !== lang);
  if (others.length === 0) return '';
  const links = others
    .map((l) => {
      const href = `${formPath(settings.account.account)}?lang=${encodeURIComponent(l)}${embed ? '&embed=1' : ''}`;
      return `<a href="${esc(href)}" hreflang="${esc(l)}" lang="${esc(l)}">${esc(LANGUAGE_NAMES[l] ?? l.toUpperCase())}</a>`;
    })
    .join(' ');
  return `<nav class="langs" aria-label="${esc(settings.texts(lang).language)}">${links}</nav>\n`;
}

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
