import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, readFormOrJson, sendJson } from './http';

/** One API call the fake received. */
export interface MaxCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The status the fake answered. */
  status: number;
}

/** An error as MAX answers it: an HTTP status and the documented `{ code, message }` body. */
export interface MaxApiError {
  status: number;
  code: string;
  message: string;
  /** Seconds, sent as `Retry-After` (429). */
  retryAfter?: number;
}

/** Documented MAX errors (schema.yaml `Error`; POST /messages' 403 example). */
export const MAX_ERRORS = {
  unauthorized: { status: 401, code: 'verify.token', message: 'Invalid access_token' },
  chatDenied: { status: 403, code: 'chat.denied', message: 'chat.denied: the user suspended the bot' },
  notFound: { status: 404, code: 'not.found', message: 'Chat not found' },
  tooManyRequests: { status: 429, code: 'too.many.requests', message: 'Too many requests', retryAfter: 1 },
  internal: { status: 500, code: 'internal', message: 'Internal Server Error' },
  unavailable: { status: 503, code: 'service.unavailable', message: 'Service unavailable' },
  attachmentNotReady: {
    status: 400,
    code: 'attachment.not.ready',
    message: 'Key: errors.process.attachment.file.not.processed',
  },
  notAllowed: {
    status: 405,
    code: 'method.not.allowed',
    message: 'Long polling is not available while a webhook subscription is active',
  },
} satisfies Record<string, MaxApiError>;

export interface MaxSentMessage {
  userId?: number;
  chatId?: number;
  text?: string;
  attachments: unknown[];
  link?: { type: string; mid: string };
  mid: string;
}

/**
 * An honest local MAX Bot API (dev.max.ru/docs-api, max-messenger/api-schema): the token
 * in the `Authorization` header (a token in the query is refused, as MAX no longer takes
 * it), ids in query parameters, JSON bodies, `{ code, message }` errors. POST/GET/DELETE
 * /subscriptions, GET /updates with `marker` (passing a marker commits the updates before
 * it; long polling is refused while a subscription is active), POST /messages (403 for a
 * user who stopped the bot; an `inline_keyboard` attachment checked for MAX's limits),
 * POST /answers (`callback_id` required), the upload flow (POST /uploads → multipart
 * `data` to the URL → token), GET /videos/{token}, and media under `/files/`.
 */
