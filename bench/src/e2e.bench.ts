import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitFor } from '@omni/testkit';
import {
  benchLogger,
  kafkaCpuMs,
  kafkaRecordCounts,
  machineTicks,
  percentile,
  postgresCpuMs,
  postgresWrites,
  RESULTS_DIR,
  sampleWaits,
  statementLines,
  statementStats,
  table,
  writeResult,
} from './bench-kit';
import { closedLoopLoad } from './closed-loop-load';
import { storedTokens, tally, visibleLatenciesMs, waitStored } from './e2e/check';
import { PLAIN_LOAD, startLoad } from './e2e/load-client';
import type { LoadPlan, LoadResult } from './e2e/load-process';
import { TRIVIAL_BODY } from './e2e/messages';
import { REPLY_CHANNELS, ReplyMix, type ReplyMixResult, repliesNotArrived } from './e2e/reply-mix';
import { Supervised } from './e2e/supervisor';
import { CHANNELS, LAYOUTS, type Layout, System, systemEnv } from './e2e/system';
import { rawKafka, rawPostgres } from './threading.bench';
import { benchData } from './threading-data';

/**
 * `pnpm bench e2e [--quick] [--count N] [--concurrency C] [--rate R] [--partitions P] [--env K=V] [--layout L]`:
 * the whole system in distributed mode (every service its own process on real Kafka and
 * PostgreSQL; `--layout standalone`: all in one process, `standalone-memory`: on its in-process bus,
 * `grouped-adapters`: the adapters in one process),
 * driven from a separate load process with signed Telegram, Viber, Messenger and VK
 * webhooks, web-form posts and raw emails (duplicates, replies, attachments), then the raw
 * ceilings of the same machine in the same run: kafkajs produce+consume, PostgreSQL
 * multi-row insert and a trivial route on the service-kit HTTP server.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      /** New messages per second (paced, a steady day) instead of as fast as the system takes them. */
      rate: { type: 'string' },
      partitions: { type: 'string', default: '3' },
      customers: { type: 'string' },
      duplicates: { type: 'string', default: '0.05' },
      attachments: { type: 'string', default: '0.05' },
      'no-automation': { type: 'boolean', default: false },
      /** `distributed` (default), `standalone` (one process on Kafka), `standalone-memory` (its in-process bus) or `grouped-adapters`. */
      layout: { type: 'string', default: 'distributed' },
      /**
       * Share of inbound messages on channels with a fake platform (telegram, viber, facebook, vk)
       * that get an agent reply through the API, each followed by the platform's status callbacks
       * (0 = inbound only, as before).
       */
      replies: { type: 'string', default: '0.5' },
      'ceiling-count': { type: 'string' },
      /** `KEY=VALUE` for every service, `service:KEY=VALUE` for one (repeatable): compare settings in one harness. */
      env: { type: 'string', multiple: true },
      /** Write a V8 CPU profile of these services (comma-separated) into the log dir. */
      profile: { type: 'string' },
      /** Sample what PostgreSQL's backends wait on during the load, and who blocks them (every 20 ms). */
      waits: { type: 'boolean', default: false },
    },
  });
  const layout = values.layout as Layout;
  if (!LAYOUTS.includes(layout)) throw new Error(`--layout must be one of ${LAYOUTS.join(', ')}`);
  const quick = values.quick;
  const count = Number(values.count ?? (quick ? 1_200 : 200_000));
  const concurrency = Number(values.concurrency ?? (quick ? 16 : 64));
  const partitions = Number(values.partitions);
  const customers = Number(values.customers ?? Math.max(10, Math.round(count / 5)));
  const ceilingCount = Number(values['ceiling-count'] ?? (quick ? 5_000 : Math.min(count, 100_000)));
  const runId = randomBytes(4).toString('hex');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const log = benchLogger();
  const logDir = join(RESULTS_DIR, `e2e-logs-${runId}`);
  const t0 = Date.now();
  const step = (s: string) => out(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${s}`);

  out(
    `e2e benchmark${quick ? ' (quick)' : ''}, ${layout} layout: ${count} messages over ${CHANNELS.join(', ')}, concurrency ${concurrency}, ${partitions} partitions; logs in ${logDir}`,
  );
  const system = await System.start(
    {
      servers: 'env',
      partitions,
      logLevel: 'warn',
      automation: !values['no-automation'],
      layout,
      logDir,
      profile: values.profile?.split(',') ?? [],
      ...systemEnv(values.env),
    },
    step,
  );
  try {
    const plan: LoadPlan = {
      mode: 'messages',
      targets: system.targets,
      runId,
      count,
      concurrency,
      ...(values.rate ? { rate: Number(values.rate) } : {}),
      channels: [...CHANNELS],
      customers,
      duplicateShare: Number(values.duplicates),
      attachmentShare: Number(values.attachments),
      replyShare: 0.5,
      retries: 3,
      retryBaseMs: 500,
      requestTimeoutMs: 30_000,
      seed: 42,
    };
    const cpuBefore = new Map([...system.services].map(([n, s]) => [n, s.cpuMs()]));
    const postgresCpuBefore = await postgresCpuMs(system.pool);
    const kafkaCpuBefore = kafkaCpuMs(system.kafka?.dataDir);
    const kafkaRecordsBefore = await kafkaRecordCounts(system.brokers);
    const writesBefore = await postgresWrites(system.pool);
    // Where PostgreSQL's time goes, statement by statement (pg_stat_statements, see statementStats).
    const statements = await statementStats(system.pool);
    const machineBefore = machineTicks();
    const waitSampler = values.waits ? sampleWaits(system.pool) : undefined;
    const load = startLoad(plan);
    const replyShare = Number(values.replies);
    const mix =
      replyShare > 0 ? new ReplyMix(system, runId, replyShare, () => load.progress().unique) : undefined;
    mix?.start();
    // The services' CPU once half the messages were accepted: from there to the end of the
    // load is the steady state (JIT warm-up and first connections behind).
    let halfway: { accepted: number; cpu: Map<string, number> } | undefined;
    const ticker = setInterval(
      () => {
        const p = load.progress();
        const m = mix?.progress();
        step(
          `load: ${p.unique}/${count} sent, ${p.accepted} accepted, ${p.requests} requests${m ? `; replies ${m.replies} accepted, ${m.reached} at the fakes, ${m.statuses} status webhooks` : ''}`,
        );
        if (!halfway && p.accepted >= count / 2)
          halfway = {
            accepted: p.accepted,
            cpu: new Map([...system.services].map(([n, s]) => [n, s.cpuMs()])),
          };
      },
      quick ? 5_000 : 10_000,
    );
    const result = await load.result.finally(() => clearInterval(ticker));
    const waits = await waitSampler?.stop();
    const cpuAtLoadEnd = new Map([...system.services].map(([n, s]) => [n, s.cpuMs()]));
    const machineAfter = machineTicks();
    // Share of all cores busy during the load (every process on the machine, ours or not).
    const machineBusy =
      (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);
    const loadSeconds = (result.endedAt - result.startedAt) / 1000;
    step(`load done: ${result.accepted.length} accepted in ${loadSeconds.toFixed(1)} s`);
    const waited = await waitStored(system.pool, runId, result.accepted, 120_000);
    const drainedAt = Date.now();
    // The replies of the last stored messages, their sends and status callbacks, inside the CPU window.
    const replies: ReplyMixResult | undefined = await mix?.finish(120_000);
    if (replies) {
      const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      step(
        `replies: ${replies.replyStatuses['202'] ?? 0} accepted by the API ${JSON.stringify(replies.replyStatuses)}, ${sum(replies.reachedFake)} reached the fakes ${JSON.stringify(replies.reachedFake)}, ${repliesNotArrived(replies)}; ${sum(replies.statusWebhooks)} status webhooks ${JSON.stringify(replies.statusWebhooks)} ${JSON.stringify(replies.statusWebhookStatuses)}`,
      );
    }
    const mixEndedAt = Date.now();
    const stored = await storedTokens(system.pool, runId);
    const counts = tally(result.accepted.length + result.refused.length, result.accepted, stored);
    const visible = await visibleLatenciesMs(system.pool, runId);
    step(
      `stored ${counts.stored} (lost ${counts.lost}, doubled ${counts.doubled}${waited.stalled ? ', STALLED' : ''})`,
    );
    // Where the machine's CPU went during the load and the drain (2 cores = 2,000 ms per second).
    const cpuSeconds: Record<string, number> = Object.fromEntries(
      [...system.services].map(([n, s]) => [n, Math.round((s.cpuMs() - (cpuBefore.get(n) ?? 0)) / 100) / 10]),
    );
    // Its backends are the postgres service's children: counted here, not in its own process.
    cpuSeconds['postgres (all backends)'] =
      Math.round(((await postgresCpuMs(system.pool)) - postgresCpuBefore) / 100) / 10;
    // The broker's JVM, when the bench started it (a broker elsewhere is not measured).
    const kafkaCpu = kafkaCpuMs(system.kafka?.dataDir) - kafkaCpuBefore;
    if (!Number.isNaN(kafkaCpu)) cpuSeconds['kafka broker'] = Math.round(kafkaCpu / 100) / 10;
    // Records each topic took per accepted message; `__consumer_offsets` counts offset commits.
    const kafkaRecordsAfter = await kafkaRecordCounts(system.brokers);
    const kafkaRecordsPerMessage = [...kafkaRecordsAfter]
      .map(
        ([topic, n]) =>
          [topic, (n - (kafkaRecordsBefore.get(topic) ?? 0)) / Math.max(1, result.accepted.length)] as const,
      )
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    // PostgreSQL transactions and rows written per accepted message (every table, every service).
    const writesAfter = await postgresWrites(system.pool);
    const perMessage = (n: number) => Math.round((n * 100) / Math.max(1, result.accepted.length)) / 100;
    const topStatements = await statements.top(15, Math.max(1, result.accepted.length));
    const frequentStatements = await statements.top(25, Math.max(1, result.accepted.length), 'calls');
    const statementTotals = await statements.totals(Math.max(1, result.accepted.length));
    const postgresWritesPerMessage = {
      transactions: perMessage(writesAfter.transactions - writesBefore.transactions),
      rowsInserted: perMessage(writesAfter.inserted - writesBefore.inserted),
      rowsUpdated: perMessage(writesAfter.updated - writesBefore.updated),
      rowsDeleted: perMessage(writesAfter.deleted - writesBefore.deleted),
    };
    // CPU per accepted message per process (ms), the issue's yardstick: ≤ 1 ms over all of them.
    const cpuMsPerMessage = Object.fromEntries(
      Object.entries(cpuSeconds).map(([n, c]) => [
        n,
        Math.round((c * 1_000_000) / Math.max(1, result.accepted.length)) / 1000,
      ]),
    );
    // An adapter's CPU per webhook it accepted: over the whole run (JIT warm-up and idle time
    // included: a short run shows mostly that), and at steady state, from halfway to the end of
    // the load (its webhooks then estimated from the channel's share of all accepted).
    const cpuMsPerWebhook = Object.fromEntries(
      Object.entries(result.perChannel).map(([c, v]) => {
        const name = `adapter-${c}`;
        const whole = ((cpuSeconds[name] ?? Number.NaN) * 1000) / Math.max(1, v.accepted);
        const share = v.accepted / Math.max(1, result.accepted.length);
        const steady = halfway
          ? ((cpuAtLoadEnd.get(name) ?? Number.NaN) - (halfway.cpu.get(name) ?? Number.NaN)) /
            Math.max(1, (result.accepted.length - halfway.accepted) * share)
          : Number.NaN;
        return [c, { whole: Math.round(whole * 1000) / 1000, steady: Math.round(steady * 1000) / 1000 }];
      }),
    );
    // The mix: outbound replies and status callbacks next to the inbound, over load + drain.
    const mixSeconds = (mixEndedAt - result.startedAt) / 1000;
    const sumOf = (r: Record<string, number> | undefined) =>
      Object.values(r ?? {}).reduce((a, b) => a + b, 0);
    const repliesSent = sumOf(replies?.reachedFake);
    const statusWebhooks = sumOf(replies?.statusWebhooks);
    const cpuTotalMs = Object.values(cpuSeconds).reduce((a, b) => a + b, 0) * 1000;
    const mixReport = replies && {
      share: replyShare,
      channels: REPLY_CHANNELS,
      ...replies,
      repliesPerInbound: Math.round((repliesSent / Math.max(1, result.accepted.length)) * 1000) / 1000,
      statusWebhooksPerReply: Math.round((statusWebhooks / Math.max(1, repliesSent)) * 100) / 100,
      perSecond: {
        inbound: Math.round(result.accepted.length / mixSeconds),
        replies: Math.round(repliesSent / mixSeconds),
        statusWebhooks: Math.round(statusWebhooks / mixSeconds),
      },
      // Every platform message the system handled: inbound webhooks, replies sent, status callbacks.
      cpuMsPerPlatformMessage:
        Math.round((cpuTotalMs / Math.max(1, result.accepted.length + repliesSent + statusWebhooks)) * 1000) /
        1000,
    };
    if (mix) {
      await new Promise((r) => setTimeout(r, 5_000));
      const deliveryStatuses = await mix.deliveryStatuses();
      Object.assign(mixReport ?? {}, { deliveryStatuses });
      step(`outbound messages by channel:delivery status ${JSON.stringify(deliveryStatuses)}`);
    }
    const rss = Object.fromEntries([...system.services].map(([n, s]) => [n, Math.round(s.peakRssKb / 1024)]));
    const restarts = Object.fromEntries([...system.services].map(([n, s]) => [n, s.exits.length]));
    await Promise.all([...system.services.values()].map((s) => s.stop()));
    step('services stopped; measuring the raw ceilings');

    const records = benchData({ count: ceilingCount, customers: Math.max(1, Math.round(ceilingCount / 10)) });
    const servers = {
      brokers: system.brokers,
      adminUrl: system.adminUrl,
      source: { kafka: 'env' as const, postgres: 'e2e' },
      stop: async () => {},
    };
    // A broker with a small message.max.bytes (a shared dev cluster) refuses the ceiling's 5,000-record batches.
    const failed = (err: unknown) => ({ error: String(err), rate: Number.NaN, seconds: Number.NaN });
    // At least 6 partitions, as `pnpm bench threading`: a produce request carries 5,000 records, and on
    // fewer partitions one partition's share of them exceeds the broker's 1 MB message.max.bytes.
    const kafka = await rawKafka(servers, records, Math.max(6, partitions), log).catch(failed);
    step(`raw kafkajs produce+consume: ${Math.round(kafka.rate)} msgs/s`);
    const postgres = await rawPostgres(servers, records, partitions, log).catch(failed);
    step(`raw PostgreSQL multi-row insert: ${Math.round(postgres.rate)} rows/s`);
    const http = await trivialCeiling(logDir, concurrency, quick ? 3 : 10);
    step(`trivial route: ${Math.round(http.rate)} req/s${http.errors ? `, ${http.errors} errors` : ''}`);

    const accepted = result.accepted.length;
    const acceptedPerSecond = accepted / loadSeconds;
    const endToEndPerSecond = accepted / ((drainedAt - result.startedAt) / 1000);
    const lat = (v: number[]) => ({
      p50: percentile(v, 50),
      p99: percentile(v, 99),
      p999: percentile(v, 99.9),
      max: percentile(v, 100),
    });
    const webhook = lat(result.latenciesMs);
    const visibility = lat(visible);
    const report = {
      benchmark: 'e2e',
      at: new Date().toISOString(),
      params: {
        quick,
        layout,
        partitions,
        ...plan,
        targets: undefined,
        ceilingCount,
        serviceEnv: values.env ?? [],
      },
      machine: { cpus: cpus().length, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      load: {
        requests: result.requests,
        statuses: result.statuses,
        perChannel: result.perChannel,
        seconds: loadSeconds,
        acceptedPerSecond,
        requestsPerSecond: result.requests / loadSeconds,
        unexpected: result.unexpected.slice(0, 10),
      },
      endToEnd: {
        perSecond: endToEndPerSecond,
        drainSeconds: (drainedAt - result.endedAt) / 1000,
        stalled: waited.stalled,
      },
      counts,
      replyMix: mixReport,
      webhookLatencyMs: webhook,
      acceptanceToVisibleMs: visibility,
      peakRssMb: rss,
      cpuSecondsDuringLoad: cpuSeconds,
      cpuMsPerAcceptedMessage: cpuMsPerMessage,
      postgresWritesPerMessage,
      kafkaRecordsPerMessage: Object.fromEntries(kafkaRecordsPerMessage),
      topStatementsPerMessage: topStatements,
      frequentStatementsPerMessage: frequentStatements,
      statementTotalsPerMessage: statementTotals,
      adapterCpuMsPerWebhook: cpuMsPerWebhook,
      machineCpuBusyDuringLoad: machineBusy,
      serviceRestarts: restarts,
      ceilings: { kafka, postgres, http },
      ratios: {
        acceptedToHttp: acceptedPerSecond / http.rate,
        endToEndToKafka: endToEndPerSecond / kafka.rate,
        endToEndToPostgres: endToEndPerSecond / postgres.rate,
      },
    };
    const file = await writeResult('e2e', report);
    const text = [
      '',
      table([
        ['', 'per second', 'p50 ms', 'p99 ms', 'p999 ms'],
        [
          'accepted at the adapters (webhook latency)',
          acceptedPerSecond,
          webhook.p50,
          webhook.p99,
          webhook.p999,
        ],
        [
          'accepted → stored, end to end (acceptance → visible)',
          endToEndPerSecond,
          visibility.p50,
          visibility.p99,
          visibility.p999,
        ],
        ['raw kafkajs produce+consume', kafka.rate, Number.NaN, Number.NaN, Number.NaN],
        ['raw PostgreSQL multi-row insert', postgres.rate, Number.NaN, Number.NaN, Number.NaN],
        ['trivial route (service-kit fastify)', http.rate, http.p50Ms, http.p99Ms, http.p999Ms],
      ]),
      '',
      `ratios: accepted/trivial HTTP ${report.ratios.acceptedToHttp.toFixed(3)}, end-to-end/raw Kafka ${report.ratios.endToEndToKafka.toFixed(3)}, end-to-end/raw PostgreSQL ${report.ratios.endToEndToPostgres.toFixed(3)}`,
      `counts: sent ${counts.sent}, accepted ${counts.accepted}, stored ${counts.stored}, lost ${counts.lost}, doubled ${counts.doubled}, stored without 2xx ${counts.storedWithout2xx}; requests ${result.requests} ${JSON.stringify(result.statuses)}`,
      ...(mixReport
        ? [
            `reply mix (--replies ${replyShare} of ${REPLY_CHANNELS.join('/')} inbound): ${mixReport.replyStatuses['202'] ?? 0} replies accepted by the API, ${repliesSent} reached the fake platforms ${JSON.stringify(mixReport.reachedFake)}, ${repliesNotArrived(mixReport)}; reply → platform lag (a queue's, to ~0.25 s) p50 ${(mixReport.lagMs.p50 / 1000).toFixed(2)} s, p99 ${(mixReport.lagMs.p99 / 1000).toFixed(2)} s, max ${(mixReport.lagMs.max / 1000).toFixed(2)} s; ${statusWebhooks} status webhooks ${JSON.stringify(mixReport.statusWebhooks)} answered ${JSON.stringify(mixReport.statusWebhookStatuses)}; ${mixReport.repliesPerInbound} replies per inbound, ${mixReport.statusWebhooksPerReply} statuses per reply; per second over load+drain: inbound ${mixReport.perSecond.inbound}, replies ${mixReport.perSecond.replies}, statuses ${mixReport.perSecond.statusWebhooks}; CPU ms per platform message (inbound + reply + status) ${mixReport.cpuMsPerPlatformMessage}`,
          ]
        : []),
      `peak RSS MB: ${Object.entries(rss)
        .map(([n, mb]) => `${n} ${mb}`)
        .join(', ')}`,
      `CPU seconds during load and drain: ${Object.entries(cpuSeconds)
        .map(([n, c]) => `${n} ${c}`)
        .join(', ')}`,
      `CPU ms per accepted message: ${Object.entries(cpuMsPerMessage)
        .map(([n, c]) => `${n} ${c}`)
        .join(', ')} (total ${Object.values(cpuMsPerMessage)
        .reduce((a, b) => a + b, 0)
        .toFixed(2)})`,
      `Kafka records per accepted message (__consumer_offsets: offset commits): ${kafkaRecordsPerMessage
        .map(([topic, n]) => `${topic} ${n.toFixed(2)}`)
        .join(', ')}`,
      `PostgreSQL per accepted message: ${postgresWritesPerMessage.transactions} transactions, rows inserted ${postgresWritesPerMessage.rowsInserted}, updated ${postgresWritesPerMessage.rowsUpdated}, deleted ${postgresWritesPerMessage.rowsDeleted}`,
      ...statementLines(
        'PostgreSQL statements by time (calls and ms per accepted message, rows per call):',
        topStatements,
        statementTotals,
      ),
      ...statementLines(
        'PostgreSQL statements by calls (round trips) per accepted message:',
        frequentStatements,
      ),
      ...(waits
        ? [
            'PostgreSQL backends during the load (samples every 20 ms: service, on CPU or the wait, statement <- the blocker):',
            ...waits.map(([what, n]) => `  ${n} ${what}`),
          ]
        : []),
      // In a standalone layout the adapters share the one process: no figure of their own.
      ...(layout === 'distributed'
        ? [
            `adapter CPU ms per accepted webhook, whole run / steady state (second half of the load): ${Object.entries(
              cpuMsPerWebhook,
            )
              .map(([c, ms]) => `${c} ${ms.whole}/${ms.steady}`)
              .join(', ')}`,
          ]
        : []),
      `machine CPU busy during the load: ${(machineBusy * 100).toFixed(0)}% of ${cpus().length} cores`,
      `service restarts: ${JSON.stringify(restarts)}`,
      `per channel (accepted/sent, webhook p50/p99 ms): ${Object.entries(result.perChannel)
        .map(
          ([c, v]) =>
            `${c} ${v.accepted}/${v.accepted + v.refused} ${v.p50Ms?.toFixed(1)}/${v.p99Ms?.toFixed(1)}`,
        )
        .join(', ')}`,
    ].join('\n');
    out(text);
    await writeFile(file.replace(/\.json$/, '.txt'), `${text}\n`);
    out(`results: ${file} (+ .txt)`);
    if (counts.lost > 0 || counts.doubled > 0 || (replies?.missing ?? 0) > 0) process.exitCode = 1;
  } finally {
    await system.stop();
  }
}

