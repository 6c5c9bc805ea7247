import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPool, type Pool, runMigrations } from '@omni/db';
import { createTestDatabase, startPostgres } from '@omni/testkit';
import {
  BENCH_POSTGRES_SETTINGS,
  benchLogger,
  postgresCpuMs,
  processCpuMs,
  statementLines,
  statementStats,
  table,
  writeResult,
} from './bench-kit';
import { closedLoopLoad } from './closed-loop-load';

interface Target {
  name: string;
  path: string;
}

interface Measured {
  name: string;
  path: string;
  requests: number;
  errors: number;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU per request (ms) of the API process and of PostgreSQL (every backend), during the run. */
  apiCpuMs: number;
  postgresCpuMs: number;
  /** Body bytes per answer. */
  bytes: number;
  /** CPU per request (ms) of this process, the load generator: it shares the 2 cores with the rest. */
  clientCpuMs: number;
  /** Requests/s of the same server sending as many bytes from memory (see `api-bench-server.ts`). */
  sameBytesRate?: number;
  /** What PostgreSQL ran per request (pg_stat_statements; both undefined on a server without it). */
  statements: StatementsPerRequest;
}

type StatementStats = Awaited<ReturnType<typeof statementStats>>;
interface StatementsPerRequest {
  top: Awaited<ReturnType<StatementStats['top']>>;
  totals: Awaited<ReturnType<StatementStats['totals']>>;
}

