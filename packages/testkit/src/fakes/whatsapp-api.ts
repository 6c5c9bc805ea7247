import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hubSignature } from '@omni/meta';
import type { GraphCall } from './graph-api';
import { readFormOrJson, sendJson } from './http';

/** One request the fake received (`path` without the version: `106540352242922/messages`, `<media-id>`). */
export type CloudCall = Omit<GraphCall, 'version'>;

/** A Cloud API error as documented: `{ error: { message, type, code, error_data: { details }, fbtrace_id } }`. */
export interface CloudErrorSpec {
  status?: number;
  code: number;
  message: string;
  details?: string;
}

/** Error answers of the WhatsApp Cloud API "Error codes" reference. */
export const CLOUD_ERRORS = {
  pairRateLimit: {
    status: 400,
    code: 131056,
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    details:
      'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  throughput: {
    status: 400,
    code: 130429,
    message: '(#130429) Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
  },
  reengagement: {
    status: 400,
    code: 131047,
    message: '(#131047) Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  undeliverable: {
    status: 400,
    code: 131026,
    message: '(#131026) Message Undeliverable',
    details: 'Unable to deliver message.',
  },
  invalidToken: {
    status: 401,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  },
} satisfies Record<string, CloudErrorSpec>;

/** A signed webhook request, ready to post to the adapter. */
export interface SignedWebhook {
  headers: Record<string, string>;
  body: string;
}

/**
 * An honest local WhatsApp Cloud API for tests: `POST /{v}/{phone-number-id}/messages`
 * (text, media by id, templates; `to` or a business-scoped `recipient`), the Media API
 * (`POST /{v}/{phone-number-id}/media`, `GET /{v}/{media-id}`, the download URL that wants
 * the token again), Bearer tokens checked, documented error bodies. Like the real one it
 * accepts a free-form message to a person whose 24-hour window has closed and fails it
 * afterwards (a `failed` status with 131047): `webhooks` builds those notifications —
 * messages, statuses — signed with the app secret as Meta signs them.
 */