export class FakeMaxApi {
  readonly calls: MaxCall[] = [];
  readonly sent: MaxSentMessage[] = [];
  readonly answers: Array<{ callbackId: string; body: unknown }> = [];
  readonly uploads: Array<{ type: string; name: string; mimeType: string; size: number }> = [];
  /** Markers GET /updates was called with, in order (`null`: none). */
  readonly markers: Array<number | null> = [];
  readonly subscriptions: Array<{ url: string; time: number; update_types?: string[]; secret?: string }> = [];
  /** Users who stopped the bot: POST /messages?user_id= answers 403. */
  readonly stopped = new Set<number>();
  private readonly log: unknown[] = [];
  /** How often GET /updates handed out each update of `log`, by index. */
  private readonly handedOut: number[] = [];
  private committed = 0;
  private readonly failures: Array<MaxApiError | null> = [];
  private readonly files = new Map<string, { data: Buffer; type: string }>();
  private waiters: Array<() => void> = [];
  private nextMid = 1;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(readonly token = 'max-test-token_0123456789') {}

  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) =>
        sendJson(res, 500, { code: 'internal', message: String(err) }),
      );
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Updates for GET /updates, in order. */
  pushUpdates(...updates: unknown[]): void {
    this.log.push(...updates);
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next POST /messages calls fail with these errors, in order (`null`: that call succeeds). */
  failNext(...errors: Array<MaxApiError | null>): void {
    this.failures.push(...errors);
  }

  /** A file on the fake's media server; the URL an attachment payload names. */
  serveFile(name: string, data: Buffer, type: string): string {
    this.files.set(name, { data, type });
    return `${this.baseUrl}/files/${encodeURIComponent(name)}`;
  }

  /** How many times GET /updates handed out the update carrying this message `mid` (a redelivery shows as 2 or more). */
  timesHandedOut(mid: string): number {
    const i = this.log.findIndex(
      (u) => (u as { message?: { body?: { mid?: string } } }).message?.body?.mid === mid,
    );
    return i < 0 ? 0 : (this.handedOut[i] ?? 0);
  }

  callsOf(method: string, path: string): MaxCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path.startsWith('/files/')) {
      const file = this.files.get(decodeURIComponent(path.slice('/files/'.length)));
      if (!file) return void sendJson(res, 404, { code: 'not.found', message: 'no such file' });
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length }).end(file.data);
      return;
    }
    if (path.startsWith('/upload/')) return this.upload(req, res, path.slice('/upload/'.length), query);
    const call: MaxCall = { method, path, query, body: undefined, status: 200 };
    this.calls.push(call);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      if (Object.keys(headers).length > 0) res.setHeader('retry-after', headers['retry-after'] ?? '');
      sendJson(res, status, body);
    };
    const fail = (e: MaxApiError) =>
      answer(
        e.status,
        { code: e.code, message: e.message },
        e.retryAfter ? { 'retry-after': String(e.retryAfter) } : {},
      );
    if (req.headers.authorization !== this.token || 'access_token' in query)
      return fail(MAX_ERRORS.unauthorized);
    const { body, invalidJson } =
      method === 'GET' ? { body: {}, invalidJson: undefined } : await readFormOrJson(req);
    call.body = body;
    if (invalidJson) return answer(400, { code: 'proto.payload', message: 'Invalid JSON' });

    if (path === '/subscriptions' && method === 'POST') {
      const b = body as { url?: string; update_types?: string[]; secret?: string };
      if (!b.url) return answer(400, { code: 'proto.payload', message: 'url is required' });
      if (b.secret !== undefined && !/^[\w-]{5,256}$/.test(b.secret))
        return answer(400, { code: 'proto.payload', message: 'secret: 5-256 of A-Z, a-z, 0-9, _ and -' });
      const existing = this.subscriptions.findIndex((s) => s.url === b.url);
      if (existing >= 0) this.subscriptions.splice(existing, 1);
      this.subscriptions.push({
        url: b.url,
        time: Date.now(),
        update_types: b.update_types,
        secret: b.secret,
      });
      return answer(200, { success: true });
    }
    if (path === '/subscriptions' && method === 'GET')
      return answer(200, { subscriptions: this.subscriptions.map(({ secret: _s, ...s }) => s) });
    if (path === '/subscriptions' && method === 'DELETE') {
      const i = this.subscriptions.findIndex((s) => s.url === query.url);
      if (i >= 0) this.subscriptions.splice(i, 1);
      return answer(200, { success: true });
    }
    if (path === '/updates' && method === 'GET') return this.updates(query, answer, fail);
    if (path === '/messages' && method === 'POST') {
      const failure = this.failures.shift();
      if (failure) return fail(failure);
      const userId = query.user_id !== undefined ? Number(query.user_id) : undefined;
      const chatId = query.chat_id !== undefined ? Number(query.chat_id) : undefined;
      if ((userId === undefined) === (chatId === undefined))
        return answer(400, {
          code: 'proto.payload',
          message: 'exactly one of user_id and chat_id is required',
        });
      if (userId !== undefined && this.stopped.has(userId)) return fail(MAX_ERRORS.chatDenied);
      const b = body as { text?: string; attachments?: unknown[]; link?: { type: string; mid: string } };
      if ([...(b.text ?? '')].length > 4000)
        return answer(400, { code: 'proto.payload', message: 'text: length must be at most 4000' });
      if (!b.text && !(b.attachments && b.attachments.length > 0))
        return answer(400, { code: 'proto.payload', message: 'text or attachments required' });
      const keyboardError = (b.attachments ?? []).map(inlineKeyboardError).find(Boolean);
      if (keyboardError) return answer(400, { code: 'proto.payload', message: keyboardError });
      const mid = `mid.fake${String(this.nextMid++).padStart(12, '0')}`;
      this.sent.push({ userId, chatId, text: b.text, attachments: b.attachments ?? [], link: b.link, mid });
      return answer(200, {
        message: {
          sender: { user_id: 1, first_name: 'Support bot', is_bot: true },
          recipient: { chat_id: chatId ?? userId, chat_type: chatId ? 'chat' : 'dialog', user_id: userId },
          timestamp: Date.now(),
          body: { mid, seq: this.nextMid, text: b.text ?? null, attachments: b.attachments ?? null },
        },
      });
    }
    if (path === '/answers' && method === 'POST') {
      if (!query.callback_id)
        return answer(400, { code: 'proto.payload', message: 'callback_id is required' });
      this.answers.push({ callbackId: query.callback_id, body });
      return answer(200, { success: true });
    }
    if (path === '/uploads' && method === 'POST') {
      const type = query.type ?? '';
      if (!['image', 'video', 'audio', 'file'].includes(type))
        return answer(400, { code: 'proto.payload', message: 'type: one of image, video, audio, file' });
      const id = `u${this.nextMid++}`;
      // Video and audio tokens come with the upload URL; images and files get theirs from the upload.
      const token = type === 'video' || type === 'audio' ? { token: `tok-${id}` } : {};
      return answer(200, { url: `${this.baseUrl}/upload/${id}?type=${type}`, ...token });
    }
    if (path.startsWith('/videos/') && method === 'GET') {
      const token = decodeURIComponent(path.slice('/videos/'.length));
      const file = this.files.get(`video-${token}`);
      if (!file) return answer(404, { code: 'not.found', message: 'video not found' });
      return answer(200, {
        token,
        urls: { mp4_720: `${this.baseUrl}/files/${encodeURIComponent(`video-${token}`)}` },
        width: 1280,
        height: 720,
        duration: 3,
      });
    }
    answer(404, { code: 'not.found', message: `${method} ${path} is not a MAX Bot API method` });
  }

  private async updates(
    query: Record<string, string>,
    answer: (status: number, body: unknown) => void,
    fail: (e: MaxApiError) => void,
  ): Promise<void> {
    const marker = query.marker !== undefined && query.marker !== 'null' ? Number(query.marker) : null;
    this.markers.push(marker);
    if (this.subscriptions.length > 0) return fail(MAX_ERRORS.notAllowed);
    // Passing a marker commits every update before it; without one, MAX goes on after the last commit.
    if (marker !== null) this.committed = Math.max(this.committed, marker);
    const from = marker ?? this.committed;
    const limit = Math.min(Number(query.limit ?? 100), 1000);
    const timeoutMs = Math.min(Number(query.timeout ?? 30), 90) * 1000;
    if (this.log.length <= from && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    const types = query.types ? new Set(query.types.split(',')) : undefined;
    const page = this.log.slice(from, from + limit);
    for (let i = from; i < from + page.length; i++) this.handedOut[i] = (this.handedOut[i] ?? 0) + 1;
    answer(200, {
      updates: page.filter((u) => !types || types.has((u as { update_type?: string }).update_type ?? '')),
      marker: from + page.length,
    });
  }

  private async upload(req: IncomingMessage, res: ServerResponse, id: string, query: Record<string, string>) {
    // Resumable (non-multipart) uploads are not faked: the adapter sends one multipart request.
    const multipart = req.headers['content-type']?.startsWith('multipart/form-data');
    if (!multipart) await readBody(req);
    const file = multipart ? (await readFormOrJson(req)).file : undefined;
    if (!file)
      return void sendJson(res, 400, { code: 'proto.payload', message: 'multipart field "data" expected' });
    this.uploads.push({ type: query.type ?? '', name: file.name, mimeType: file.type, size: file.size });
    if (query.type === 'image')
      return void sendJson(res, 200, { photos: { [id]: { token: `photo-${id}` } } });
    // A video's or an audio's token was handed out with the URL; the upload only confirms.
    if (query.type === 'video' || query.type === 'audio') return void sendJson(res, 200, {});
    sendJson(res, 200, { token: `tok-${id}` });
  }
}

