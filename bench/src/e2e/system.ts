import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  freePort,
  type KafkaCluster,
  type KafkaProcess,
  startKafkaCluster,
  startLocalKafka,
  startPostgres,
  waitFor,
} from '@omni/testkit';
import { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { FakeViberApi } from '@omni/testkit/src/fakes/viber-api';
import { FakeVkApi } from '@omni/testkit/src/fakes/vk-api';
import pg from 'pg';
import { BENCH_POSTGRES_SETTINGS } from '../bench-kit';
import { REPO_ROOT, Supervised, TSX_LOADER } from './supervisor';

/** Everything the load generator needs to speak to the adapters as the platforms would. */
export interface Targets {
  telegram: { url: string; secretToken: string; fileId: string };
  viber: { url: string; authToken: string; mediaUrl: string };
  facebook: { url: string; appSecret: string; pageId: string; fileUrl: string };
  vk: { url: string; secret: string; groupId: number; fileUrl: string };
  webform: { url: string };
  email: { url: string; apiKey: string };
}

export const CHANNELS = ['telegram', 'viber', 'facebook', 'vk', 'webform', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

const SERVICE_ENTRIES: Record<string, string> = {
  threading: 'services/threading/src/main.ts',
  tickets: 'services/tickets/src/main.ts',
  'adapter-telegram': 'services/adapter-telegram/src/main.ts',
  'adapter-viber': 'services/adapter-viber/src/main.ts',
  'adapter-facebook': 'services/adapter-facebook/src/main.ts',
  'adapter-vk': 'services/adapter-vk/src/main.ts',
  'adapter-webform': 'services/adapter-webform/src/main.ts',
  'adapter-email': 'services/adapter-email/src/main.ts',
  automation: 'services/automation/src/main.ts',
  // What ops run as one container (`SERVICE=all-in-one`); `pnpm start` adds only the embedded database.
  standalone: 'services/all-in-one/src/main.ts',
  adapters: 'bench/src/e2e/adapters-process.ts',
};
/** What the distributed layout starts: every service on its own (neither the all-in-one nor the grouped adapters). */
const DISTRIBUTED = Object.keys(SERVICE_ENTRIES).filter((n) => n !== 'standalone' && n !== 'adapters');
/** What the grouped-adapters layout starts. */
const GROUPED_ADAPTERS = [...DISTRIBUTED.filter((n) => !n.startsWith('adapter-')), 'adapters'];
export const ADAPTER_OF: Record<Channel, string> = {
  telegram: 'adapter-telegram',
  viber: 'adapter-viber',
  facebook: 'adapter-facebook',
  vk: 'adapter-vk',
  webform: 'adapter-webform',
  email: 'adapter-email',
};

export interface SystemOptions {
  /** `env`: KAFKA_BROKERS / DATABASE_URL when set (benchmark). `own`: servers this process can stop and restart (chaos). */
  servers: 'env' | 'own';
  /** With `servers: 'own'`: a KRaft cluster of this many brokers (replication 3, min ISR 2) instead of one node. */
  kafkaBrokers?: number;
  partitions: number;
  logLevel: string;
  automation: boolean;
  /** IMAP server of the email account (default: a closed port, the MIME route only). */
  imap?: { host: string; port: number; user: string; password: string };
  sessionTimeoutMs?: number;
  /** Where service logs go. */
  logDir: string;
  extraEnv?: Record<string, string>;
  /** Settings of one service only, by service name (over `extraEnv`). */
  serviceEnv?: Record<string, Record<string, string>>;
  /** Services run with `--cpu-prof` (profile written into `logDir` on a clean stop). */
  profile?: string[];
  /** Only these services (`pnpm bench adapter`: one adapter alone); default every one. */
  services?: string[];
  /**
   * `distributed` (default): every service its own process, on Kafka. `standalone`: all of them
   * in one process (the image's `all-in-one`) on Kafka; `standalone-memory`: on its in-process
   * bus. `grouped-adapters`: every channel adapter in one process, the other services each their
   * own. The same load, so the price of the process split and of the bus can be told apart.
   */
  layout?: Layout;
}

export const LAYOUTS = ['distributed', 'standalone', 'standalone-memory', 'grouped-adapters'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** A restartable PostgreSQL of our own (chaos: stopped for 30 s on the same data dir and port). */
export interface OwnPostgres {
  adminUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * The whole system in distributed mode: real Kafka and PostgreSQL, fake platform APIs,
 * a generated configuration, and every service as its own supervised process.
 */
export class System {
  readonly services = new Map<string, Supervised>();
  targets!: Targets;
  databaseUrl!: string;
  brokers!: string[];
  /** Admin URL of the PostgreSQL server (the raw ceilings create their own databases on it). */
  adminUrl!: string;
  kafka: KafkaProcess | undefined;
  /** The cluster, when started with `kafkaBrokers` > 1 (chaos: one broker killed and restarted). */
  kafkaCluster: KafkaCluster | undefined;
  postgres: OwnPostgres | undefined;
  readonly apiKey = `omni_${randomBytes(32).toString('base64url')}`;
  /** Every secret the services were given: none may appear in their logs. */
  readonly secrets: string[] = [];
  private readonly closers: Array<() => Promise<void>> = [];
  env: Record<string, string | undefined> = {};
  private ports = new Map<string, number>();
  pool!: pg.Pool;
  /** The fake platforms the adapters send replies to (the reply mix reads what reached them). */
  fakes!: { telegram: FakeTelegramApi; viber: FakeViberApi; facebook: FakeGraphApi; vk: FakeVkApi };

  constructor(readonly opts: SystemOptions) {}

  static async start(opts: SystemOptions, onStep: (s: string) => void = () => {}): Promise<System> {
    const system = new System(opts);
    try {
      await system.boot(onStep);
    } catch (err) {
      await system.stop();
      throw err;
    }
    return system;
  }

  private async boot(onStep: (s: string) => void): Promise<void> {
    const { opts } = this;
    const { layout } = this;
    // The launcher (and the grouped adapters) build every service of theirs: none can be left out.
    if (layout !== 'distributed' && (!opts.automation || opts.services))
      throw new Error(`the ${layout} layout runs every service, automation included`);
    await mkdir(opts.logDir, { recursive: true });
    const envBrokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? [];
    const clustered = opts.servers === 'own' && (opts.kafkaBrokers ?? 1) > 1;
    const [kafka, cluster, adminUrl] = await Promise.all([
      !clustered && (opts.servers === 'own' || envBrokers.length === 0) ? startLocalKafka() : undefined,
      clustered ? startKafkaCluster({ brokers: opts.kafkaBrokers }) : undefined,
      opts.servers === 'own' ? this.ownPostgres().then((p) => p.adminUrl) : this.envPostgres(),
    ]);
    this.kafka = kafka;
    this.kafkaCluster = cluster;
    if (kafka) this.closers.push(() => kafka.stop());
    if (cluster) this.closers.push(() => cluster.stop());
    this.brokers = cluster?.brokers ?? kafka?.brokers ?? envBrokers;
    this.adminUrl = adminUrl;
    onStep(
      `kafka ${cluster ? 'cluster' : kafka ? 'local' : 'env'} ${this.brokers.join(',')}, postgres ready`,
    );
    const db = await createTestDatabase(adminUrl, 'e2e');
    this.databaseUrl = db.url;
    this.closers.push(() => db.drop().catch(() => undefined));
    this.pool = new pg.Pool({ connectionString: db.url, max: 3 });
    this.pool.on('error', () => undefined);
    this.closers.push(() => this.pool.end());

    const tg = await new FakeTelegramApi(
      `${100000 + Math.floor(Math.random() * 1e5)}:E2E-token_${hex(8)}`,
    ).start();
    tg.addFile('e2e-photo', Buffer.alloc(2048, 7), 'photos/e2e.jpg');
    const viber = await new FakeViberApi(`${hex(8)}-${hex(8)}-e2e`).start();
    const graphToken = `EAAG${hex(16)}`;
    const graph = await FakeGraphApi.start({ pageAccessToken: graphToken });
    graph.files.set('photo.jpg', { data: Buffer.alloc(2048, 8), type: 'image/jpeg' });
    const vkToken = `vk1.a.${hex(16)}`;
    const vk = await FakeVkApi.start({ accessToken: vkToken, groupId: 4242 });
    vk.files.set('photo.jpg', { data: Buffer.alloc(2048, 9), type: 'image/jpeg' });
    this.fakes = { telegram: tg, viber, facebook: graph, vk };
    this.closers.push(
      () => tg.close(),
      () => viber.close(),
      () => graph.close(),
      () => vk.close(),
    );
    const s = {
      tgSecret: `tg-${hex(12)}`,
      fbSecret: `fbsecret${hex(12)}`,
      fbVerify: `verify${hex(8)}`,
      vkSecret: `vksecret${hex(8)}`,
      imapPassword: opts.imap?.password ?? `imap-${hex(8)}`,
    };
    this.secrets.push(
      tg.token,
      s.tgSecret,
      viber.authToken,
      graphToken,
      s.fbSecret,
      s.fbVerify,
      vkToken,
      s.vkSecret,
      s.imapPassword,
      this.apiKey,
    );
    const imap = opts.imap ?? { host: '127.0.0.1', port: await freePort(), user: 'support', password: '' };
    const configFile = join(opts.logDir, 'omni.config.yaml');
    await writeFile(
      configFile,
      [
        'channels:',
        '  telegram:',
        `    - { account: bot, token: "${tg.token}", secretToken: "${s.tgSecret}", mode: webhook, apiRoot: "${tg.url}" }`,
        '  viber:',
        `    - { account: viber, authToken: "${viber.authToken}", senderName: Support, apiRoot: "${viber.url}" }`,
        '  facebook:',
        `    - { account: page, pageId: "1000", pageAccessToken: "${graphToken}", appSecret: "${s.fbSecret}", verifyToken: "${s.fbVerify}", apiRoot: "${graph.url}" }`,
        '  vk:',
        `    - { account: club, groupId: 4242, accessToken: "${vkToken}", secret: "${s.vkSecret}", confirmation: c0nf, apiRoot: "${vk.url}" }`,
        '  webform:',
        '    - account: site',
        '      rateLimit: { perIp: { max: 100000000, windowSeconds: 1 }, perContact: { max: 100000000, windowSeconds: 1 } }',
        '  email:',
        '    - account: mail',
        '      address: support@example.com',
        `      imap: { host: ${imap.host}, port: ${imap.port}, secure: false, user: "${imap.user}", password: "${s.imapPassword}" }`,
        '      idle: false',
        '      pollIntervalSeconds: 2',
        '',
      ].join('\n'),
    );
    this.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: this.brokers.join(','),
      KAFKA_TOPIC_PREFIX: `e2e-${hex(4)}.`,
      KAFKA_TOPIC_PARTITIONS: String(opts.partitions),
      KAFKA_REPLICATION_FACTOR: String(cluster?.replicationFactor ?? 1),
      ...(opts.sessionTimeoutMs ? { KAFKA_SESSION_TIMEOUT_MS: String(opts.sessionTimeoutMs) } : {}),
      HOST: '127.0.0.1',
      LOG_LEVEL: opts.logLevel,
      OMNI_CONFIG: configFile,
      OMNI_BOOTSTRAP_API_KEY: this.apiKey,
      OTEL_SDK_DISABLED: 'true',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
      // The fake platforms' file hosts and the tests' webhook receivers listen on loopback.
      OMNI_OUTBOUND_ALLOW: '127.0.0.0/8,::1',
      // The bench's helpdesk replies through one API key at the rate the reply mix asks for: at
      // the default 1,200 requests a minute, 30–50 % of the replies were refused (429) and the
      // mix carried a different number of replies in every run, so runs were not comparable.
      OMNI_API_RATE_LIMIT_PER_MINUTE: '1000000',
      ...opts.extraEnv,
    };

    // All at once, as an orchestrator would: migrations take an advisory lock, and topic creation
    // racing between services is retried by the bus.
    const names =
      layout === 'distributed'
        ? DISTRIBUTED.filter(
            (n) => (opts.automation || n !== 'automation') && (opts.services?.includes(n) ?? true),
          )
        : layout === 'grouped-adapters'
          ? GROUPED_ADAPTERS
          : ['standalone'];
    if (layout === 'standalone-memory') delete this.env.KAFKA_BROKERS;
    await Promise.all(names.map((n) => this.startService(n)));
    onStep(`${this.services.size} services ready (${layout})`);
    // A service not started has no URL: its target points nowhere (never sent to).
    const at = (name: string) => (this.portOf(name) ? this.url(name) : 'http://127.0.0.1:9');
    this.targets = {
      telegram: {
        url: `${at('adapter-telegram')}/channels/telegram/bot/webhook`,
        secretToken: s.tgSecret,
        fileId: 'e2e-photo',
      },
      viber: {
        url: `${at('adapter-viber')}/channels/viber/viber/webhook`,
        authToken: viber.authToken,
        mediaUrl: viber.mediaUrl('e2e.jpg', Buffer.alloc(2048, 6)),
      },
      facebook: {
        url: `${at('adapter-facebook')}/channels/facebook/page/webhook`,
        appSecret: s.fbSecret,
        pageId: '1000',
        fileUrl: graph.fileUrl('photo.jpg'),
      },
      vk: {
        url: `${at('adapter-vk')}/channels/vk/club/callback`,
        secret: s.vkSecret,
        groupId: 4242,
        fileUrl: vk.fileUrl('photo.jpg'),
      },
      webform: { url: `${at('adapter-webform')}/channels/webform/site/submissions` },
      email: { url: `${at('adapter-email')}/channels/email/mail/mime`, apiKey: this.apiKey },
    };
  }

  /** A service's URL: in a standalone layout every service is the one process, and so is every adapter when grouped. */
  url(service: string): string {
    return `http://127.0.0.1:${this.portOf(service)}`;
  }

  get layout(): Layout {
    return this.opts.layout ?? 'distributed';
  }

  private portOf(service: string): number | undefined {
    if (this.layout.startsWith('standalone')) return this.ports.get('standalone');
    if (this.layout === 'grouped-adapters' && service.startsWith('adapter-'))
      return this.ports.get('adapters');
    return this.ports.get(service);
  }

  private async startService(name: string): Promise<void> {
    const entry = SERVICE_ENTRIES[name];
    if (!entry) throw new Error(`unknown service ${name}`);
    const port = await freePort();
    this.ports.set(name, port);
    const svc = new Supervised({
      name,
      entry,
      env: { ...this.env, ...this.opts.serviceEnv?.[name], PORT: String(port), KAFKA_CLIENT_ID: name },
      nodeArgs: this.opts.profile?.includes(name)
        ? ['--cpu-prof', `--cpu-prof-dir=${join(this.opts.logDir, `profile-${name}`)}`]
        : [],
      logFile: join(this.opts.logDir, `${name}.log`),
    });
    this.services.set(name, svc);
    await this.ready(name, 120_000);
  }

  /** Waits until the service answers /readyz with 200 (the supervisor restarts it meanwhile if it exits). */
  async ready(name: string, timeoutMs = 90_000): Promise<void> {
    await waitFor(
      async () => {
        const res = await fetch(`${this.url(name)}/readyz`).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs, intervalMs: 250, description: `${name} ready` },
    );
  }

  service(name: string): Supervised {
    const svc = this.services.get(name);
    if (!svc) throw new Error(`no service ${name}`);
    return svc;
  }

  private async envPostgres(): Promise<string> {
    const pgServer = await startPostgres({ settings: BENCH_POSTGRES_SETTINGS });
    this.closers.push(() => pgServer.stop());
    return pgServer.url;
  }

  private async ownPostgres(): Promise<OwnPostgres> {
    const dataDir = await mkdtemp(join(tmpdir(), 'omni-chaos-pg-'));
    const port = await freePort();
    const logFile = join(this.opts.logDir, 'postgres.log');
    let server: ChildProcess | undefined;
    const start = async () => {
      const child = spawn(
        process.execPath,
        ['--import', TSX_LOADER, join(__dirname, 'postgres-process.ts')],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH, PG_DATA_DIR: dataDir, PG_PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      server = child;
      let output = '';
      child.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        void appendFile(logFile, d);
      });
      child.stderr?.on('data', (d: Buffer) => {
        output += d.toString();
        void appendFile(logFile, d);
      });
      await waitFor(() => output.includes('READY') || child.exitCode !== null, {
        timeoutMs: 60_000,
        description: 'PostgreSQL started',
      });
      if (!output.includes('READY')) throw new Error(`PostgreSQL did not start:\n${output}`);
    };
    const stop = async () => {
      const child = server;
      server = undefined;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    };
    await start();
    const own: OwnPostgres = {
      adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      stop,
      start: async () => {
        if (!server) await start();
      },
      destroy: async () => {
        await stop().catch(() => undefined);
        await rm(dataDir, { recursive: true, force: true });
      },
    };
    this.postgres = own;
    this.closers.push(() => own.destroy());
    return own;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.services.values()].map((s) => s.stop()));
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
  }
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** `--env` values as {@link System}'s `extraEnv` (every service) and `serviceEnv` (one service each). */
export function systemEnv(list: string[] | undefined) {
  const settings = envSettings(list);
  return {
    extraEnv: Object.fromEntries(settings.filter((e) => !e.service).map((e) => [e.key, e.value])),
    serviceEnv: settings.reduce<Record<string, Record<string, string>>>((acc, e) => {
      if (e.service) acc[e.service] = { ...acc[e.service], [e.key]: e.value };
      return acc;
    }, {}),
  };
}

/** `--env` values: `KEY=VALUE` (every service) or `service:KEY=VALUE` (one service). */
function envSettings(list: string[] | undefined): Array<{ service?: string; key: string; value: string }> {
  return (list ?? []).map((kv) => {
    const at = kv.indexOf('=');
    const name = kv.slice(0, at);
    const colon = name.indexOf(':');
    return colon < 0
      ? { key: name, value: kv.slice(at + 1) }
      : { service: name.slice(0, colon), key: name.slice(colon + 1), value: kv.slice(at + 1) };
  });
}