/**
 * Requests/s of a route that does nothing, on the adapters' HTTP stack, and the server's CPU
 * per request over the measured seconds (after `warmupSeconds` of the same load, so JIT
 * warm-up stays out of it when asked). At full speed the load is {@link closedLoopLoad}, as
 * lean as wrk: Node's HTTP client in the load process held this ceiling down to 14,600–18,200
 * req/s where the same server answers 29,400–30,200 (pairs, 2026-12-06), and so flattered every
 * ratio to it. With `rate`, the measured seconds are paced at that many requests/s from the load
 * process: a server woken for each request spends several times the CPU per request it spends
 * under full load, so CPU per request at a paced rate compares only with the ceiling at the same
 * pace.
 */
export async function trivialCeiling(
  logDir: string,
  concurrency: number,
  seconds: number,
  warmupSeconds = 0,
  rate?: number,
) {
  const port = await freePort();
  const server = new Supervised({
    name: 'trivial',
    entry: 'bench/src/e2e/trivial-server.ts',
    env: { PATH: process.env.PATH, PORT: String(port) },
    logFile: join(logDir, 'trivial.log'),
  });
  const plan = (s: number, pace?: number): LoadPlan => ({
    mode: 'trivial',
    trivialUrl: `http://127.0.0.1:${port}/trivial`,
    seconds: s,
    ...(pace ? { rate: pace } : {}),
    runId: 'trivial',
    count: 0,
    concurrency,
    channels: [],
    customers: 0,
    ...PLAIN_LOAD,
    seed: 1,
  });
  const closedLoop = (s: number) =>
    closedLoopLoad(port, '/trivial', { 'content-type': 'application/json' }, concurrency, s, TRIVIAL_BODY);
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok, {
      timeoutMs: 30_000,
      description: 'trivial server',
    });
    if (warmupSeconds > 0) await (rate ? startLoad(plan(warmupSeconds)).result : closedLoop(warmupSeconds));
    const cpuBefore = server.cpuMs();
    const measured = rate ? await paced(startLoad(plan(seconds, rate)).result) : await closedLoop(seconds);
    const cpuMs = server.cpuMs() - cpuBefore;
    return {
      ...measured,
      cpuMsPerRequest: cpuMs / Math.max(1, measured.requests),
      peakRssMb: Math.round(server.peakRssKb / 1024),
    };
  } finally {
    await server.stop();
  }
}

/** A paced trivial load's result in {@link closedLoopLoad}'s terms. */
async function paced(result: Promise<LoadResult>) {
  const r = await result;
  const requests = r.requests;
  return {
    requests,
    errors: requests - (r.statuses[200] ?? 0),
    rate: requests / ((r.endedAt - r.startedAt) / 1000),
    p50Ms: percentile(r.latenciesMs, 50),
    p99Ms: percentile(r.latenciesMs, 99),
    p999Ms: percentile(r.latenciesMs, 99.9),
  };
}