/**
 * What MAX would refuse in an `inline_keyboard` attachment (schema
 * `InlineKeyboardAttachmentRequest`; dev.max.ru "Клавиатура в сообщениях": at least one row,
 * at most 30 rows of at most 7 buttons, a `callback` button with its `text` and `payload`).
 */
function inlineKeyboardError(attachment: unknown): string | undefined {
  const a = attachment as { type?: string; payload?: { buttons?: unknown } };
  if (a?.type !== 'inline_keyboard') return undefined;
  const rows = a.payload?.buttons;
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > 30)
    return 'inline_keyboard: payload.buttons must be 1-30 rows';
  for (const row of rows) {
    if (!Array.isArray(row) || row.length === 0 || row.length > 7)
      return 'inline_keyboard: a row holds 1-7 buttons';
    for (const button of row as Array<{ type?: unknown; text?: unknown; payload?: unknown }>) {
      if (typeof button?.type !== 'string' || typeof button.text !== 'string' || !button.text)
        return 'inline_keyboard: a button needs its type and text';
      if (button.type === 'callback' && (typeof button.payload !== 'string' || !button.payload))
        return 'inline_keyboard: a callback button needs its payload';
    }
  }
  return undefined;
}

/** The callback buttons of a sent message's inline keyboard, row by row (none: empty). */
export function inlineKeyboardOf(sent: MaxSentMessage): Array<Array<{ text: string; payload: string }>> {
  const keyboard = sent.attachments.find((a) => (a as { type?: string }).type === 'inline_keyboard') as
    | { payload: { buttons: Array<Array<{ text: string; payload: string }>> } }
    | undefined;
  return keyboard?.payload.buttons ?? [];
}

