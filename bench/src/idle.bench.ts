import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import {
  kafkaCpuMs,
  machineTicks,
  postgresCpuMs,
  RESULTS_DIR,
  statementLines,
  statementStats,
  table,
  writeResult,
} from './bench-kit';
import { System, systemEnv } from './e2e/system';

/**
 * `pnpm bench idle [--settle S] [--seconds N] [--env K=V] [--profile a,b]`: what the whole
 * system (every service its own process on real Kafka and PostgreSQL, as `pnpm bench e2e`
 * starts it) costs while nothing happens: after `--settle` seconds, the CPU ms per second of
 * every service, of PostgreSQL (all backends) and of the Kafka broker over `--seconds`, the
 * statements PostgreSQL ran per second (which pollers hit it), and the Kafka consumer groups
 * and members each service holds (each member fetches and heartbeats while idle).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      settle: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '60' },
      partitions: { type: 'string', default: '3' },
      'no-automation': { type: 'boolean', default: false },
      /** `KEY=VALUE` for every service, `service:KEY=VALUE` for one (repeatable). */
      env: { type: 'string', multiple: true },
      /** Write a V8 CPU profile of these services (comma-separated) into the log dir, on stop. */
      profile: { type: 'string' },
      statements: { type: 'string', default: '20' },
    },
  });
  const settleMs = Number(values.settle) * 1000;
  const seconds = Number(values.seconds);
  const runId = randomBytes(4).toString('hex');
  const logDir = join(RESULTS_DIR, `idle-logs-${runId}`);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const t0 = Date.now();
  const step = (s: string) => out(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${s}`);
  const system = await System.start(
    {
      servers: 'env',
      partitions: Number(values.partitions),
      logLevel: 'warn',
      automation: !values['no-automation'],
      logDir,
      profile: values.profile?.split(',') ?? [],
      ...systemEnv(values.env),
    },
    step,
  );
  try {
    step(`settling for ${settleMs / 1000} s`);
    await new Promise((r) => setTimeout(r, settleMs));
    const groups = await consumerGroups(system.brokers);
    const cpuBefore = new Map([...system.services].map(([n, s]) => [n, s.cpuMs()]));
    const postgresBefore = await postgresCpuMs(system.pool);
    const kafkaBefore = kafkaCpuMs(system.kafka?.dataDir);
    const machineBefore = machineTicks();
    const statements = await statementStats(system.pool);
    const startedAt = Date.now();
    step(`measuring ${seconds} s of idle`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const elapsed = (Date.now() - startedAt) / 1000;
    const perSecond = (ms: number) => Math.round((ms / elapsed) * 100) / 100;
    const cpuMsPerSecond: Record<string, number> = Object.fromEntries(
      [...system.services].map(([n, s]) => [n, perSecond(s.cpuMs() - (cpuBefore.get(n) ?? 0))]),
    );
    cpuMsPerSecond['postgres (all backends)'] = perSecond(
      (await postgresCpuMs(system.pool)) - postgresBefore,
    );
    const kafka = kafkaCpuMs(system.kafka?.dataDir) - kafkaBefore;
    if (!Number.isNaN(kafka)) cpuMsPerSecond['kafka broker'] = perSecond(kafka);
    const machineAfter = machineTicks();
    const machineBusy =
      (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);
    const total = Object.values(cpuMsPerSecond).reduce((a, b) => a + b, 0);
    const top = await statements.top(Number(values.statements), elapsed);
    const totals = await statements.totals(elapsed);
    const restarts = Object.fromEntries([...system.services].map(([n, s]) => [n, s.exits.length]));
    const report = {
      benchmark: 'idle',
      at: new Date().toISOString(),
      params: { settleSeconds: settleMs / 1000, seconds: elapsed, env: values.env ?? [] },
      cpuMsPerSecond,
      cpuMsPerSecondTotal: Math.round(total * 100) / 100,
      machineCpuBusy: machineBusy,
      statementTotalsPerSecond: totals,
      topStatementsPerSecond: top,
      kafkaConsumerGroups: groups,
      serviceRestarts: restarts,
    };
    const file = await writeResult('idle', report);
    const text = [
      '',
      table([
        ['process', 'CPU ms/s', 'consumer groups', 'members'],
        ...Object.entries(cpuMsPerSecond).map(([n, c]) => [
          n,
          c,
          String(groups.byClient[n]?.groups ?? ''),
          String(groups.byClient[n]?.members ?? ''),
        ]),
        ['total', total, String(groups.groups), String(groups.members)],
      ]),
      '',
      `machine CPU busy over the window: ${(machineBusy * 100).toFixed(1)}% of the cores (ours and anything else running)`,
      ...statementLines(
        'PostgreSQL statements per second (calls and ms per second, rows per call):',
        top,
        totals,
      ),
      `service restarts: ${JSON.stringify(restarts)}`,
    ].join('\n');
    out(text);
    await writeFile(file.replace(/\.json$/, '.txt'), `${text}\n`);
    out(`results: ${file} (+ .txt)`);
  } finally {
    await system.stop();
  }
}

/** The consumer groups on the broker and their members, by client id (the system sets it to the service's name). */
async function consumerGroups(brokers: string[]) {
  const admin = new Kafka({ clientId: 'idle-bench', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const described = await admin.describeGroups(groups.map((g) => g.groupId));
    const byClient: Record<string, { groups: number; members: number }> = {};
    let members = 0;
    for (const g of described.groups) {
      const clients = new Set<string>();
      for (const m of g.members) {
        members += 1;
        const c = byClient[m.clientId] ?? { groups: 0, members: 0 };
        byClient[m.clientId] = c;
        c.members += 1;
        if (!clients.has(m.clientId)) c.groups += 1;
        clients.add(m.clientId);
      }
    }
    return { groups: groups.length, members, byClient };
  } finally {
    await admin.disconnect();
  }
}
