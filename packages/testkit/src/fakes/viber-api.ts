import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One REST call the fake received. */
export interface ViberCall {
  method: string;
  authToken: string | undefined;
  body: Record<string, unknown>;
}

/** Documented non-zero statuses (developers.viber.com/docs/api/rest-bot-api/#error-codes). */
export const VIBER_STATUS = {
  invalidAuthToken: { status: 2, status_message: 'invalidAuthToken' },
  badData: { status: 3, status_message: 'badData' },
  receiverNotSubscribed: { status: 6, status_message: 'receiverNotSubscribed' },
  publicAccountBlocked: { status: 7, status_message: 'publicAccountBlocked' },
  tooManyRequests: { status: 12, status_message: 'tooManyRequests' },
} as const;

/** The `X-Viber-Content-Signature` Viber puts on a callback body. */
export function viberSignature(authToken: string, body: string | Buffer): string {
  return createHmac('sha256', authToken).update(body).digest('hex');
}

/**
 * An honest local Viber REST API: `POST /pa/<method>` with `X-Viber-Auth-Token`, answers
 * `{ status, status_message, … }` (HTTP 200 even for errors, as Viber does), message tokens
 * larger than 2^53 written as bare JSON numbers, media served under `/media/<name>`.
 */
export class FakeViberApi {
  readonly calls: ViberCall[] = [];
  /** Messages sent, with the token Viber answered (its delivered/seen callbacks name only that token). */
  readonly sent: Array<{ receiver: string; messageToken: string }> = [];
  private readonly failures: Array<{
    method: string;
    answer: { status: number; status_message: string } | { httpStatus: number };
  }> = [];
  private readonly media = new Map<string, Buffer>();
  private readonly unsubscribed = new Set<string>();
  /** Tokens are big: 5 000 000 000 000 000 000 and counting, like Viber's. */
  private nextToken = 5_000_000_000_000_000_001n;
  private server: Server | undefined;
  private baseUrl = '';
  /** Last set_webhook. (Real Viber first posts a signed `webhook` event to the URL; this fake does not call back.) */
  webhook: { url: string; eventTypes: unknown } | undefined;

  constructor(readonly authToken = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9') {}

  get url(): string {
    return this.baseUrl;
  }

  /** A URL under which the fake serves `data`, as Viber's media host would. */
  mediaUrl(name: string, data: Buffer): string {
    this.media.set(name, data);
    return `${this.baseUrl}/media/${encodeURIComponent(name)}`;
  }

  /** The next call of `method` answers a non-zero status or an HTTP error. */
  failNext(
    method: string,
    answer: { status: number; status_message: string } | { httpStatus: number },
    times = 1,
  ): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, answer });
  }

  /** Sends to this user answer status 6 receiverNotSubscribed. */
  unsubscribe(userId: string): void {
    this.unsubscribed.add(userId);
  }

  callsOf(method: string): ViberCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The token the last successful send_message returned (exact decimal text). */
  lastToken: string | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
      const data = this.media.get(decodeURIComponent(url.pathname.slice('/media/'.length)));
      if (!data) return void res.writeHead(404).end();
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length) })
        .end(data);
    }
    const match = /^\/pa\/([a-z_]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
    const method = match[1] ?? '';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return this.answer(res, VIBER_STATUS.badData);
    }
    const authToken = header(req, 'x-viber-auth-token');
    this.calls.push({ method, authToken, body });
    if (authToken !== this.authToken) return this.answer(res, VIBER_STATUS.invalidAuthToken);
    const failure = this.failures.findIndex((f) => f.method === method || f.method === '*');
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      if (f && 'httpStatus' in f.answer)
        return void res.writeHead(f.answer.httpStatus).end('upstream failure');
      if (f) return this.answer(res, f.answer);
    }
    switch (method) {
      case 'set_webhook':
        if (typeof body.url !== 'string' || !body.url)
          return this.answer(res, { status: 1, status_message: 'invalidUrl' });
        this.webhook = { url: body.url, eventTypes: body.event_types };
        return this.answer(res, { status: 0, status_message: 'ok', event_types: body.event_types ?? [] });
      case 'send_message': {
        const receiver = typeof body.receiver === 'string' ? body.receiver : '';
        const sender = body.sender as { name?: unknown } | undefined;
        if (
          !receiver ||
          typeof sender?.name !== 'string' ||
          body.type !== 'text' ||
          typeof body.text !== 'string' ||
          !body.text
        ) {
          return this.answer(res, VIBER_STATUS.badData);
        }
        if (body.keyboard !== undefined && !validKeyboard(body.keyboard))
          return this.answer(res, VIBER_STATUS.badData);
        if (this.unsubscribed.has(receiver)) return this.answer(res, VIBER_STATUS.receiverNotSubscribed);
        const token = (this.nextToken++).toString();
        this.lastToken = token;
        this.sent.push({ receiver, messageToken: token });
        // Written as a bare number, exactly as Viber does: JSON.parse would round it.
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(
          `{"status":0,"status_message":"ok","message_token":${token},"chat_hostname":"SN-CHAT-01_"}`,
        );
      }
      default:
        return this.answer(res, { status: 3, status_message: 'badData' });
    }
  }

  private answer(res: ServerResponse, body: Record<string, unknown>): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A keyboard as the REST Bot API describes it ("Keyboards"): 1–24 buttons, 1–6 columns each, a reply button needs its body. */
function validKeyboard(value: unknown): boolean {
  const k = value as { Type?: unknown; Buttons?: Array<Record<string, unknown>> } | undefined;
  if (k?.Type !== 'keyboard' || !Array.isArray(k.Buttons) || k.Buttons.length < 1 || k.Buttons.length > 24)
    return false;
  return k.Buttons.every((b) => {
    const columns = b.Columns ?? 6;
    return (
      typeof columns === 'number' &&
      columns >= 1 &&
      columns <= 6 &&
      (b.ActionType ?? 'reply') === 'reply' &&
      typeof b.ActionBody === 'string' &&
      b.ActionBody.length > 0
    );
  });
}