/** Update payloads as MAX sends them (schema.yaml `Update` and its kinds). */
export const maxUpdates = {
  user: (userId: number, firstName = 'Клиент', extra: Record<string, unknown> = {}) => ({
    user_id: userId,
    first_name: firstName,
    last_name: null,
    username: null,
    is_bot: false,
    last_activity_time: 1_767_225_600_000,
    ...extra,
  }),
  /** A customer's message in their dialog with the bot. */
  message(opts: {
    userId: number;
    mid: string;
    text?: string;
    attachments?: unknown[];
    timestamp?: number;
    edited?: boolean;
    sender?: Record<string, unknown>;
    chat?: { chatId: number; type: 'dialog' | 'chat' | 'channel' };
    link?: Record<string, unknown>;
  }) {
    const timestamp = opts.timestamp ?? 1_767_225_600_000;
    return {
      update_type: opts.edited ? 'message_edited' : 'message_created',
      timestamp,
      message: {
        sender: opts.sender ?? maxUpdates.user(opts.userId),
        recipient: {
          chat_id: opts.chat?.chatId ?? opts.userId + 1_000_000,
          chat_type: opts.chat?.type ?? 'dialog',
          user_id: 1,
        },
        timestamp,
        link: opts.link ?? null,
        body: {
          mid: opts.mid,
          seq: 1,
          text: opts.text ?? null,
          attachments: opts.attachments ?? null,
          markup: null,
        },
        stat: null,
        url: null,
      },
      user_locale: 'ru',
    };
  },
  callback(opts: { userId: number; callbackId: string; payload: string; mid?: string; timestamp?: number }) {
    const timestamp = opts.timestamp ?? 1_767_225_700_000;
    return {
      update_type: 'message_callback',
      timestamp,
      callback: {
        timestamp,
        callback_id: opts.callbackId,
        payload: opts.payload,
        user: maxUpdates.user(opts.userId),
      },
      message: {
        sender: { user_id: 1, first_name: 'Support bot', is_bot: true },
        recipient: { chat_id: opts.userId + 1_000_000, chat_type: 'dialog', user_id: opts.userId },
        timestamp: timestamp - 60_000,
        body: { mid: opts.mid ?? 'mid.bot-question', seq: 1, text: 'Оцените ответ', attachments: null },
      },
      user_locale: 'ru',
    };
  },
  botStarted: (userId: number, payload: string | null, timestamp = 1_767_225_500_000) => ({
    update_type: 'bot_started',
    timestamp,
    chat_id: userId + 1_000_000,
    user: maxUpdates.user(userId),
    payload,
    user_locale: 'ru',
  }),
  botStopped: (userId: number, timestamp = 1_767_225_800_000) => ({
    update_type: 'bot_stopped',
    timestamp,
    chat_id: userId + 1_000_000,
    user: maxUpdates.user(userId),
    user_locale: 'ru',
  }),
};
