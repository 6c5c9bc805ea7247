/**
 * The live-chat widget, one script in two roles. On the customer's site (`<script
 * src=…/widget.js data-account=…>`) it only adds the frame; inside the frame (our page,
 * `…/frame`, `data-frame`) it is the chat. The chat runs on our origin, so the site's
 * scripts never see the visitor token, and CSP frame-ancestors decides which sites may
 * embed it. No framework and nothing from other origins.
 */
import { availabilityNotices } from './availability';
import { type FileRef, fileList, uploadMessage } from './files';

interface Entry {
  id: string;
  direction: 'inbound' | 'outbound';
  text: string;
  attachments?: FileRef[];
  author: string | null;
  createdAt: string;
  status: 'sent' | 'delivered' | 'read' | null;
  clientMessageId?: string | null;
  /** Buttons under a reply (a survey's scale); `chosen` is the payload pressed, once answered. */
  choices?: Array<{ label: string; payload: string }>;
  chosen?: string | null;
}

/** The keys of `src/texts.ts` (the frame page embeds them for its language). */
type TextKey =
  | 'open'
  | 'close'
  | 'title'
  | 'intro'
  | 'prechatHint'
  | 'name'
  | 'email'
  | 'topic'
  | 'topicNone'
  | 'start'
  | 'placeholder'
  | 'send'
  | 'you'
  | 'agent'
  | 'typing'
  | 'reconnecting'
  | 'failed'
  | 'history'
  | 'choices'
  | 'chosen'
  | 'attach'
  | 'fileFailed'
  | 'waitOpen'
  | 'waitClosed';

interface FrameConfig {
  account: string;
  lang: string;
  texts: Record<TextKey, string>;
  topics: Array<{ id: string; label: string }>;
}

type ServerFrame =
  | { type: 'ready' }
  | { type: 'message'; message: Entry }
  | { type: 'accepted'; clientMessageId: string; id: string }
  | { type: 'typing' }
  | { type: 'pong' }
  | { type: 'error'; code: string; detail: string; clientMessageId?: string }
  | { type: 'reconnect' };

const script = document.currentScript as HTMLScriptElement | null;
if (script?.dataset.frame) chat();
else if (script) embed(script);

/** On the site: the frame in the corner, resized when the chat inside opens or closes. */
function embed(tag: HTMLScriptElement): void {
  const src = new URL(tag.src);
  const base = tag.dataset.account
    ? `${src.origin}/channels/livechat/${encodeURIComponent(tag.dataset.account)}`
    : src.href.replace(/\/widget\.js(\?.*)?$/, '');
  const frame = document.createElement('iframe');
  const lang = document.documentElement.lang.slice(0, 2);
  // Browsers that deny the frame storage of its own (third-party) keep the visitor token here.
  const storeKey = `omni-livechat:${base}`;
  const kept = read(storeKey);
  frame.src = `${base}/frame${lang ? `?lang=${encodeURIComponent(lang)}` : ''}${kept ? `#${encodeURIComponent(kept)}` : ''}`;
  frame.title = tag.dataset.title ?? 'Chat';
  frame.setAttribute('data-omni-livechat', '');
  const closed = { width: '88px', height: '88px', right: '8px', bottom: '8px', left: 'auto', top: 'auto' };
  Object.assign(frame.style, {
    position: 'fixed',
    border: '0',
    zIndex: '2147483000',
    background: 'transparent',
    colorScheme: 'normal',
    ...closed,
  });
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== src.origin) return;
    const data = event.data as { omniLivechat?: string; token?: string } | null;
    const state = data?.omniLivechat;
    if (state === 'token' && typeof data?.token === 'string') write(storeKey, data.token);
    else if (state === 'open') {
      const phone = window.innerWidth < 480;
      Object.assign(
        frame.style,
        phone
          ? { width: '100%', height: '100%', right: '0', bottom: '0', left: '0', top: '0' }
          : { width: '400px', height: 'min(640px, calc(100vh - 16px))', right: '8px', bottom: '8px' },
      );
    } else if (state === 'closed') Object.assign(frame.style, closed);
  });
  const add = () => document.body.appendChild(frame);
  if (document.body) add();
  else document.addEventListener('DOMContentLoaded', add);
}