export class FakeWhatsAppApi {
  readonly calls: CloudCall[] = [];
  /** Media the people "sent": id → bytes. */
  readonly media = new Map<string, { data: Buffer; type: string; status?: number }>();
  /** Files our replies uploaded: id → what arrived. */
  readonly uploads = new Map<string, { data: Buffer; type: string; name: string }>();
  /** wa_ids (or BSUIDs) whose customer service window has closed. */
  readonly outsideWindow = new Set<string>();
  /** Statuses the fake owes the adapter (the asynchronous failures), oldest first. */
  readonly pendingStatuses: Array<Record<string, unknown>> = [];
  private readonly queuedErrors: Array<CloudErrorSpec | null> = [];
  private next = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly opts: { accessToken: string; appSecret: string; phoneNumberId: string; wabaId: string },
  ) {}

  static async start(opts: {
    accessToken: string;
    appSecret: string;
    phoneNumberId: string;
    wabaId?: string;
  }): Promise<FakeWhatsAppApi> {
    let api: FakeWhatsAppApi | undefined;
    const server = createServer((req, res) => {
      api
        ?.handle(req, res)
        .catch((err: unknown) => sendJson(res, 500, { error: { message: String(err), code: 1 } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = new FakeWhatsAppApi(server, `http://127.0.0.1:${port}`, { wabaId: '102290129340398', ...opts });
    return api;
  }

  /** The next message sends fail with these errors, in order (`null`: that call succeeds). */
  failNext(...errors: Array<CloudErrorSpec | null>): void {
    this.queuedErrors.push(...errors);
  }

  /** Successful message sends. */
  sent(): CloudCall[] {
    return this.calls.filter((c) => c.path === `${this.opts.phoneNumberId}/messages` && c.status === 200);
  }

  /** A `messages` notification of this number, signed: `messages[]` as given, profile names in `contacts[]`. */
  messagesWebhook(
    messages: unknown[],
    contacts: Array<{ name: string; wa_id?: string; user_id?: string }> = [],
    secret = this.opts.appSecret,
  ): SignedWebhook {
    return this.sign(
      {
        contacts: contacts.map((c) => ({
          profile: { name: c.name },
          ...(c.wa_id ? { wa_id: c.wa_id } : {}),
          ...(c.user_id ? { user_id: c.user_id } : {}),
        })),
        messages,
      },
      secret,
    );
  }

  /** A `statuses` notification about one of our sends (by its wamid), signed. */
  statusWebhook(
    status: 'sent' | 'delivered' | 'read' | 'failed',
    wamid: string,
    extra: Record<string, unknown> = {},
  ): SignedWebhook {
    const sent = this.sent().find((c) => c.body.wamid === wamid);
    const recipient = (sent?.body.to ?? sent?.body.recipient) as string | undefined;
    return this.sign({
      statuses: [
        {
          id: wamid,
          status,
          timestamp: String(Math.floor(Date.now() / 1000)),
          recipient_id: recipient,
          ...(sent?.body.biz_opaque_callback_data
            ? { biz_opaque_callback_data: sent.body.biz_opaque_callback_data }
            : {}),
          ...extra,
        },
      ],
    });
  }

  /** Signs a `messages` value of this number as a whole webhook body. */
  sign(value: Record<string, unknown>, secret = this.opts.appSecret): SignedWebhook {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: this.opts.wabaId,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: this.opts.phoneNumberId },
                ...value,
              },
              field: 'messages',
            },
          ],
        },
      ],
    });
    return {
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, secret) },
      body,
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const authorized = req.headers.authorization === `Bearer ${this.opts.accessToken}`;
    const download = /^\/media-download\/(.+)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      // Like lookaside.fbsbx.com: the URL alone is not enough, the token must come with it.
      if (!authorized) return void res.writeHead(401).end('unauthorized');
      const file = this.media.get(decodeURIComponent(download[1] as string));
      if (!file) return void res.writeHead(404).end('not found');
      res.writeHead(file.status ?? 200, {
        'content-type': file.type,
        'content-length': String(file.data.length),
      });
      return void res.end(file.data);
    }
    const m = /^\/(v\d+\.\d+)\/(.+)$/.exec(url.pathname);
    if (!m) return sendJson(res, 400, cloudError({ code: 2500, message: 'Unknown path components' }));
    const call: CloudCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(m[2] as string),
      query: Object.fromEntries(url.searchParams),
      body: {},
    };
    this.calls.push(call);
    const read = await readFormOrJson(req);
    call.body = read.body;
    const uploaded = read.file;
    if (uploaded) call.file = { name: uploaded.name, type: uploaded.type, size: uploaded.size };
    if (read.invalidJson)
      return this.answer(res, call, 400, cloudError({ code: 100, message: '(#100) Invalid JSON' }));
    if (!authorized) return this.answer(res, call, 401, cloudError(CLOUD_ERRORS.invalidToken));
    const number = this.opts.phoneNumberId;
    if (call.method === 'POST' && call.path === `${number}/messages`) return this.message(res, call);
    if (call.method === 'POST' && call.path === `${number}/media`) {
      if (call.body.messaging_product !== 'whatsapp' || !uploaded)
        return this.answer(
          res,
          call,
          400,
          cloudError({ code: 100, message: '(#100) The parameter file is required.' }),
        );
      const id = `${this.next++}${randomBytes(4).toString('hex')}`;
      this.uploads.set(id, { data: uploaded.data, type: uploaded.type, name: uploaded.name });
      return this.answer(res, call, 200, { id });
    }
    if (call.method === 'GET' && /^[^/]+$/.test(call.path)) {
      const file = this.media.get(call.path) ?? this.uploads.get(call.path);
      if (!file)
        return this.answer(
          res,
          call,
          400,
          cloudError({
            code: 100,
            message: '(#100) Unsupported get request. Object with ID does not exist.',
          }),
        );
      return this.answer(res, call, 200, {
        messaging_product: 'whatsapp',
        url: `${this.url}/media-download/${encodeURIComponent(call.path)}`,
        mime_type: file.type,
        sha256: 'f'.repeat(64),
        file_size: file.data.length,
        id: call.path,
      });
    }
    return this.answer(res, call, 400, cloudError({ code: 100, message: `Unknown path ${call.path}` }));
  }

  private message(res: ServerResponse, call: CloudCall) {
    const queued = this.queuedErrors.shift();
    if (queued) return this.answer(res, call, queued.status ?? 400, cloudError(queued));
    const b = call.body as {
      messaging_product?: string;
      to?: string;
      recipient?: string;
      type?: string;
      text?: { body?: string };
      template?: { name?: string; language?: { code?: string } };
    } & Record<string, unknown>;
    const who = b.to ?? b.recipient;
    const bad = (message: string, code = 100) => this.answer(res, call, 400, cloudError({ code, message }));
    if (b.messaging_product !== 'whatsapp') return bad('(#100) The parameter messaging_product is required.');
    if (!who) return bad('(#100) The parameter to is required.');
    const type = b.type ?? 'text';
    if (type === 'text') {
      const text = b.text?.body;
      if (typeof text !== 'string' || text.length === 0)
        return bad("(#100) The parameter text['body'] is required.");
      if ([...text].length > 4096)
        return bad("(#100) Param text['body'] must be at most 4096 characters long.");
    } else if (type === 'template') {
      if (!b.template?.name || !b.template.language?.code)
        return bad('(#132000) Template name and language are required', 132000);
    } else if (type === 'interactive') {
      const problem = interactiveProblem(b.interactive);
      if (problem) return bad(`(#131009) ${problem}`, 131009);
    } else if (['image', 'audio', 'video', 'document', 'sticker'].includes(type)) {
      const media = b[type] as { id?: string; link?: string } | undefined;
      if (!media?.id && !media?.link) return bad(`(#100) The parameter ${type}['id'] is required.`);
      if (media.id && !this.uploads.has(media.id) && !this.media.has(media.id))
        return bad('(#131053) Media upload error', 131053);
    } else return bad(`(#100) Unsupported message type ${type}`);
    const wamid = `wamid.FAKE${String(this.next++).padStart(6, '0')}${randomBytes(6).toString('hex')}`;
    call.body.wamid = wamid;
    // The real Cloud API accepts a free-form message outside the window and fails it afterwards.
    if (type !== 'template' && this.outsideWindow.has(who))
      this.pendingStatuses.push({ wamid, code: CLOUD_ERRORS.reengagement.code });
    this.answer(res, call, 200, {
      messaging_product: 'whatsapp',
      contacts: [b.to ? { input: b.to, wa_id: b.to } : { input: who, user_id: who }],
      messages: [{ id: wamid }],
    });
  }

  /** The `failed` status owed for a send the window refused, signed; undefined when none is owed. */
  takeFailedStatus(): SignedWebhook | undefined {
    const owed = this.pendingStatuses.shift() as { wamid: string; code: number } | undefined;
    if (!owed) return undefined;
    return this.statusWebhook('failed', owed.wamid, {
      errors: [
        {
          code: owed.code,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: { details: CLOUD_ERRORS.reengagement.details },
        },
      ],
    });
  }

  private answer(res: ServerResponse, call: CloudCall, status: number, body: unknown): void {
    call.status = status;
    sendJson(res, status, body);
  }
}

