import { type ChildProcess, execSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signVisitorToken } from '@omni/adapter-livechat';
import { createPool, runMigrations } from '@omni/db';
import { createTestDatabase, startPostgres } from '@omni/testkit';
import { WebSocket } from 'ws';
import { benchLogger, percentile, table, writeResult } from './bench-kit';
import { BENCH_TOKEN_SECRET } from './livechat-bench-server';

interface Server {
  port: number;
  key: string;
  pid: number;
  /** RSS and heap after a full garbage collection in the server, in bytes. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/**
 * `pnpm bench livechat [--sockets 10000] [--conversations 1000] [--replies 2000] [--concurrency 16]`:
 * the live-chat adapter in its own process on loopback (with threading and the ticket API,
 * as the one-process launcher runs them, on real PostgreSQL) against a bare `ws` server of
 * the same run as the ceiling.
 * 1. Idle sockets: RSS of each server before and after `sockets` visitors connect (each its
 *    own visitor and token) → memory per socket, and the ratio to a bare `ws` socket.
 * 2. Reply → visible: `conversations` visitors each write once (a ticket each) and keep their
 *    socket open; `replies` agent replies via `POST /v1/tickets/{id}/replies`, `concurrency`
 *    at a time, timed until the visitor's socket shows them; against a bare `ws` echo round
 *    trip with the same concurrency.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      sockets: { type: 'string', default: '10000' },
      conversations: { type: 'string', default: '1000' },
      replies: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '16' },
      /**
       * Think time before each reply (ms, default 0): an agent's pace, so replies find the
       * system idle (a closed loop at 0 keeps the outbox relay busy and hides its idle wait).
       */
      'gap-ms': { type: 'string', default: '0' },
    },
  });
  const sockets = Number(values.sockets);
  const conversations = Number(values.conversations);
  const replies = Number(values.replies);
  const concurrency = Number(values.concurrency);
  const gapMs = Number(values['gap-ms']);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const fdLimit = execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
  out(`file descriptors (ulimit -n): ${fdLimit}; every socket costs one in the server and one here`);

  const log = benchLogger();
  const postgres = await startPostgres();
  const db = await createTestDatabase(postgres.url, 'bench_livechat');
  const pool = createPool({ url: db.url, log, max: 4 });
  await runMigrations(pool, log);
  const raw = await startServer('raw', db.url);
  const adapter = await startServer('adapter', db.url);
  try {
    const base = `ws://127.0.0.1:${adapter.port}/channels/livechat/bench/ws`;
    const token = (visitor: string) =>
      signVisitorToken({ account: 'bench', visitor, version: 1 }, BENCH_TOKEN_SECRET);
    const adapterSocket = (visitor: string) =>
      openSocket(base, ['omni.livechat.v1', `bearer.${token(visitor)}`], 'ready');

    // 1. Idle sockets.
    const rawIdle = await idleSockets(raw, sockets, () => openSocket(`ws://127.0.0.1:${raw.port}`, [], null));
    out(`raw ws: ${sockets} idle sockets, ${rawIdle.bytesPerSocket.toFixed(0)} B each`);
    const chatIdle = await idleSockets(adapter, sockets, (i) => adapterSocket(`a-idle-${i}`));
    out(
      `live chat: ${sockets} idle sockets, ${chatIdle.bytesPerSocket.toFixed(0)} B each (heap ${chatIdle.heapBytesPerSocket.toFixed(0)} B), RSS ${chatIdle.rssBeforeMb} → ${chatIdle.rssAfterMb} MB`,
    );

    // 2. Reply → visible at `conversations` active conversations.
    const visitors = Array.from({ length: conversations }, (_, i) => `a-conv-${i}`);
    const open = await inBatches(visitors, 100, async (v) => ({ v, ...(await adapterSocket(v)) }));
    const seen = new Map<string, (at: number) => void>();
    for (const { ws } of open)
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString()) as { type: string; message?: { text: string } };
        if (f.type === 'message' && f.message) seen.get(f.message.text)?.(performance.now());
      });
    await inBatches(open, 50, async ({ ws, v }) => {
      const accepted = new Promise<void>((resolve) =>
        ws.on('message', (d) => {
          if (JSON.parse(d.toString()).type === 'accepted') resolve();
        }),
      );
      ws.send(JSON.stringify({ type: 'message', text: `hello from ${v}`, clientMessageId: 'c-1' }));
      await accepted;
    });
    const tickets = await waitForTickets(pool, conversations);
    out(`${conversations} conversations open, each with its ticket`);
    const replyLatencies = await timed(replies, concurrency, async (n) => {
      const ticketId = tickets[n % tickets.length] as string;
      const text = `reply ${n}`;
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      const started = performance.now();
      const visible = new Promise<number>((resolve) => seen.set(text, resolve));
      const res = await fetch(`http://127.0.0.1:${adapter.port}/v1/tickets/${ticketId}/replies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adapter.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      if (res.status !== 202) throw new Error(`reply: ${res.status} ${await res.text()}`);
      const at = await visible;
      seen.delete(text);
      return at - started;
    });
    for (const { ws } of open) ws.terminate();
    const echo = await openSocket(`ws://127.0.0.1:${raw.port}`, [], null);
    const echoSockets = [
      echo.ws,
      ...(
        await inBatches(Array.from({ length: concurrency - 1 }), 16, () =>
          openSocket(`ws://127.0.0.1:${raw.port}`, [], null),
        )
      ).map((s) => s.ws),
    ];
    const echoLatencies = await timed(replies, concurrency, async (n) => {
      const ws = echoSockets[n % concurrency] as WebSocket;
      const started = performance.now();
      await new Promise<void>((resolve) => {
        ws.once('message', () => resolve());
        ws.send(JSON.stringify({ type: 'message', text: `echo ${n}` }));
      });
      return performance.now() - started;
    });
    for (const ws of echoSockets) ws.terminate();

    const p = (v: number[], q: number) => percentile(v, q);
    const results = {
      idle: {
        sockets,
        raw: rawIdle,
        livechat: chatIdle,
        ratioToRaw: chatIdle.bytesPerSocket / rawIdle.bytesPerSocket,
      },
      replyToVisible: {
        conversations,
        replies,
        concurrency,
        gapMs,
        p50Ms: p(replyLatencies, 50),
        p99Ms: p(replyLatencies, 99),
        rawEchoP50Ms: p(echoLatencies, 50),
        rawEchoP99Ms: p(echoLatencies, 99),
      },
    };
    out('');
    out(
      table([
        ['measure', 'live chat', 'raw ws', 'ratio'],
        [
          'memory per idle socket (B)',
          Math.round(chatIdle.bytesPerSocket),
          Math.round(rawIdle.bytesPerSocket),
          results.idle.ratioToRaw.toFixed(1),
        ],
        [
          'heap per idle socket (B)',
          Math.round(chatIdle.heapBytesPerSocket),
          Math.round(rawIdle.heapBytesPerSocket),
          (chatIdle.heapBytesPerSocket / rawIdle.heapBytesPerSocket).toFixed(1),
        ],
        [
          `RSS with ${sockets} sockets (MB)`,
          chatIdle.rssAfterMb,
          rawIdle.rssAfterMb,
          (chatIdle.rssAfterMb / rawIdle.rssAfterMb).toFixed(1),
        ],
        [
          'reply → visible p50 (ms) / echo',
          results.replyToVisible.p50Ms,
          results.replyToVisible.rawEchoP50Ms,
          (results.replyToVisible.p50Ms / results.replyToVisible.rawEchoP50Ms).toFixed(0),
        ],
        [
          'reply → visible p99 (ms) / echo',
          results.replyToVisible.p99Ms,
          results.replyToVisible.rawEchoP99Ms,
          (results.replyToVisible.p99Ms / results.replyToVisible.rawEchoP99Ms).toFixed(0),
        ],
      ]),
    );
    const file = await writeResult('livechat', {
      benchmark: 'livechat',
      at: new Date().toISOString(),
      params: { sockets, conversations, replies, concurrency, fdLimit },
      servers: { postgres: postgres.source },
      machine: {
        cpus: cpus().length,
        node: process.version,
        load: readFileSync('/proc/loadavg', 'utf8').trim(),
      },
      results,
    });
    out(`\nresults: ${file}`);
  } finally {
    await adapter.stop();
    await raw.stop();
    await pool.end();
    await db.drop();
    await postgres.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens `n` sockets (100 at a time), lets the server settle, and reads its memory growth. */
async function idleSockets(
  server: Server,
  n: number,
  connect: (i: number) => Promise<{ ws: WebSocket }>,
): Promise<{
  rssBeforeMb: number;
  rssAfterMb: number;
  bytesPerSocket: number;
  heapBytesPerSocket: number;
}> {
  await sleep(1000);
  const before = await server.memory();
  const opened = await inBatches(
    Array.from({ length: n }, (_, i) => i),
    100,
    connect,
  );
  await sleep(3000);
  const after = await server.memory();
  for (const { ws } of opened) ws.terminate();
  await sleep(1000);
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return {
    rssBeforeMb: mb(before.rss),
    rssAfterMb: mb(after.rss),
    bytesPerSocket: (after.rss - before.rss) / n,
    heapBytesPerSocket: (after.heapUsed - before.heapUsed) / n,
  };
}

/** A socket, open (and, for the live chat, past its `ready` frame). */
function openSocket(url: string, protocols: string[], readyFrame: string | null): Promise<{ ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
    ws.once('error', reject);
    if (readyFrame === null) ws.once('open', () => resolve({ ws }));
    else
      ws.on('message', function ready(data) {
        if ((JSON.parse(data.toString()) as { type: string }).type !== readyFrame) return;
        ws.off('message', ready);
        resolve({ ws });
      });
  });
}

async function inBatches<T, R>(
  items: T[],
  size: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return results;
}

/** `count` timed operations, `concurrency` in flight; their durations in ms. */
async function timed(
  count: number,
  concurrency: number,
  op: (n: number) => Promise<number>,
): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) durations.push(await op(next++));
    }),
  );
  return durations;
}

async function waitForTickets(pool: import('@omni/db').Pool, n: number): Promise<string[]> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await pool.query<{ ticket_id: string }>(
      "SELECT DISTINCT ticket_id FROM messages WHERE channel = 'livechat' AND direction = 'inbound'",
    );
    if (rows.length >= n) return rows.map((r) => r.ticket_id);
    await sleep(500);
  }
  throw new Error('the conversations did not all reach a ticket');
}

async function startServer(mode: 'raw' | 'adapter', databaseUrl: string): Promise<Server> {
  const child: ChildProcess = fork(join(__dirname, 'livechat-bench-server.ts'), [mode], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: 'inherit',
  });
  const info = await new Promise<{ port: number; key?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; key?: string }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  return {
    port: info.port,
    key: info.key ?? '',
    pid: child.pid as number,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { rss: number; heapUsed: number }));
        child.send({ measure: true });
      }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}
