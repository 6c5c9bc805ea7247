import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBootstrapKey } from '@omni/service-kit';
import { percentile, RESULTS_DIR, table, writeResult } from './bench-kit';
import { PLAIN_LOAD, startLoad } from './e2e/load-client';
import type { LoadPlan, LoadResult } from './e2e/load-process';
import { ADAPTER_OF, CHANNELS, type Channel, System, systemEnv } from './e2e/system';
import { trivialCeiling } from './e2e.bench';

/**
 * `pnpm bench adapter [--channel telegram] [--count N] [--warmup N] [--concurrency C] [--rate R] [--log-level L] [--profile]`:
 * one channel adapter alone (its own process, real Kafka and PostgreSQL, no consumer behind it),
 * fed signed webhooks from the load process, and its CPU per accepted webhook read from /proc —
 * for the warm-up webhooks (JIT, first connections) and for the steady state after them,
 * separately. The ceiling is the trivial route on the same service-kit HTTP stack, measured
 * the same way (warmed up, then CPU per request). `--rate` paces the webhooks (a quiet hour
 * rather than a flood) and measures the trivial route at the same pace too. `--profile` writes
 * a V8 CPU profile of the adapter into the log dir (the whole life of the process: make
 * `--count` large against `--warmup`).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      channel: { type: 'string', default: 'telegram' },
      count: { type: 'string', default: '5000' },
      warmup: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '16' },
      /** Webhooks per second (paced, as an adapter sees a steady day) instead of as fast as it takes them. */
      rate: { type: 'string' },
      // Production's level: per-request logging at info is part of what a webhook costs.
      'log-level': { type: 'string', default: 'info' },
      'trivial-seconds': { type: 'string', default: '5' },
      profile: { type: 'boolean', default: false },
      env: { type: 'string', multiple: true },
    },
  });
  const channel = values.channel as Channel;
  if (!CHANNELS.includes(channel)) throw new Error(`--channel: one of ${CHANNELS.join(', ')}`);
  const service = ADAPTER_OF[channel];
  const count = Number(values.count);
  const warmup = Number(values.warmup);
  const concurrency = Number(values.concurrency);
  const rate = values.rate ? Number(values.rate) : undefined;
  const runId = randomBytes(4).toString('hex');
  const logDir = join(RESULTS_DIR, `adapter-logs-${runId}`);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const t0 = Date.now();
  const step = (s: string) => out(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${s}`);
  out(
    `adapter benchmark: ${service}, ${warmup} warm-up + ${count} webhooks, concurrency ${concurrency}; logs in ${logDir}`,
  );

  const system = await System.start(
    {
      servers: 'env',
      partitions: 3,
      logLevel: values['log-level'] as string,
      automation: false,
      logDir,
      services: [service],
      profile: values.profile ? [service] : [],
      ...systemEnv(values.env),
    },
    step,
  );
  const adapter = system.service(service);
  // The email adapter's MIME route takes the helpdesk's API key, which the ticket service
  // creates in the whole system; alone, the adapter would refuse every email (401).
  if (channel === 'email') await ensureBootstrapKey(system.pool, system.apiKey);
  // Two loads on one process: distinct run ids keep their platform message ids apart.
  const phase = async (id: string, n: number) => {
    const plan: LoadPlan = {
      mode: 'messages',
      targets: system.targets,
      runId: id,
      count: n,
      concurrency,
      channels: [channel],
      customers: Math.max(10, Math.round(n / 5)),
      // Every webhook a new message without attachment: the hot path, nothing fetched from the platform.
      ...PLAIN_LOAD,
      ...(rate ? { rate } : {}),
      seed: 42,
    };
    const cpuBefore = adapter.cpuMs();
    const result: LoadResult = await startLoad(plan).result;
    const cpuMs = adapter.cpuMs() - cpuBefore;
    const seconds = (result.endedAt - result.startedAt) / 1000;
    const accepted = result.accepted.length;
    if (accepted < n)
      throw new Error(`${id}: only ${accepted}/${n} accepted ${JSON.stringify(result.statuses)}`);
    return {
      accepted,
      seconds,
      perSecond: accepted / seconds,
      cpuMsPerWebhook: cpuMs / accepted,
      p50Ms: percentile(result.latenciesMs, 50),
      p99Ms: percentile(result.latenciesMs, 99),
    };
  };
  let warm: Awaited<ReturnType<typeof phase>>;
  let steady: Awaited<ReturnType<typeof phase>>;
  let peakRssMb: number;
  try {
    warm = await phase(`${runId.slice(0, 6)}w0`, warmup);
    step(
      `warm-up: ${warm.accepted} in ${warm.seconds.toFixed(1)} s, ${warm.cpuMsPerWebhook.toFixed(3)} ms CPU each`,
    );
    // The second run id differs in its first six hex digits (platform ids are derived from them).
    const steadyId = `${((Number.parseInt(runId.slice(0, 6), 16) + 1) % 0x1000000).toString(16).padStart(6, '0')}s1`;
    steady = await phase(steadyId, count);
    step(
      `steady: ${steady.accepted} in ${steady.seconds.toFixed(1)} s, ${steady.cpuMsPerWebhook.toFixed(3)} ms CPU each`,
    );
    peakRssMb = Math.round(adapter.peakRssKb / 1024);
  } finally {
    await system.stop();
  }
  const trivialSeconds = Number(values['trivial-seconds']);
  const trivial = await trivialCeiling(logDir, concurrency, trivialSeconds, Math.max(1, trivialSeconds / 2));
  step(
    `trivial route: ${Math.round(trivial.rate)} req/s, ${trivial.cpuMsPerRequest.toFixed(3)} ms CPU each${trivial.errors ? `, ${trivial.errors} errors` : ''}`,
  );
  // Paced, the adapter is compared with the trivial route at the same pace (see trivialCeiling).
  const pacedTrivial = rate
    ? await trivialCeiling(logDir, concurrency, Math.max(30, trivialSeconds), trivialSeconds / 2, rate)
    : undefined;
  if (pacedTrivial)
    step(
      `trivial route at ${rate}/s: ${pacedTrivial.cpuMsPerRequest.toFixed(3)} ms CPU each${pacedTrivial.errors ? `, ${pacedTrivial.errors} errors` : ''}`,
    );
  const profiles = values.profile
    ? (await readdir(join(logDir, `profile-${service}`)).catch(() => [])).map((f) =>
        join(logDir, `profile-${service}`, f),
      )
    : [];
  const report = {
    benchmark: 'adapter',
    at: new Date().toISOString(),
    params: {
      channel,
      count,
      warmup,
      concurrency,
      rate,
      logLevel: values['log-level'],
      env: values.env ?? [],
    },
    warmup: warm,
    steady,
    trivial,
    pacedTrivial,
    peakRssMb,
    ratio: {
      steadyCpuToTrivial: steady.cpuMsPerWebhook / trivial.cpuMsPerRequest,
      ...(pacedTrivial
        ? { steadyCpuToPacedTrivial: steady.cpuMsPerWebhook / pacedTrivial.cpuMsPerRequest }
        : {}),
    },
    profiles,
  };
  const file = await writeResult('adapter', report);
  out(
    [
      '',
      table([
        ['', 'count', 'per second', 'CPU ms each', 'p50 ms', 'p99 ms'],
        [`${service} warm-up`, warm.accepted, warm.perSecond, warm.cpuMsPerWebhook, warm.p50Ms, warm.p99Ms],
        [
          `${service} steady state`,
          steady.accepted,
          steady.perSecond,
          steady.cpuMsPerWebhook,
          steady.p50Ms,
          steady.p99Ms,
        ],
        [
          'trivial route (service-kit fastify)',
          trivial.requests,
          trivial.rate,
          trivial.cpuMsPerRequest,
          trivial.p50Ms,
          trivial.p99Ms,
        ],
        ...(pacedTrivial
          ? [
              [
                `trivial route at ${rate}/s`,
                pacedTrivial.requests,
                pacedTrivial.rate,
                pacedTrivial.cpuMsPerRequest,
                pacedTrivial.p50Ms,
                pacedTrivial.p99Ms,
              ],
            ]
          : []),
      ]),
      '',
      `CPU ms per webhook: warm-up ${warm.cpuMsPerWebhook.toFixed(3)}, steady ${steady.cpuMsPerWebhook.toFixed(3)} (trivial route ${trivial.cpuMsPerRequest.toFixed(3)}, ×${report.ratio.steadyCpuToTrivial.toFixed(2)}${pacedTrivial ? `; at ${rate}/s ${pacedTrivial.cpuMsPerRequest.toFixed(3)}, ×${report.ratio.steadyCpuToPacedTrivial?.toFixed(2)}` : ''}); peak RSS ${peakRssMb} MB`,
      ...(profiles.length > 0 ? [`profile: ${profiles.join(', ')}`] : []),
      `results: ${file}`,
    ].join('\n'),
  );
}
