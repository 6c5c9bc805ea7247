import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '@omni/service-kit';
import type { LivechatAccount } from './config';
import type { WidgetTexts } from './texts';

const asset = (name: string) => readFileSync(join(__dirname, 'page', name), 'utf8');
/** The widget: one bundle (built from `widget/` by `pnpm --filter @omni/adapter-livechat build-widget`). */
export const WIDGET_SCRIPT = asset('widget.js');
export const WIDGET_CSS = asset('widget.css');

/** JSON inside a `<script>` data block: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** What the chat frame needs to know, embedded in its page. */
export interface FrameConfig {
  account: string;
  lang: string;
  texts: WidgetTexts;
  topics: Array<{ id: string; label: string }>;
}

/**
 * The chat frame's headers: our own scripts, styles and connections only, and embedding
 * only by our pages and the account's allowed origins (CSP frame-ancestors).
 */
export function frameSecurityHeaders(origins: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "form-action 'none'",
      "base-uri 'none'",
      `frame-ancestors ${["'self'", ...origins].join(' ')}`,
    ].join('; '),
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/** The page inside the widget's frame: the chat itself (`widget.js` in frame mode). */
export function renderFrame(config: FrameConfig): string {
  return `<!doctype html>
<html lang="${escapeHtml(config.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(config.texts.title)}</title>
<link rel="stylesheet" href="widget.css">
</head>
<body>
<script type="application/json" id="omni-livechat-config">${scriptJson(config)}</script>
<script src="widget.js" data-frame="1"></script>
</body>
</html>
`;
}

/** A page showing the widget as a site embeds it (the launcher's banner names it). */
export function renderDemo(account: LivechatAccount, lang: string): string {
  const src = `/channels/livechat/${encodeURIComponent(account.account)}/widget.js`;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Live chat demo — ${escapeHtml(account.account)}</title>
</head>
<body>
<h1>Live chat demo</h1>
<p>This page embeds the live chat of account <code>${escapeHtml(account.account)}</code> as a site would:</p>
<pre>&lt;script src="${escapeHtml(src)}" data-account="${escapeHtml(account.account)}" async&gt;&lt;/script&gt;</pre>
<p>Open the chat with the button in the corner. Replies come from <code>POST /v1/tickets/{id}/replies</code>.</p>
<script src="${escapeHtml(src)}" data-account="${escapeHtml(account.account)}" async></script>
</body>
</html>
`;
}

export const demoSecurityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; frame-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
};
