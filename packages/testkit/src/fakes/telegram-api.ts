import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call the fake received: the method, its parameters, and uploaded files. */
export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  files: Record<string, { name: string; data: Buffer }>;
}

export interface TelegramApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Documented Bot API errors, as Telegram words them. */
export const TELEGRAM_ERRORS = {
  blocked: { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  tooManyRequests: (retryAfter: number): TelegramApiError => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  chatNotFound: { error_code: 400, description: 'Bad Request: chat not found' },
  unauthorized: { error_code: 401, description: 'Unauthorized' },
  conflictWebhook: {
    error_code: 409,
    description:
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  },
  fileTooBig: { error_code: 400, description: 'Bad Request: file is too big' },
} satisfies Record<string, TelegramApiError | ((n: number) => TelegramApiError)>;

/**
 * An honest local Bot API server (core.telegram.org/bots/api): `/bot<token>/<method>`
 * with JSON, urlencoded or multipart parameters, `{ ok, result }` / `{ ok: false,
 * error_code, description, parameters }` answers, file downloads under
 * `/file/bot<token>/<file_path>`, and getUpdates long polling with offset confirmation.
 */
export class FakeTelegramApi {
  readonly calls: TelegramCall[] = [];
  /** Offsets getUpdates was called with, in order. */
  readonly offsets: Array<number | undefined> = [];
  webhook: { url: string; secretToken?: string } | undefined;
  private readonly files = new Map<string, { path: string; data: Buffer }>();
  private readonly failures: Array<{ method: string; error: TelegramApiError }> = [];
  private readonly blocked = new Set<string>();
  private pending: Array<Record<string, unknown> & { update_id: number }> = [];
  private waiters: Array<() => void> = [];
  private nextMessageId = 1000;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(readonly token = '123456:TEST-token_abc') {}

  /** `apiRoot` to configure. */
  get url(): string {
    return this.baseUrl;
  }

  /** Listens on 127.0.0.1 and a free port unless told otherwise (a container: 0.0.0.0). */
  async start(listen: { host?: string; port?: number } = {}): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      });
    });
    const host = listen.host ?? '127.0.0.1';
    this.server.listen(listen.port ?? 0, host);
    await once(this.server, 'listening');
    this.baseUrl = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A file getFile can describe and the file endpoint serves. */
  addFile(fileId: string, data: Buffer, path = `documents/${fileId}.bin`): void {
    this.files.set(fileId, { path, data });
  }

  /** The next call of `method` ('*' for any) fails with `error`. */
  failNext(method: string, error: TelegramApiError, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, error });
  }

  /** Sends to this chat answer 403 "bot was blocked by the user". */
  block(chatId: string | number): void {
    this.blocked.add(String(chatId));
  }

  /** Updates for getUpdates to return (kept until a later offset confirms them). */
  pushUpdates(...updates: Array<Record<string, unknown> & { update_id: number }>): void {
    this.pending.push(...updates);
    for (const w of this.waiters.splice(0)) w();
  }

  callsOf(method: string): TelegramCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2] ?? ''));
      if (fileMatch[1] !== this.token || !file) return void res.writeHead(404).end('Not Found');
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(file.data.length),
      });
      return void res.end(file.data);
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return this.reply(res, { error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    if (token !== this.token) return this.reply(res, TELEGRAM_ERRORS.unauthorized);
    const { params, files } = await readParams(req, url);
    this.calls.push({ method, params, files });
    const failure = this.failures.findIndex((f) => f.method === method || f.method === '*');
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      if (f) return this.reply(res, f.error);
    }
    const result = await this.call(method, params, files);
    if ('error_code' in result && typeof result.error_code === 'number')
      return this.reply(res, result as TelegramApiError);
    return this.reply(res, undefined, (result as { value: unknown }).value);
  }

  private async call(
    method: string,
    p: Record<string, unknown>,
    files: TelegramCall['files'],
  ): Promise<TelegramApiError | { value: unknown }> {
    switch (method) {
      case 'getMe':
        return {
          value: {
            id: Number(this.token.split(':')[0]),
            is_bot: true,
            first_name: 'Support',
            username: 'support_bot',
          },
        };
      case 'setWebhook':
        this.webhook = {
          url: String(p.url ?? ''),
          secretToken: p.secret_token === undefined ? undefined : String(p.secret_token),
        };
        if (this.webhook.url === '') this.webhook = undefined;
        return { value: true };
      case 'deleteWebhook':
        this.webhook = undefined;
        return { value: true };
      case 'getFile': {
        const id = String(p.file_id ?? '');
        const file = this.files.get(id);
        if (!file) return { error_code: 400, description: 'Bad Request: invalid file_id' };
        if (file.data.length > 20 * 1024 * 1024) return TELEGRAM_ERRORS.fileTooBig;
        return {
          value: {
            file_id: id,
            file_unique_id: `u-${id}`,
            file_size: file.data.length,
            file_path: file.path,
          },
        };
      }
      case 'answerCallbackQuery':
        if (!p.callback_query_id)
          return {
            error_code: 400,
            description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
          };
        return { value: true };
      case 'getUpdates':
        if (this.webhook) return TELEGRAM_ERRORS.conflictWebhook;
        return { value: await this.getUpdates(p) };
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument': {
        const chatId = String(p.chat_id ?? '');
        if (!chatId) return { error_code: 400, description: 'Bad Request: chat_id is empty' };
        if (this.blocked.has(chatId)) return TELEGRAM_ERRORS.blocked;
        if (method === 'sendMessage' && !String(p.text ?? '').trim())
          return { error_code: 400, description: 'Bad Request: message text is empty' };
        const field = method === 'sendPhoto' ? 'photo' : 'document';
        if (method !== 'sendMessage' && !files[field] && typeof p[field] !== 'string') {
          return { error_code: 400, description: `Bad Request: there is no ${field} in the request` };
        }
        return {
          value: {
            message_id: this.nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(chatId), type: 'private' },
            ...(method === 'sendMessage' ? { text: p.text } : { caption: p.caption }),
          },
        };
      }
      default:
        return { error_code: 404, description: 'Not Found' };
    }
  }

  private async getUpdates(p: Record<string, unknown>): Promise<unknown[]> {
    const offset = p.offset === undefined ? undefined : Number(p.offset);
    this.offsets.push(offset);
    // An offset confirms every update before it: Telegram forgets them.
    if (offset !== undefined) this.pending = this.pending.filter((u) => u.update_id >= offset);
    const limit = Math.min(Number(p.limit ?? 100), 100);
    const timeoutMs = Math.min(Number(p.timeout ?? 0), 50) * 1000;
    if (this.pending.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.pending.slice(0, limit);
  }

  private reply(res: ServerResponse, error?: TelegramApiError, result?: unknown): void {
    const status = error ? error.error_code : 200;
    const body = error ? { ok: false, ...error } : { ok: true, result };
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

async function readParams(req: IncomingMessage, url: URL): Promise<Pick<TelegramCall, 'params' | 'files'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: TelegramCall['files'] = {};
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };
  if (type.includes('application/json')) Object.assign(params, JSON.parse(body.toString('utf8')));
  else if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
    // Node's own Request parses multipart exactly as a server would.
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') params[key] = parseMaybeJson(value);
      else files[key] = { name: value.name, data: Buffer.from(await value.arrayBuffer()) };
    }
  }
  return { params, files };
}

/** Multipart fields carry objects (reply_parameters) as JSON text. */
function parseMaybeJson(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
