import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One API method call the fake received. */
export interface VkCall {
  method: string;
  params: Record<string, string>;
  /** The error code the fake answered with, if any. */
  errorCode?: number;
}

export interface VkSentMessage {
  peerId: number;
  randomId: number;
  text: string;
  attachment?: string;
  forward?: string;
  messageId: number;
  conversationMessageId: number;
}

/** Documented VK API errors (dev.vk.com, "Errors"). */
export const VK_ERRORS = {
  tooManyRequests: { code: 6, message: 'Too many requests per second' },
  internal: { code: 10, message: 'Internal server error' },
  authFailed: { code: 5, message: 'User authorization failed: invalid access_token (4).' },
  permission: { code: 7, message: 'Permission to perform this action is denied' },
  blacklisted: { code: 900, message: "Can't send messages for users from blacklist" },
  noPermission: { code: 901, message: "Can't send messages for users without permission" },
} satisfies Record<string, { code: number; message: string }>;

/**
 * An honest local VK API: `POST /method/{name}` (form or query parameters, `access_token`
 * and `v` checked) for messages.send (deduplicated by `random_id` per peer, as VK does),
 * users.get, groups.getLongPollServer, the photo and document upload flows; a Bots Long
 * Poll server at `/lp`; media at `/files/{name}`. Answers `{ response }` or the documented
 * `{ error: { error_code, error_msg, request_params } }`, records every call.
 */
