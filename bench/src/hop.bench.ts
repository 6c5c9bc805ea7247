import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { percentile, processCpuMs, table, writeResult } from './bench-kit';

/**
 * `pnpm bench hop [--count N] [--paced-count N] [--interval MS]`: what one hop between two
 * processes costs on this machine — the raw ceiling under every per-message figure of
 * `bench e2e`, where a message crosses some thirty of them (statements, Kafka requests and
 * fetches, HTTP). Two bare Node processes (no framework) exchange 100-byte messages over
 * loopback TCP: one sends and waits for the echo, the other echoes. Measured back to back
 * (both stay busy, as at full speed) and paced (one round trip every `--interval` ms, so both
 * sleep in between, as every service does at a quiet hour), each with the two processes free
 * to run on any core and pinned to one core (`taskset`, where installed). Reported: CPU per
 * round trip of each process, from /proc, and the round trip's wall time.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string', default: '20000' },
      'paced-count': { type: 'string', default: '2000' },
      interval: { type: 'string', default: '5' },
    },
  });
  const count = Number(values.count);
  const pacedCount = Number(values['paced-count']);
  const interval = Number(values.interval);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const pinnable = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  out(
    `hop benchmark: ${count} round trips back to back, ${pacedCount} paced every ${interval} ms; ${cpus().length} cores${pinnable ? '' : ' (taskset not found: no pinned runs)'}`,
  );

  const modes: Array<{ name: string; n: number; pacedMs: number; pinned: boolean }> = [
    { name: 'back to back, any core', n: count, pacedMs: 0, pinned: false },
    { name: `paced ${interval} ms, any core`, n: pacedCount, pacedMs: interval, pinned: false },
    ...(pinnable
      ? [
          { name: 'back to back, one core', n: count, pacedMs: 0, pinned: true },
          { name: `paced ${interval} ms, one core`, n: pacedCount, pacedMs: interval, pinned: true },
        ]
      : []),
  ];
  const results: HopResult[] = [];
  for (const mode of modes) {
    const r = await roundTrips(mode.n, mode.pacedMs, mode.pinned);
    results.push({ mode: mode.name, ...r });
    out(`${mode.name}: ${r.clientCpuUs.toFixed(1)} + ${r.serverCpuUs.toFixed(1)} µs CPU per round trip`);
  }
  out('');
  out(
    table([
      ['', 'round trips', 'client CPU µs', 'echo CPU µs', 'both µs', 'wall p50 µs', 'wall p99 µs'],
      ...results.map((r) => [
        r.mode,
        r.roundTrips,
        r.clientCpuUs,
        r.serverCpuUs,
        r.clientCpuUs + r.serverCpuUs,
        r.p50Us,
        r.p99Us,
      ]),
    ]),
  );
  const file = await writeResult('hop', {
    benchmark: 'hop',
    at: new Date().toISOString(),
    params: { count, pacedCount, intervalMs: interval },
    machine: { cpus: cpus().length, node: process.version },
    results,
  });
  out(`\nresults: ${file}`);
}

interface HopResult {
  mode: string;
  roundTrips: number;
  /** CPU per round trip (µs) of the sending and of the echoing process. */
  clientCpuUs: number;
  serverCpuUs: number;
  p50Us: number;
  p99Us: number;
}

/** Echoes every chunk back; prints its port once listening. Plain JavaScript: no loader in the way. */
const ECHO = `
const net = require('node:net');
const server = net.createServer((s) => { s.setNoDelay(true); s.on('data', (d) => s.write(d)); });
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
process.on('SIGTERM', () => process.exit(0));`;

/**
 * Sends N messages of 100 bytes, each after the previous one's echo (and, paced, on a fixed
 * schedule), then prints the round trips' wall times. Waits for "go" on stdin so that its CPU
 * is read from the start line, not through its start-up.
 */
const CLIENT = `
const net = require('node:net');
const [port, n, pacedMs] = process.argv.slice(1).map(Number);
const payload = Buffer.alloc(100, 7);
const rtts = [];
process.stdin.once('data', () => {
  const s = net.connect(port, '127.0.0.1', () => {
    s.setNoDelay(true);
    let sentAt = 0n, got = 0, done = 0;
    const begun = Date.now();
    const send = () => { sentAt = process.hrtime.bigint(); got = 0; s.write(payload); };
    s.on('data', (d) => {
      got += d.length;
      if (got < payload.length) return;
      rtts.push(Number(process.hrtime.bigint() - sentAt) / 1000);
      if (++done === n) { s.end(); process.stdout.write(JSON.stringify({ rtts }) + '\\n'); return; }
      if (pacedMs > 0) setTimeout(send, Math.max(0, begun + done * pacedMs - Date.now()));
      else send();
    });
    send();
  });
});`;

async function roundTrips(n: number, pacedMs: number, pinned: boolean): Promise<Omit<HopResult, 'mode'>> {
  const launch = (script: string, extra: string[] = []): ChildProcess => {
    const argv = [process.execPath, '-e', script, ...extra];
    const [cmd, ...rest] = pinned ? ['taskset', '-c', '0', ...argv] : argv;
    return spawn(cmd as string, rest, { stdio: ['pipe', 'pipe', 'inherit'] });
  };
  const firstLine = (child: ChildProcess) =>
    new Promise<string>((resolve, reject) => {
      let buffered = '';
      child.stdout?.on('data', (d: Buffer) => {
        buffered += d.toString();
        const end = buffered.indexOf('\n');
        if (end >= 0) resolve(buffered.slice(0, end));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before answering`)));
    });
  const echo = launch(ECHO);
  try {
    const { port } = JSON.parse(await firstLine(echo)) as { port: number };
    const client = launch(CLIENT, [String(port), String(n), String(pacedMs)]);
    const answer = firstLine(client);
    // Let both settle (JIT of the start-up code, the connection) before reading CPU.
    await new Promise((r) => setTimeout(r, 300));
    const before = { client: processCpuMs(client.pid as number), echo: processCpuMs(echo.pid as number) };
    client.stdin?.write('go\n');
    const { rtts } = JSON.parse(await answer) as { rtts: number[] };
    const after = { client: processCpuMs(client.pid as number), echo: processCpuMs(echo.pid as number) };
    client.kill('SIGTERM');
    return {
      roundTrips: rtts.length,
      clientCpuUs: ((after.client - before.client) * 1000) / rtts.length,
      serverCpuUs: ((after.echo - before.echo) * 1000) / rtts.length,
      p50Us: percentile(rtts, 50),
      p99Us: percentile(rtts, 99),
    };
  } finally {
    echo.kill('SIGTERM');
  }
}
