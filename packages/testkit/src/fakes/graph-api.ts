import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFormOrJson, sendJson } from './http';

/** One request the fake received, as the platform would have seen it. */
export interface GraphCall {
  method: string;
  /** Path without the version prefix, e.g. `me/messages`. */
  path: string;
  version: string;
  query: Record<string, string>;
  /** JSON body, or the multipart fields (JSON-decoded where they are JSON). */
  body: Record<string, unknown>;
  file?: { name: string; type: string; size: number };
  /** The HTTP status the fake answered. */
  status?: number;
}

/** A Graph error as documented: `{ error: { message, type, code, error_subcode, fbtrace_id } }`. */
export interface GraphErrorSpec {
  status?: number;
  code: number;
  subcode?: number;
  message: string;
  type?: string;
}

export const GRAPH_ERRORS = {
  rateLimit: {
    status: 400,
    code: 613,
    message: 'Calls to this api have exceeded the rate limit.',
    type: 'OAuthException',
  },
  appRateLimit: {
    status: 400,
    code: 4,
    message: 'Application request limit reached',
    type: 'OAuthException',
  },
  invalidToken: {
    status: 400,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
  },
  outsideWindow: {
    status: 400,
    code: 10,
    subcode: 2018278,
    message: '(#10) This message is sent outside of allowed window.',
    type: 'OAuthException',
  },
  /** Instagram's answer (graph.instagram.com) for a message outside the 24-hour window. */
  instagramOutsideWindow: {
    status: 403,
    code: 10,
    subcode: 2534022,
    message: 'This message is sent outside of allowed window.',
    type: 'IGApiException',
  },
  userUnavailable: {
    status: 400,
    code: 551,
    subcode: 1545041,
    message: 'This person isn\u2019t available right now.',
    type: 'OAuthException',
  },
  temporary: {
    status: 500,
    code: 2,
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
  },
} satisfies Record<string, GraphErrorSpec>;

/**
 * An honest local Graph API for tests: the Send API (`POST /{v}/me/messages`, JSON or
 * multipart with `filedata`), user profiles (`GET /{v}/{psid}`) and media files
 * (`GET /files/{name}`, the attachment URLs of webhook payloads). It checks the page
 * access token, enforces the 24-hour window for people marked outside it, records every
 * call and answers with the documented error bodies.
 */