/** In the frame: the chat. */
function chat(): void {
  const config = JSON.parse(
    (document.getElementById('omni-livechat-config') as HTMLElement).textContent ?? '{}',
  ) as FrameConfig;
  const t = config.texts;
  const api = location.pathname.replace(/\/frame$/, '');
  const storeKey = `omni-livechat:${config.account}`;
  const h = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {},
    ...children: Array<Node | string>
  ): HTMLElementTagNameMap[K] => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k.startsWith('aria-') || k.startsWith('data-') || k === 'role' || k === 'for')
        el.setAttribute(k, String(v));
      else (el as unknown as Record<string, unknown>)[k] = v;
    }
    el.append(...children);
    return el;
  };

  // --- the page ---
  const launcher = h('button', {
    className: 'launcher',
    type: 'button',
    'aria-expanded': 'false',
    'aria-controls': 'omni-panel',
    'aria-label': t.open,
    title: t.open,
  });
  launcher.innerHTML =
    '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  const badge = h('span', { className: 'badge', hidden: true });
  launcher.append(badge);
  const closeButton = h(
    'button',
    { className: 'close', type: 'button', 'aria-label': t.close, title: t.close },
    '×',
  );
  const log = h('ol', { className: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.history });
  const status = h('p', { className: 'status', role: 'status', 'aria-live': 'polite' });
  const text = h('textarea', {
    id: 'omni-text',
    rows: 2,
    placeholder: t.placeholder,
    maxLength: 5000,
    required: true,
  });
  const fileInput = h('input', { type: 'file', multiple: true, hidden: true, tabIndex: -1 });
  const attach = h('button', {
    type: 'button',
    className: 'attach',
    'aria-label': t.attach,
    title: t.attach,
  });
  // A drawn paperclip: an emoji may have no glyph in the visitor's fonts.
  attach.innerHTML =
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5"/></svg>';
  const compose = h(
    'form',
    { className: 'compose' },
    h('label', { className: 'sr', for: 'omni-text' }, t.placeholder),
    attach,
    fileInput,
    text,
    h('button', { type: 'submit', className: 'send' }, t.send),
  );
  const availability = availabilityNotices(
    `/availability/livechat/${encodeURIComponent(config.account)}?lang=${encodeURIComponent(config.lang)}`,
    t,
  );
  const field = (id: string, label: string, input: HTMLElement) =>
    h('p', { className: 'field' }, h('label', { for: id }, label), input);
  const nameInput = h('input', { id: 'omni-name', name: 'name', autocomplete: 'name', maxLength: 200 });
  const emailInput = h('input', { id: 'omni-email', name: 'email', type: 'email', autocomplete: 'email' });
  const topicSelect = h(
    'select',
    { id: 'omni-topic', name: 'topic' },
    h('option', { value: '' }, t.topicNone),
  );
  for (const topic of config.topics) topicSelect.append(h('option', { value: topic.id }, topic.label));
  const prechat = h(
    'form',
    { className: 'prechat' },
    h('p', {}, t.prechatHint),
    field('omni-name', t.name, nameInput),
    field('omni-email', t.email, emailInput),
    ...(config.topics.length > 0 ? [field('omni-topic', t.topic, topicSelect)] : []),
    h('button', { type: 'submit', className: 'start' }, t.start),
  );
  const panel = h(
    'section',
    { id: 'omni-panel', className: 'panel', role: 'dialog', 'aria-label': t.title, hidden: true },
    h('header', {}, h('h2', {}, t.title), closeButton),
    h('p', { className: 'intro' }, t.intro),
    availability.element,
    log,
    status,
    prechat,
    compose,
  );
  document.body.append(panel, launcher);

  // --- state ---
  // A conversation link (offline email): `#resume=<credential>`, exchanged for that conversation's token.
  const resumeLink = /^#resume=([A-Za-z0-9_.-]+)$/.exec(location.hash)?.[1];
  if (resumeLink) history.replaceState(null, '', location.pathname + location.search);
  let token = resumeLink
    ? null
    : (read(storeKey) ?? (location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null));
  // Only the sites allowed to frame us get here (frame-ancestors); the token goes to the one that did.
  const embedder = document.referrer ? new URL(document.referrer).origin : location.origin;
  let socket: WebSocket | undefined;
  let lastId: string | undefined;
  let lastReply: string | undefined;
  let unread = 0;
  let failures = 0;
  let retry: number | undefined;
  let typingTimer: number | undefined;
  const shown = new Map<string, HTMLLIElement>();
  /** Messages typed but not yet accepted by the server, by clientMessageId: sent again after a reconnect. */
  const pending = new Map<string, { text: string; li: HTMLLIElement }>();
  /** Messages with files being posted, by clientMessageId (not resent by the socket: the POST is their only way). */
  const uploading = new Map<string, HTMLLIElement>();

  const isOpen = () => !panel.hidden;
  function setOpen(open: boolean): void {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute('aria-expanded', String(open));
    parent.postMessage({ omniLivechat: open ? 'open' : 'closed' }, '*');
    if (open) {
      unread = 0;
      badge.hidden = true;
      showPrechat(!token && shown.size === 0);
      availability.refresh();
      (token || shown.size > 0 ? text : nameInput).focus();
      markRead();
    } else launcher.focus();
  }
  function showPrechat(show: boolean): void {
    prechat.hidden = !show;
    compose.hidden = show;
  }

  function render(entry: Entry): void {
    let li = shown.get(entry.id);
    const cid = entry.clientMessageId ?? '';
    const mine = pending.get(cid)?.li ?? uploading.get(cid);
    if (!li && mine) {
      li = mine;
      pending.delete(cid);
      uploading.delete(cid);
    }
    if (!li) {
      li = h(
        'li',
        { className: entry.direction === 'inbound' ? 'mine' : 'theirs' },
        h('span', { className: 'who' }, entry.direction === 'inbound' ? t.you : (entry.author ?? t.agent)),
        h('span', { className: 'text' }, entry.text),
      );
      log.append(li);
      if (entry.direction === 'outbound') {
        if (!isOpen()) {
          unread++;
          badge.textContent = String(unread);
          badge.hidden = false;
        }
        status.textContent = '';
      }
    }
    li.className = entry.direction === 'inbound' ? 'mine' : 'theirs';
    if (entry.attachments?.length && !li.querySelector('.files:not(.sending)')) {
      li.querySelector('.files.sending')?.remove();
      li.append(fileList(entry.attachments, () => token));
    }
    li.dataset.id = entry.id;
    if (entry.choices?.length) renderChoices(li, entry);
    shown.set(entry.id, li);
    lastId = entry.id;
    log.scrollTop = log.scrollHeight;
    if (entry.direction === 'outbound') {
      lastReply = entry.id;
      if (entry.status === 'sent') frame({ type: 'receipt', status: 'delivered', id: entry.id });
      markRead();
    }
  }

  /**
   * A reply's choices as a group of real buttons (Tab and Enter/Space work; the group is
   * named for screen readers). Pressed once: the buttons are disabled, the pressed one marked
   * `aria-pressed`, and a thank-you announced; the history says so after a reload too.
   */
  function renderChoices(li: HTMLLIElement, entry: Entry): void {
    let group = li.querySelector<HTMLElement>('.choices');
    if (!group) {
      const g = h('div', { className: 'choices', role: 'group', 'aria-label': t.choices });
      for (const c of entry.choices ?? []) {
        const b = h('button', { type: 'button', className: 'choice', 'aria-pressed': 'false' }, c.label);
        b.dataset.payload = c.payload;
        b.addEventListener('click', () => void choose(entry.id, c.payload, g));
        g.append(b);
      }
      li.append(g);
      group = g;
    }
    if (entry.chosen) markChosen(group, entry.chosen);
  }

  function markChosen(group: HTMLElement, payload: string): void {
    for (const b of group.querySelectorAll<HTMLButtonElement>('button')) {
      b.disabled = true;
      b.setAttribute('aria-pressed', String(b.dataset.payload === payload));
    }
    if (!group.querySelector('.thanks'))
      group.append(h('span', { className: 'thanks', role: 'status' }, t.chosen));
  }

  /** The press goes to the API (a definite answer either way); what counted comes back. */
  async function choose(id: string, payload: string, group: HTMLElement): Promise<void> {
    const buttons = group.querySelectorAll<HTMLButtonElement>('button');
    for (const b of buttons) b.disabled = true;
    try {
      const res = await fetch(`${api}/choices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ id, payload }),
      });
      if (!res.ok) throw new Error(String(res.status));
      markChosen(group, ((await res.json()) as { payload: string }).payload);
      text.focus();
    } catch {
      for (const b of buttons) b.disabled = false;
      status.textContent = t.failed;
    }
  }

  function markRead(): void {
    if (lastReply && isOpen() && document.visibilityState === 'visible')
      frame({ type: 'receipt', status: 'read', id: lastReply });
  }
  document.addEventListener('visibilitychange', markRead);

  function frame(value: unknown): boolean {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(value));
    return true;
  }

  async function start(profile: Record<string, string> = {}): Promise<void> {
    const res = await fetch(`${api}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...profile, visitorToken: token ?? undefined, locale: config.lang }),
    });
    if (!res.ok) throw new Error(`session: ${res.status}`);
    const session = (await res.json()) as { visitorToken: string; messages: Entry[] };
    token = session.visitorToken;
    write(storeKey, token);
    if (parent !== window) parent.postMessage({ omniLivechat: 'token', token }, embedder);
    for (const m of session.messages) render(m);
    connect();
  }

  function connect(): void {
    clearTimeout(retry);
    socket?.close();
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${api}/ws${lastId ? `?after=${lastId}` : ''}`;
    const ws = new WebSocket(url, ['omni.livechat.v1', `bearer.${token}`]);
    socket = ws;
    ws.onmessage = (event) => {
      const f = JSON.parse(String(event.data)) as ServerFrame;
      switch (f.type) {
        case 'ready':
          failures = 0;
          status.textContent = '';
          for (const [clientMessageId, p] of pending)
            frame({ type: 'message', text: p.text, clientMessageId });
          return;
        case 'message':
          return render(f.message);
        case 'accepted': {
          const p = pending.get(f.clientMessageId);
          if (p && !shown.has(f.id)) {
            pending.delete(f.clientMessageId);
            p.li.className = 'mine';
            p.li.dataset.id = f.id;
            shown.set(f.id, p.li);
          }
          return;
        }
        case 'typing':
          status.textContent = t.typing;
          clearTimeout(typingTimer);
          typingTimer = window.setTimeout(() => {
            if (status.textContent === t.typing) status.textContent = '';
          }, 6000);
          return;
        case 'error':
          if (f.clientMessageId) pending.get(f.clientMessageId)?.li.classList.add('failed');
          return;
        case 'reconnect':
          ws.close();
          return;
        case 'pong':
          return;
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      failures++;
      if (isOpen()) status.textContent = t.reconnecting;
      // A token that stopped working (revoked) gets a new session after a few failed tries.
      const again = failures > 3 ? () => start().catch(() => schedule()) : connect;
      retry = window.setTimeout(
        again,
        Math.min(15_000, 500 * 2 ** Math.min(failures, 5)) * (0.5 + Math.random()),
      );
    };
    const schedule = () => {
      retry = window.setTimeout(connect, 15_000);
    };
  }

  function sendMessage(value: string): void {
    const clientMessageId = randomId();
    const li = h(
      'li',
      { className: 'mine pending' },
      h('span', { className: 'who' }, t.you),
      h('span', { className: 'text' }, value),
    );
    log.append(li);
    log.scrollTop = log.scrollHeight;
    pending.set(clientMessageId, { text: value, li });
    if (frame({ type: 'message', text: value, clientMessageId })) return;
    // No socket now: the API takes it, after every message still unconfirmed (one a dropped
    // socket may have lost), in order, so that none is overtaken; what fails, the next socket sends.
    posting = posting.then(postPending);
  }

  let posting: Promise<void> = Promise.resolve();
  async function postPending(): Promise<void> {
    for (const [clientMessageId, p] of pending) {
      try {
        const res = await fetch(`${api}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ text: p.text, clientMessageId }),
        });
        if (!res.ok) throw new Error(String(res.status));
        const { id } = (await res.json()) as { id: string };
        if (pending.delete(clientMessageId) && !shown.has(id)) {
          p.li.className = 'mine';
          p.li.dataset.id = id;
          shown.set(id, p.li);
        }
      } catch {
        p.li.classList.add('failed');
        p.li.title = t.failed;
        return;
      }
    }
  }

  /** Files (chosen, or an image pasted) go at once, with what is typed as their caption. */
  function sendFiles(files: File[]): void {
    if (files.length === 0) return;
    const caption = text.value.trim();
    text.value = '';
    const clientMessageId = randomId();
    const li = h(
      'li',
      { className: 'mine pending' },
      h('span', { className: 'who' }, t.you),
      h('span', { className: 'text' }, caption),
      // The names until the stored files come back (then shown, and downloadable, by render).
      h('ul', { className: 'files sending' }, ...files.map((f) => h('li', {}, f.name || 'screenshot.png'))),
    );
    log.append(li);
    log.scrollTop = log.scrollHeight;
    uploading.set(clientMessageId, li);
    posting = posting.then(() =>
      uploadMessage(api, token, { text: caption, clientMessageId, files })
        .then((r) => {
          if ('refused' in r) throw new Error(r.refused);
          if (uploading.delete(clientMessageId) && !shown.has(r.id)) {
            li.className = 'mine';
            li.dataset.id = r.id;
            shown.set(r.id, li);
          }
        })
        .catch((err: Error) => {
          uploading.delete(clientMessageId);
          li.classList.add('failed');
          status.textContent = t.fileFailed.replace('{reason}', err.message);
        }),
    );
  }

  // --- events ---
  attach.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    sendFiles(Array.from(fileInput.files ?? []));
    fileInput.value = '';
  });
  text.addEventListener('paste', (e) => {
    const images = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
    if (images.length === 0) return;
    e.preventDefault();
    sendFiles(images);
  });
  window.setInterval(() => {
    if (isOpen()) availability.refresh();
  }, 60_000);
  launcher.addEventListener('click', () => setOpen(true));
  closeButton.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setOpen(false);
  });
  prechat.addEventListener('submit', (e) => {
    e.preventDefault();
    const profile: Record<string, string> = {};
    if (nameInput.value.trim()) profile.name = nameInput.value.trim();
    if (emailInput.value.trim()) profile.email = emailInput.value.trim();
    if (topicSelect.value) profile.topic = topicSelect.value;
    start(profile)
      .then(() => {
        showPrechat(false);
        text.focus();
      })
      .catch(() => {
        status.textContent = t.reconnecting;
      });
  });
  compose.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    text.value = '';
    sendMessage(value);
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      compose.requestSubmit();
    }
  });
  let lastTyping = 0;
  text.addEventListener('input', () => {
    if (Date.now() - lastTyping > 3000 && frame({ type: 'typing' })) lastTyping = Date.now();
  });

  // A returning visitor's conversation comes back at once (replies show on the badge).
  if (resumeLink) resume(resumeLink).catch(() => undefined);
  else if (token) start().catch(() => undefined);

  /** The link's conversation, opened; a link no longer valid leaves the chat as it was. */
  async function resume(link: string): Promise<void> {
    const res = await fetch(`${api}/resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ link }),
    });
    if (res.ok) token = ((await res.json()) as { visitorToken: string }).visitorToken;
    else token = read(storeKey);
    if (!token) return setOpen(true);
    await start();
    setOpen(true);
  }
}

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** localStorage when the browser lets the frame have it (third-party storage may be blocked). */
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // The conversation lasts as long as the page then.
  }
}
