import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@omni/testkit';
import { build } from 'esbuild';
import { buildRequest, type PlannedRequest, tokenOf } from '../../bench/src/e2e/messages';
import type { Channel, Targets } from '../../bench/src/e2e/system';
import type { Compose } from './compose';
import type { Podman } from './podman';

const REPO = join(__dirname, '..', '..');
const FAKES_PORT_VAR = 'SMOKE_FAKES_PORT';

export interface SmokeSetup {
  env: Record<string, string>;
  /** Where the fake platforms tell the smoke what they received. */
  fakesPort: string;
  overrideFile: string;
  apiKey: string;
  telegram: { token: string; secretToken: string };
  runId: string;
}

/** The compose file's published-port variables and its services (read, not restated). */
export function composeServices(): { published: string[] } {
  const text = readFileSync(join(REPO, 'docker-compose.yml'), 'utf8');
  return {
    published: [...new Set([...text.matchAll(/\$\{(OMNI_[A-Z_]+_PORT):-/g)].map((m) => m[1] as string))],
  };
}

/**
 * The run's configuration: accounts whose platform is the fake (Telegram), the web form, an
 * email account on the MIME route (its IMAP port is closed: the watcher retries, ingestion
 * goes on), an admin key; and a compose override adding the fake platforms' container.
 */
export async function smokeSetup(runDir: string, image: string): Promise<SmokeSetup> {
  const hex = (n: number) => randomBytes(n).toString('hex');
  const telegram = {
    token: `${100000 + Math.floor(Math.random() * 1e5)}:SMOKE_${hex(8)}`,
    secretToken: `tg-${hex(12)}`,
  };
  const apiKey = `omni_${randomBytes(32).toString('base64url')}`;
  const configFile = join(runDir, 'omni.config.yaml');
  writeFileSync(
    configFile,
    [
      'channels:',
      '  telegram:',
      `    - { account: bot, token: "${telegram.token}", secretToken: "${telegram.secretToken}", mode: webhook, apiRoot: "http://fake-platforms:8090" }`,
      '  webform:',
      '    - account: site',
      // Every smoke post comes from one address: the per-IP limit is not under test here.
      '      rateLimit: { perIp: { max: 100000, windowSeconds: 1 }, perContact: { max: 100000, windowSeconds: 1 } }',
      '  email:',
      '    - account: mail',
      '      address: support@example.com',
      '      imap: { host: 127.0.0.1, port: 1, secure: false, user: support, password: unused }',
      '      idle: false',
      '      pollIntervalSeconds: 60',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  await build({
    entryPoints: [join(__dirname, 'fake-platforms.main.ts')],
    outfile: join(runDir, 'fake-platforms.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const overrideFile = join(runDir, 'compose.smoke.yml');
  writeFileSync(
    overrideFile,
    [
      'services:',
      '  fake-platforms:',
      `    image: ${image}`,
      '    entrypoint: ["node", "/fakes/fake-platforms.js"]',
      `    environment: { FAKE_TELEGRAM_TOKEN: "${telegram.token}" }`,
      `    volumes: ["${join(runDir, 'fake-platforms.js')}:/fakes/fake-platforms.js:ro"]`,
      `    ports: ["127.0.0.1:\${${FAKES_PORT_VAR}}:8091"]`,
      '    healthcheck:',
      `      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:8091/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]`,
      '      interval: 5s',
      '',
    ].join('\n'),
  );
  const fakesPort = String(await freePort());
  return {
    env: { OMNI_CONFIG_FILE: configFile, OMNI_BOOTSTRAP_API_KEY: apiKey, [FAKES_PORT_VAR]: fakesPort },
    fakesPort,
    overrideFile,
    apiKey,
    telegram,
    runId: hex(4),
  };
}

interface SmokeContext {
  setup: SmokeSetup;
  stack: Compose;
  podman: Podman;
  /** Where a service listens on the host: its own published port, or the all-in-one's for every one. */
  at: (service: string) => string;
  /** The compose service restarted amid a stream: the one that stores messages. */
  restarted: string;
  log: (line: string) => void;
  step: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

/** A service's own published port (`OMNI_<SERVICE>_PORT`), as the distributed layout has. */
export const publishedPortOf =
  (ports: Record<string, string>) =>
  (service: string): string =>
    `http://127.0.0.1:${ports[`OMNI_${service.toUpperCase().replace(/-/g, '_')}_PORT`]}`;

/**
 * Through the running containers, as the platforms and a helpdesk would: a signed Telegram
 * webhook, a web-form post and a raw email on the MIME route, each visible through /v1; a
 * reply that reaches the (fake) platform; a restart of the storing service amid a stream that
 * loses nothing and doubles nothing.
 */
export async function runSmoke(ctx: SmokeContext): Promise<void> {
  const { setup, at, step } = ctx;
  const targets = smokeTargets(setup, at);
  const api = new TicketApi(at('tickets'), setup.apiKey);
  let seq = 0;
  const send = async (channel: Channel, customer: number): Promise<PlannedRequest> => {
    const request = buildRequest(targets, channel, setup.runId, seq++, customer, { attachment: false });
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    if (response.status >= 300) {
      throw new Error(`${channel}: ${request.url} answered ${response.status}: ${await response.text()}`);
    }
    return request;
  };

  const first = await step('smoke: Telegram webhook, web form, raw email → /v1', async () => {
    const sent = [await send('telegram', 1), await send('webform', 2), await send('email', 3)];
    const found = await api.waitForTokens(
      sent.map((r) => r.token),
      120_000,
    );
    return found.get(sent[0]?.token as string);
  });

  await step('smoke: a reply reaches the platform', async () => {
    const ticketId = first?.ticketId as string;
    const text = `reply ${setup.runId}`;
    const response = await fetch(`${at('tickets')}/v1/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${setup.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    if (response.status >= 300)
      throw new Error(`reply answered ${response.status}: ${await response.text()}`);
    const fakes = `http://127.0.0.1:${setup.fakesPort}/calls`;
    await waitUntil(120_000, 'the reply at the fake Bot API', async () => {
      const calls = (await (await fetch(fakes)).json()) as Array<{
        method: string;
        params: Record<string, unknown>;
      }>;
      return calls.some((c) => c.method === 'sendMessage' && String(c.params.text).includes(text));
    });
  });

  await step(`smoke: restart ${ctx.restarted} amid a stream, nothing lost or doubled`, async () => {
    const total = 60;
    const tokens: string[] = [];
    const stream = (async () => {
      for (let i = 0; i < total; i++) {
        const channel: Channel = i % 2 === 0 ? 'telegram' : 'webform';
        tokens.push((await sendWithRetry(() => send(channel, 10 + (i % 5)))).token);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 1_500));
    await ctx.stack.run(['restart', ctx.restarted], { timeoutMs: 180_000 });
    await stream;
    const found = await api.waitForTokens(tokens, 180_000);
    const doubled = [...found.values()].filter((f) => f.count > 1);
    if (doubled.length > 0) throw new Error(`stored twice: ${doubled.map((d) => d.token).join(', ')}`);
  });
}

/**
 * Adapters answer 503 while the bus is unavailable, and a restarting all-in-one refuses
 * connections: the platform's retry is what makes either safe. (A stopping service closes its
 * intake first and answers what it read, so a refused request was never accepted.)
 */
async function sendWithRetry<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const retriable = String(error).includes('answered 5') || String(error).includes('fetch failed');
      if (attempt >= 120 || !retriable) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function smokeTargets(setup: SmokeSetup, at: (service: string) => string): Targets {
  const unused = 'http://127.0.0.1:9/unused';
  return {
    telegram: {
      url: `${at('adapter-telegram')}/channels/telegram/bot/webhook`,
      secretToken: setup.telegram.secretToken,
      fileId: 'unused',
    },
    viber: { url: unused, authToken: 'unused', mediaUrl: unused },
    facebook: { url: unused, appSecret: 'unused', pageId: '0', fileUrl: unused },
    vk: { url: unused, secret: 'unused', groupId: 1, fileUrl: unused },
    webform: { url: `${at('adapter-webform')}/channels/webform/site/submissions` },
    email: { url: `${at('adapter-email')}/channels/email/mail/mime`, apiKey: setup.apiKey },
  };
}

interface Found {
  token: string;
  ticketId: string;
  count: number;
}

/** Reads tickets and their messages through /v1, as a helpdesk would. */
class TicketApi {
  constructor(
    private readonly base: string,
    private readonly key: string,
  ) {}

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.key}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  private async *pages<T>(path: string): AsyncGenerator<T> {
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { data: T[]; nextCursor: string | null } = await this.get(
        `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      yield* page.data;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** Every message text of every ticket, by the smoke token it carries. */
  async tokens(): Promise<Map<string, Found>> {
    const found = new Map<string, Found>();
    for await (const ticket of this.pages<{ id: string }>('/v1/tickets')) {
      for await (const message of this.pages<{ text: string }>(`/v1/tickets/${ticket.id}/messages`)) {
        for (const [token] of message.text.matchAll(/tok-[a-z0-9]+-[0-9]+/g)) {
          const seen = found.get(token);
          found.set(token, { token, ticketId: ticket.id, count: (seen?.count ?? 0) + 1 });
        }
      }
    }
    return found;
  }

  async waitForTokens(tokens: string[], timeoutMs: number): Promise<Map<string, Found>> {
    let found = new Map<string, Found>();
    await waitUntil(timeoutMs, `${tokens.length} messages visible through /v1`, async () => {
      found = await this.tokens();
      const missing = tokens.filter((t) => !found.has(t));
      return missing.length === 0 || `missing ${missing.length}: ${missing.slice(0, 5).join(', ')}`;
    });
    return found;
  }
}

async function waitUntil(
  timeoutMs: number,
  what: string,
  probe: () => Promise<boolean | string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'never checked';
  while (Date.now() < deadline) {
    try {
      const outcome = await probe();
      if (outcome === true) return;
      last = outcome;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (${String(last)})`);
}

export { tokenOf };