export class FakeGraphApi {
  readonly calls: GraphCall[] = [];
  /** Messages sent, with the id the Graph API answered (delivery and read webhooks name it). */
  readonly sentMids: Array<{ psid: string; mid: string }> = [];
  readonly profiles = new Map<
    string,
    { first_name?: string; last_name?: string; name?: string; username?: string; profile_pic?: string }
  >();
  readonly files = new Map<string, { data: Buffer; type: string; status?: number }>();
  /** PSIDs whose standard messaging window has closed. */
  readonly outsideWindow = new Set<string>();
  private readonly queuedErrors: Array<GraphErrorSpec | null> = [];
  private nextMid = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly token: string,
    private readonly product: { maxText: number; outsideWindow: GraphErrorSpec },
  ) {}

  /**
   * Messenger by default; Instagram (graph.instagram.com) takes texts of at most 1000
   * characters and answers its own error outside the window: `{ maxText: 1000,
   * outsideWindow: GRAPH_ERRORS.instagramOutsideWindow }`.
   */
  static async start(opts: {
    pageAccessToken: string;
    maxText?: number;
    outsideWindow?: GraphErrorSpec;
  }): Promise<FakeGraphApi> {
    let api: FakeGraphApi | undefined;
    const server = createServer((req, res) => {
      api
        ?.handle(req, res)
        .catch((err: unknown) => sendJson(res, 500, { error: { message: String(err), code: 1 } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = new FakeGraphApi(server, `http://127.0.0.1:${port}`, opts.pageAccessToken, {
      maxText: opts.maxText ?? 2000,
      outsideWindow: opts.outsideWindow ?? GRAPH_ERRORS.outsideWindow,
    });
    return api;
  }

  /** The next Send API calls fail with these errors, in order (`null`: that call succeeds). */
  failNext(...errors: Array<GraphErrorSpec | null>): void {
    this.queuedErrors.push(...errors);
  }

  fileUrl(name: string): string {
    return `${this.url}/files/${encodeURIComponent(name)}`;
  }

  /** Successful Send API calls. */
  sent(): GraphCall[] {
    return this.calls.filter((c) => c.path === 'me/messages' && c.method === 'POST' && c.status === 200);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const fileMatch = /^\/files\/(.+)$/.exec(url.pathname);
    if (fileMatch && req.method === 'GET') {
      const file = this.files.get(decodeURIComponent(fileMatch[1] as string));
      if (!file) return void res.writeHead(404).end('not found');
      res.writeHead(file.status ?? 200, {
        'content-type': file.type,
        'content-length': String(file.data.length),
      });
      return void res.end(file.data);
    }
    const m = /^\/(v\d+\.\d+)\/(.+)$/.exec(url.pathname);
    if (!m)
      return sendJson(
        res,
        400,
        graphError({ code: 2500, message: 'Unknown path components', type: 'OAuthException' }),
      );
    const call: GraphCall = {
      method: req.method ?? 'GET',
      version: m[1] as string,
      path: decodeURIComponent(m[2] as string),
      query: Object.fromEntries(url.searchParams),
      body: {},
    };
    this.calls.push(call);
    const read = await readFormOrJson(req);
    call.body = read.body;
    if (read.file) call.file = { name: read.file.name, type: read.file.type, size: read.file.size };
    const answer = (status: number, body: unknown) => {
      call.status = status;
      sendJson(res, status, body);
    };
    if (call.query.access_token !== this.token) return answer(400, graphError(GRAPH_ERRORS.invalidToken));

    if (call.method === 'POST' && call.path === 'me/messages') {
      const queued = this.queuedErrors.shift();
      if (queued) return answer(queued.status ?? 400, graphError(queued));
      const b = call.body as {
        recipient?: { id?: string };
        messaging_type?: string;
        tag?: string;
        message?: { text?: string; attachment?: unknown };
      };
      const psid = b.recipient?.id;
      if (!psid)
        return answer(400, graphError({ code: 100, message: '(#100) The parameter recipient is required' }));
      if (!b.message || (b.message.text === undefined && b.message.attachment === undefined)) {
        return answer(400, graphError({ code: 100, message: '(#100) The parameter message is required' }));
      }
      if (typeof b.message.text === 'string' && [...b.message.text].length > this.product.maxText) {
        return answer(
          400,
          graphError({
            code: 100,
            message: `(#100) Length of param message[text] must be less than or equal to ${this.product.maxText}`,
          }),
        );
      }
      if (b.messaging_type === 'MESSAGE_TAG' && !b.tag)
        return answer(400, graphError({ code: 100, message: '(#100) Tag is required for MESSAGE_TAG' }));
      if (this.outsideWindow.has(psid) && b.messaging_type !== 'MESSAGE_TAG') {
        const refusal = this.product.outsideWindow;
        return answer(refusal.status ?? 400, graphError(refusal));
      }
      const mid = `m_fake${this.nextMid++}`;
      this.sentMids.push({ psid, mid });
      return answer(200, { recipient_id: psid, message_id: mid });
    }
    if (call.method === 'GET' && /^[^/]+$/.test(call.path)) {
      const profile = this.profiles.get(call.path);
      if (!profile)
        return answer(
          400,
          graphError({
            code: 100,
            subcode: 33,
            message: 'Unsupported get request.',
            type: 'GraphMethodException',
          }),
        );
      return answer(200, { id: call.path, ...profile });
    }
    return answer(
      400,
      graphError({ code: 100, message: `Unknown path ${call.path}`, type: 'GraphMethodException' }),
    );
  }
}

function graphError(e: GraphErrorSpec) {
  return {
    error: {
      message: e.message,
      type: e.type ?? 'OAuthException',
      code: e.code,
      error_subcode: e.subcode,
      fbtrace_id: 'AfakeTrace',
    },
  };
}