function cloudError(e: CloudErrorSpec) {
  return {
    error: {
      message: e.message,
      type: 'OAuthException',
      code: e.code,
      ...(e.details ? { error_data: { messaging_product: 'whatsapp', details: e.details } } : {}),
      fbtrace_id: 'AfakeTrace',
    },
  };
}

/** The Cloud API's limits on reply-button and list messages ("Interactive messages"), or null when within them. */
function interactiveProblem(value: unknown): string | null {
  const i = value as
    | {
        type?: string;
        body?: { text?: string };
        action?: {
          buttons?: Array<{ type?: string; reply?: { id?: string; title?: string } }>;
          button?: string;
          sections?: Array<{ rows?: Array<{ id?: string; title?: string }> }>;
        };
      }
    | undefined;
  const body = i?.body?.text;
  if (!body || [...body].length > 1024)
    return 'Parameter value is not valid: body.text (1 to 1024 characters)';
  if (i?.type === 'button') {
    const buttons = i.action?.buttons ?? [];
    if (buttons.length < 1 || buttons.length > 3) return 'Parameter value is not valid: 1 to 3 buttons';
    const ok = buttons.every(
      (b) =>
        b.type === 'reply' &&
        b.reply?.id &&
        [...(b.reply.title ?? '')].length >= 1 &&
        [...(b.reply.title ?? '')].length <= 20,
    );
    return ok
      ? null
      : 'Parameter value is not valid: a reply button needs an id and a title of 1 to 20 characters';
  }
  if (i?.type === 'list') {
    const rows = (i.action?.sections ?? []).flatMap((s) => s.rows ?? []);
    const label = [...(i.action?.button ?? '')].length;
    if (label < 1 || label > 20) return 'Parameter value is not valid: action.button (1 to 20 characters)';
    if (rows.length < 1 || rows.length > 10) return 'Parameter value is not valid: 1 to 10 rows';
    const ok = rows.every(
      (r) => r.id && [...(r.title ?? '')].length >= 1 && [...(r.title ?? '')].length <= 24,
    );
    return ok ? null : 'Parameter value is not valid: a row needs an id and a title of 1 to 24 characters';
  }
  return `Parameter value is not valid: interactive type ${String(i?.type)}`;
}
