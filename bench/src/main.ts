import { parseArgs } from 'node:util';

/**
 * `pnpm bench <name> [--flags]`: every benchmark is one line here, loaded only when run.
 * A benchmark module exports `run(args)`; see `bench-kit.ts` for the shared helpers
 * (servers, percentiles, result files, tables).
 */
const BENCHES: Record<
  string,
  { about: string; load: () => Promise<{ run(args: string[]): Promise<void> }> }
> = {
  threading: {
    about:
      'inbound messages through threading vs raw Kafka and PostgreSQL (--count, --customers, --partitions)',
    load: () => import('./threading.bench'),
  },
  email: {
    about: 'a 1,000-message Dovecot mailbox ingested from scratch by the email adapter (--count, --batch)',
    load: () => import('../../services/adapter-email/bench/email-ingest.bench'),
  },
  e2e: {
    about:
      'every service as its own process (or all in one: --layout standalone, standalone-memory; the adapters in one: grouped-adapters), signed webhooks/forms/emails from a load process, vs raw ceilings (--quick, --count, --concurrency, --rate, --env, --profile, --waits)',
    load: () => import('./e2e.bench'),
  },
  adapter: {
    about:
      'one channel adapter alone on real Kafka: CPU per webhook, warm-up and steady state, vs the trivial route (--channel, --count, --warmup, --concurrency, --log-level, --profile, --env)',
    load: () => import('./adapter.bench'),
  },
  livechat: {
    about:
      'live chat: memory per idle socket and reply → visible p50/p99 vs a bare ws server (--sockets, --conversations, --replies, --concurrency)',
    load: () => import('./livechat.bench'),
  },
  idle: {
    about:
      'the whole system of `e2e` with no load: CPU ms/s per process, PostgreSQL statements/s, Kafka consumer groups (--settle, --seconds, --env, --profile)',
    load: () => import('./idle.bench'),
  },
  hop: {
    about:
      'one hop between two processes (loopback TCP echo): CPU per round trip back to back and paced, on any core and on one (--count, --paced-count, --interval)',
    load: () => import('./hop.bench'),
  },
  api: {
    about:
      'ticket API req/s and p99 with 100,000 tickets vs /healthz and vs the same bytes from memory (--tickets, --seconds, --connections, --only, --profile)',
    load: () => import('./api.bench'),
  },
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    const list = Object.entries(BENCHES)
      .map(([n, b]) => `  ${n.padEnd(12)} ${b.about}`)
      .join('\n');
    process.stderr.write(`usage: pnpm bench <name> [--flags]\n\n${list}\n`);
    process.exitCode = name ? 2 : 0;
    return;
  }
  // Reject unknown flags early only for --help; each bench parses its own.
  if (parseArgs({ args: rest, strict: false }).values.help) {
    process.stdout.write(`${name}: ${bench.about}\n`);
    return;
  }
  await (await bench.load()).run(rest);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