export class FakeVkApi {
  readonly calls: VkCall[] = [];
  readonly sent: VkSentMessage[] = [];
  readonly users = new Map<number, { first_name: string; last_name: string }>();
  readonly files = new Map<string, { data: Buffer; type: string }>();
  readonly uploads: Array<{ field: string; name: string; type: string; size: number }> = [];
  /** Peers that denied messages from the community (error 901). */
  readonly denied = new Set<number>();
  private readonly queuedErrors: Array<{ code: number; message: string } | null> = [];
  /** Every long-poll event ever pushed; event i has ts i + 1, so a client re-reading an old ts gets them again (as VK keeps them). */
  private readonly history: unknown[] = [];
  private lpWaiters: Array<() => void> = [];
  private lpKey = 'lpkey1';
  private nextId = 1;
  private readonly cmids = new Map<number, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly token: string,
    readonly groupId: number,
  ) {}

  static async start(opts: { accessToken: string; groupId: number }): Promise<FakeVkApi> {
    let api: FakeVkApi | undefined;
    const server = createServer((req, res) => {
      api?.handle(req, res).catch((err: unknown) => json(res, 500, { error: String(err) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = new FakeVkApi(server, `http://127.0.0.1:${port}`, opts.accessToken, opts.groupId);
    return api;
  }

  /** The next messages.send calls fail with these errors, in order (`null`: that call succeeds). */
  failNext(...errors: Array<{ code: number; message: string } | null>): void {
    this.queuedErrors.push(...errors);
  }

  /** Queues events for the long-poll server (the next a_check returns them). */
  pushLongPoll(...events: unknown[]): void {
    this.history.push(...events);
    for (const w of this.lpWaiters.splice(0)) w();
  }

  /** Makes the current long-poll key expire (the next a_check answers `failed: 2`). */
  expireLongPollKey(): void {
    this.lpKey = `lpkey${this.nextId++}`;
  }

  fileUrl(name: string): string {
    return `${this.url}/files/${encodeURIComponent(name)}`;
  }

  async close(): Promise<void> {
    for (const w of this.lpWaiters.splice(0)) w();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const file = /^\/files\/(.+)$/.exec(url.pathname);
    if (file) {
      const f = this.files.get(decodeURIComponent(file[1] as string));
      if (!f) return void res.writeHead(404).end('not found');
      return void res
        .writeHead(200, { 'content-type': f.type, 'content-length': String(f.data.length) })
        .end(f.data);
    }
    if (url.pathname === '/lp') return this.longPoll(url, res);
    const upload = /^\/upload\/(photo|doc)$/.exec(url.pathname);
    if (upload) return this.upload(upload[1] as 'photo' | 'doc', req, raw, res);
    const method = /^\/method\/([a-zA-Z.]+)$/.exec(url.pathname)?.[1];
    if (!method) return void res.writeHead(404).end('not found');
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (raw.length > 0) Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
    const call: VkCall = { method, params };
    this.calls.push(call);
    const fail = (code: number, message: string) => {
      call.errorCode = code;
      json(res, 200, {
        error: {
          error_code: code,
          error_msg: message,
          request_params: Object.entries(params)
            .filter(([k]) => k !== 'access_token')
            .map(([key, value]) => ({ key, value })),
        },
      });
    };
    if (params.access_token !== this.token) return fail(5, VK_ERRORS.authFailed.message);
    if (!params.v) return fail(8, 'Invalid request: v (version) is required');
    const ok = (response: unknown) => json(res, 200, { response });

    switch (method) {
      case 'messages.send': {
        const queued = this.queuedErrors.shift();
        if (queued) return fail(queued.code, queued.message);
        const peer = Number(params.peer_ids ?? params.peer_id ?? params.user_id);
        if (!Number.isSafeInteger(peer) || params.random_id === undefined)
          return fail(100, 'One of the parameters specified was missing or invalid');
        if (!params.message && !params.attachment)
          return fail(
            100,
            'One of the parameters specified was missing or invalid: message is empty or invalid',
          );
        if ((params.message ?? '').length > 4096) return fail(914, 'Message is too long');
        if (this.denied.has(peer)) return fail(VK_ERRORS.noPermission.code, VK_ERRORS.noPermission.message);
        const randomId = Number(params.random_id);
        let sent = this.sent.find((s) => s.peerId === peer && s.randomId === randomId && randomId !== 0);
        if (!sent) {
          const cmid = (this.cmids.get(peer) ?? 0) + 1;
          this.cmids.set(peer, cmid);
          sent = {
            peerId: peer,
            randomId,
            text: params.message ?? '',
            attachment: params.attachment,
            forward: params.forward,
            messageId: this.nextId++,
            conversationMessageId: cmid,
          };
          this.sent.push(sent);
        }
        return params.peer_ids !== undefined
          ? ok([
              {
                peer_id: peer,
                message_id: sent.messageId,
                conversation_message_id: sent.conversationMessageId,
              },
            ])
          : ok(sent.messageId);
      }
      case 'users.get': {
        const ids = (params.user_ids ?? '').split(',').map(Number);
        return ok(ids.flatMap((id) => (this.users.has(id) ? [{ id, ...this.users.get(id) }] : [])));
      }
      case 'groups.getLongPollServer':
        if (Number(params.group_id) !== this.groupId)
          return fail(15, 'Access denied: no access to this group');
        return ok({ key: this.lpKey, server: `${this.url}/lp`, ts: String(this.history.length + 1) });
      case 'photos.getMessagesUploadServer':
        return ok({ upload_url: `${this.url}/upload/photo`, album_id: -3, group_id: this.groupId });
      case 'docs.getMessagesUploadServer':
        return ok({ upload_url: `${this.url}/upload/doc` });
      case 'photos.saveMessagesPhoto':
        if (!params.photo || !params.hash || !params.server)
          return fail(100, 'One of the parameters specified was missing or invalid');
        return ok([{ id: this.nextId++, owner_id: -this.groupId, access_key: 'ak1' }]);
      case 'docs.save':
        if (!params.file)
          return fail(100, 'One of the parameters specified was missing or invalid: file is undefined');
        return ok({
          type: 'doc',
          doc: { id: this.nextId++, owner_id: -this.groupId, title: params.title ?? '' },
        });
      default:
        return fail(3, 'Unknown method passed');
    }
  }

  private async upload(
    kind: 'photo' | 'doc',
    req: IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] ?? '' } })
      .formData()
      .catch(() => undefined);
    const field = kind === 'photo' ? 'photo' : 'file';
    const file = form?.get(field);
    if (!file || typeof file === 'string') return json(res, 200, { error: 'no file' });
    this.uploads.push({ field, name: file.name, type: file.type, size: file.size });
    if (kind === 'photo') return json(res, 200, { server: 1, photo: '[{"photo":"x"}]', hash: 'h1' });
    return json(res, 200, { file: `file-token-${this.uploads.length}` });
  }

  private async longPoll(url: URL, res: ServerResponse): Promise<void> {
    if (url.searchParams.get('act') !== 'a_check') return json(res, 200, { failed: 3 });
    if (url.searchParams.get('key') !== this.lpKey) return json(res, 200, { failed: 2 });
    const ts = Number(url.searchParams.get('ts'));
    if (!Number.isInteger(ts) || ts < 1 || ts > this.history.length + 1)
      return json(res, 200, { failed: 1, ts: String(this.history.length + 1) });
    if (ts === this.history.length + 1) {
      const wait = Math.min(Number(url.searchParams.get('wait') ?? '25'), 90) * 1000;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.lpWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    json(res, 200, { ts: String(this.history.length + 1), updates: this.history.slice(ts - 1) });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