/**
 * `pnpm bench api [--tickets 100000] [--seconds 10] [--connections 16] [--only <name>] [--profile <dir>]`: the ticket API
 * with that many tickets (two messages each, one `message.created` event per message) in
 * PostgreSQL — `GET /v1/tickets` (first page, a deep cursor page, a status filter, a rare and a common search),
 * `GET /v1/tickets/{id}/messages`, `GET /v1/customers/{id}/timeline`, the change feed and
 * `GET /v1/customers` (first page, a rare and a common search; an address and a Telegram id each) —
 * against the same server's `/healthz` as the ceiling, and each against a second ceiling: the
 * same server sending an answer of the same size from memory (an endpoint's bytes alone cost
 * what they cost on this HTTP stack and loopback, whatever builds them). Requests/s, p50/p99
 * latency, the CPU per request of the API process, of PostgreSQL and of the load generator, and
 * the statements PostgreSQL ran per request (with their planning time);
 * the server runs in its own process, the load generator (`closedLoopLoad`) keeps `connections`
 * requests in flight.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tickets: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      /** Only the endpoints whose name contains this text (the ceiling too, to profile one alone). */
      only: { type: 'string' },
      /** Write a V8 CPU profile of the API process into this directory. */
      profile: { type: 'string' },
    },
  });
  const tickets = Number(values.tickets);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const customers = Math.max(1, Math.round(tickets / 10));
  const log = benchLogger();
  const out = (line: string) => process.stdout.write(`${line}\n`);

  const postgres = await startPostgres({ settings: BENCH_POSTGRES_SETTINGS });
  const db = await createTestDatabase(postgres.url, 'bench_api');
  const pool = createPool({ url: db.url, log, max: 4 });
  try {
    await runMigrations(pool, log);
    const started = Date.now();
    await seed(pool, tickets, customers);
    out(
      `seeded ${tickets} tickets, ${tickets * 2} messages and events, ${customers} customers (two identities each) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // The deep page: at 50,000 tickets in, or halfway through a smaller set.
    const depth = Math.min(50_000, Math.floor(tickets / 2));
    const { rows } = await pool.query<{ id: string; cursor_id: string; ticket_id: string }>(
      `SELECT overlay(overlay(md5('c1') placing '4' from 13) placing '8' from 17)::uuid AS id,
              (SELECT id FROM tickets ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1) AS cursor_id,
              (SELECT id FROM tickets ORDER BY created_at DESC, id DESC LIMIT 1) AS ticket_id`,
      [depth],
    );
    const customerId = rows[0]?.id as string;
    const ticketId = rows[0]?.ticket_id as string;
    const deep = await pool.query<{ created_at: string; id: string }>(
      'SELECT created_at::text, id FROM tickets WHERE id = $1',
      [rows[0]?.cursor_id],
    );
    const cursor = Buffer.from(JSON.stringify(['c', deep.rows[0]?.created_at, deep.rows[0]?.id])).toString(
      'base64url',
    );

    const server = await startServer(db.url, values.profile);
    try {
      const targets: Target[] = [
        { name: '/healthz (ceiling)', path: '/healthz' },
        { name: 'GET /v1/tickets', path: '/v1/tickets' },
        {
          name: `GET /v1/tickets (page at ${depth.toLocaleString('en-US')})`,
          path: `/v1/tickets?cursor=${cursor}`,
        },
        { name: 'GET /v1/tickets?status=open', path: '/v1/tickets?status=open' },
        { name: 'GET /v1/tickets?q=… (search)', path: `/v1/tickets?q=${encodeURIComponent('заказ 4242')}` },
        // A word in most tickets, as helpdesk searches often are ("order", "заказ").
        { name: 'GET /v1/tickets?q=… (common word)', path: `/v1/tickets?q=${encodeURIComponent('заказ')}` },
        { name: 'GET /v1/tickets/{id}/messages', path: `/v1/tickets/${ticketId}/messages` },
        { name: 'GET /v1/customers/{id}/timeline', path: `/v1/customers/${customerId}/timeline` },
        { name: 'GET /v1/events (change feed)', path: '/v1/events' },
        { name: 'GET /v1/customers', path: '/v1/customers' },
        {
          name: 'GET /v1/customers?q=… (search)',
          path: `/v1/customers?q=${encodeURIComponent('customer4242@')}`,
        },
        // The domain of a fifth of the addresses.
        { name: 'GET /v1/customers?q=… (common)', path: '/v1/customers?q=gmail' },
      ];
      const results: Measured[] = [];
      const only = values.only;
      for (const t of targets.filter((t) => !only || t.name.includes(only))) {
        await load(server.port, server.key, t.path, connections, 1); // warm up
        // Statements counted from here (a reset), so a statement planned at every call shows.
        const statements = await statementStats(pool);
        const cpuBefore = {
          api: processCpuMs(server.pid),
          postgres: await postgresCpuMs(pool),
          client: processCpuMs(process.pid),
        };
        const m = await load(server.port, server.key, t.path, connections, seconds);
        const apiCpuMs = (processCpuMs(server.pid) - cpuBefore.api) / m.requests;
        const clientCpuMs = (processCpuMs(process.pid) - cpuBefore.client) / m.requests;
        const pgCpuMs = ((await postgresCpuMs(pool)) - cpuBefore.postgres) / m.requests;
        const perRequest = {
          top: await statements.top(2, m.requests),
          totals: await statements.totals(m.requests),
        };
        // Right after, the same size from memory: the ceiling for an answer of this size.
        const sameBytes =
          t.path === '/healthz'
            ? undefined
            : await load(
                server.port,
                server.key,
                `/bench/bytes/${Math.round(m.bytes)}`,
                connections,
                seconds,
              );
        results.push({
          name: t.name,
          path: t.path,
          ...m,
          apiCpuMs,
          postgresCpuMs: pgCpuMs,
          clientCpuMs,
          sameBytesRate: sameBytes?.rate,
          statements: perRequest,
        });
        out(
          `${t.name}: ${Math.round(m.rate)} req/s, p99 ${m.p99Ms.toFixed(1)} ms${m.errors ? `, ${m.errors} errors` : ''}${sameBytes ? ` (the same bytes from memory: ${Math.round(sameBytes.rate)} req/s${sameBytes.errors ? `, ${sameBytes.errors} errors` : ''})` : ''}`,
        );
      }
      const ceiling = results.find((r) => r.path === '/healthz')?.rate ?? Number.NaN;
      out('');
      out(
        table([
          [
            'endpoint',
            'req/s',
            'p50 ms',
            'p99 ms',
            'of /healthz',
            'of same bytes',
            'API CPU ms/req',
            'PG CPU ms/req',
            'client CPU ms/req',
            'bytes/answer',
          ],
          ...results.map((r) => [
            r.name,
            r.rate,
            r.p50Ms,
            r.p99Ms,
            `${((100 * r.rate) / ceiling).toFixed(1)}%`,
            r.sameBytesRate ? `${((100 * r.rate) / r.sameBytesRate).toFixed(1)}%` : '',
            r.apiCpuMs,
            r.postgresCpuMs,
            r.clientCpuMs,
            Math.round(r.bytes),
          ]),
        ]),
      );
      const file = await writeResult('api', {
        benchmark: 'api',
        at: new Date().toISOString(),
        params: { tickets, messages: tickets * 2, customers, seconds, connections },
        servers: { postgres: postgres.source },
        machine: { cpus: cpus().length, node: process.version },
        results,
        apiPeakRssMb: server.peakRssMb(),
      });
      for (const r of results)
        if (r.path !== '/healthz')
          for (const line of statementLines(
            `${r.name}, PostgreSQL per request:`,
            r.statements.top,
            r.statements.totals,
          ))
            out(line);
      out(`API process peak RSS: ${server.peakRssMb()} MB`);
      out(`\nresults: ${file}`);
    } finally {
      await server.stop();
    }
  } finally {
    await pool.end();
    await db.drop();
    await postgres.stop();
  }
}

/**
 * Tickets spread over customers and channels, newest first by creation, two messages each
 * (Russian, English, Japanese text) on the ticket's channel, as threading stores them.
 */
export async function seed(pool: Pool, tickets: number, customers: number): Promise<void> {
  await pool.query(
    `INSERT INTO customers (id, display_name, created_at) SELECT overlay(overlay(md5('c' || i) placing '4' from 13) placing '8' from 17)::uuid, 'Customer ' || i, now() - i * interval '1 minute'
       FROM generate_series(1, $1) i`,
    [customers],
  );
  // Each with an address (a fifth of them at each of five domains) and the Telegram id its messages come from.
  await pool.query(
    `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified, created_at)
     SELECT gen_random_uuid(), overlay(overlay(md5('c' || i) placing '4' from 13) placing '8' from 17)::uuid, x.kind, x.value, x.value, true,
            now() - i * interval '1 minute'
       FROM generate_series(1, $1) i,
            LATERAL (VALUES ('email', 'customer' || i || '@' || (ARRAY['gmail.com','mail.ru','yandex.ru','example.com','shop.example'])[i % 5 + 1]),
                            ('telegram', 'u' || i)) x(kind, value)`,
    [customers],
  );
  const chunk = 20_000;
  for (let from = 1; from <= tickets; from += chunk) {
    const to = Math.min(tickets, from + chunk - 1);
    await pool.query(
      `INSERT INTO tickets (id, customer_id, subject, channel, account, status, created_at, updated_at, message_count, last_message_at, channels)
       SELECT overlay(overlay(md5('t' || i) placing '4' from 13) placing '8' from 17)::uuid, overlay(overlay(md5('c' || (i % $3 + 1)) placing '4' from 13) placing '8' from 17)::uuid, 'Заказ ' || i || ' / order ' || i,
              (ARRAY['telegram','email','viber','vk'])[i % 4 + 1], 'main', (ARRAY['open','pending','resolved','closed'])[i % 4 + 1],
              now() - i * interval '1 second', now() - i * interval '1 second', 2, now() - i * interval '1 second',
              ARRAY[(ARRAY['telegram','email','viber','vk'])[i % 4 + 1]]
         FROM generate_series($1::int, $2::int) i`,
      [from, to, customers],
    );
    await pool.query(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text, sender)
       SELECT overlay(overlay(md5('m' || i || '-' || k) placing '4' from 13) placing '8' from 17)::uuid, overlay(overlay(md5('t' || i) placing '4' from 13) placing '8' from 17)::uuid, overlay(overlay(md5('c' || (i % $3 + 1)) placing '4' from 13) placing '8' from 17)::uuid, 'inbound',
              (ARRAY['telegram','email','viber','vk'])[i % 4 + 1], 'main', 'ext-' || i || '-' || k,
              now() - i * interval '1 second' + k * interval '1 millisecond', now() - i * interval '1 second' + k * interval '1 millisecond',
              CASE k WHEN 1 THEN 'Где мой заказ номер ' || i || '? Where is my order?' ELSE '注文番号 ' || i || ' はまだ届いていません' END,
              jsonb_build_object('externalId', 'u' || (i % $3 + 1))
         FROM generate_series($1::int, $2::int) i, generate_series(1, 2) k`,
      [from, to, customers],
    );
    await pool.query(
      `INSERT INTO events (id, type, occurred_at, data)
       SELECT gen_random_uuid(), 'message.created', now() - i * interval '1 second' + k * interval '1 millisecond',
              jsonb_build_object('ticketId', overlay(overlay(md5('t' || i) placing '4' from 13) placing '8' from 17)::uuid,
                'messageId', overlay(overlay(md5('m' || i || '-' || k) placing '4' from 13) placing '8' from 17)::uuid, 'direction', 'inbound')
         FROM generate_series($1::int, $2::int) i, generate_series(1, 2) k`,
      [from, to],
    );
  }
  // As autovacuum would have done on a database that grew over time (and it empties the GIN
  // indexes' pending lists, which every search would otherwise scan).
  await pool.query('VACUUM ANALYZE');
}

async function startServer(
  databaseUrl: string,
  profileDir?: string,
): Promise<{ port: number; key: string; pid: number; peakRssMb(): number; stop(): Promise<void> }> {
  const child = fork(join(__dirname, 'api-bench-server.ts'), [], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    execArgv: [...process.execArgv, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    stdio: 'inherit',
  });
  const info = await new Promise<{ port: number; key: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; key: string }));
    child.once('exit', (code) => reject(new Error(`API server exited with ${code}`)));
  });
  const pid = child.pid as number;
  return {
    ...info,
    pid,
    peakRssMb: () => {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Math.round(Number(hwm?.[1]) / 1024);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

const load = (port: number, key: string, path: string, connections: number, seconds: number) =>
  closedLoopLoad(port, path, { authorization: `Bearer ${key}` }, connections, seconds);
