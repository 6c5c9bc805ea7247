import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOPICS } from '@omni/contracts';
import { waitFor } from '@omni/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { RESULTS_DIR } from '../../bench/src/bench-kit';
import { storedTokens, type Tally, tally, waitStored } from '../../bench/src/e2e/check';
import { type RunningLoad, startLoad } from '../../bench/src/e2e/load-client';
import type { LoadPlan } from '../../bench/src/e2e/load-process';
import { CHANNELS, type System } from '../../bench/src/e2e/system';

/**
 * The frame of every fault of the chaos suite: a steady load of signed webhooks, form posts
 * and raw emails runs while a fault is injected into the distributed system; afterwards the
 * counts are checked against what the senders were told — every message that got a 2xx is
 * stored exactly once, every refusal was a 5xx or a dropped connection (never a 4xx for a
 * valid message), and threading's consumer group catches up by itself.
 */
export const RATE = Number(process.env.CHAOS_RATE ?? 24);
export const OUTAGE_MS = Number(process.env.CHAOS_OUTAGE_SECONDS ?? 30) * 1000;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FaultOutcome extends Tally {
  fault: string;
  requests: number;
  statuses: Record<string, number>;
  /** Service exits (each restarted by the supervisor) during this fault. */
  restarts: Record<string, number>;
  seconds: number;
}

export function restartsSoFar(system: System): Record<string, number> {
  return Object.fromEntries([...system.services].map(([n, s]) => [n, s.exits.length]));
}

/** Exits since `before`, per service that had any. */
export function restartsSince(system: System, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(restartsSoFar(system))
      .map(([n, c]) => [n, c - (before[n] ?? 0)] as const)
      .filter(([, c]) => c > 0),
  );
}

/** Runs `fault` while a steady load runs, then checks the counts; the outcome is appended to `outcomes`. */
export async function underLoad(
  system: System,
  outcomes: FaultOutcome[],
  name: string,
  fault: (load: RunningLoad) => Promise<void>,
): Promise<FaultOutcome> {
  const runId = randomBytes(4).toString('hex');
  const before = restartsSoFar(system);
  const plan: LoadPlan = {
    mode: 'messages',
    targets: system.targets,
    runId,
    count: 1_000_000,
    rate: RATE,
    concurrency: 24,
    channels: [...CHANNELS],
    customers: 200,
    duplicateShare: 0.05,
    attachmentShare: 0.05,
    replyShare: 0.5,
    // As the platforms do: a refused delivery comes again, for long enough to outlast the outage.
    retries: 14,
    retryBaseMs: 1_000,
    retryMaxMs: 8_000,
    requestTimeoutMs: 20_000,
    seed: outcomes.length + 1,
  };
  const started = Date.now();
  const load = startLoad(plan);
  try {
    await sleep(4_000);
    await fault(load);
    await sleep(4_000);
  } finally {
    // Also when the fault itself failed: the load process ends with its result, never orphaned.
    load.stop();
  }
  const result = await load.result;
  await Promise.all([...system.services.keys()].map((n) => system.ready(n, 180_000)));
  await waitStored(system.pool, runId, result.accepted, 90_000);
  const counts = tally(
    result.accepted.length + result.refused.length,
    result.accepted,
    await storedTokens(system.pool, runId),
  );
  const outcome: FaultOutcome = {
    fault: name,
    ...counts,
    requests: result.requests,
    statuses: result.statuses,
    restarts: restartsSince(system, before),
    seconds: (Date.now() - started) / 1000,
  };
  outcomes.push(outcome);
  expect(result.unexpected).toEqual([]);
  // An outage is declared (503 + Retry-After), never an internal error.
  expect(result.statuses['500'] ?? 0).toBe(0);
  expect({ lost: counts.lostTokens, doubled: counts.doubledTokens }).toEqual({ lost: [], doubled: [] });
  expect(counts.accepted).toBeGreaterThan(0);
  await expectConsumersCaughtUp(system);
  return outcome;
}

/** Threading's group has committed every inbound record: nothing stuck behind a fault. */
export async function expectConsumersCaughtUp(system: System): Promise<void> {
  const prefix = system.env.KAFKA_TOPIC_PREFIX ?? '';
  const admin = new Kafka({ brokers: system.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topic = `${prefix}${TOPICS.inbound}`;
    await waitFor(
      async () => {
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId: `${prefix}omni-threading`, topics: [topic] }),
        ]);
        const lag = ends.reduce((sum, p) => {
          const at = committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? '-1';
          return sum + (Number(p.high) - Math.max(0, Number(at)));
        }, 0);
        return lag === 0;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: 'threading consumer group lag 0 on the inbound topic',
      },
    );
  } finally {
    await admin.disconnect();
  }
}

/** One line per fault: the row of the chaos table. */
export function outcomeLine(o: FaultOutcome): string {
  return `${o.fault.padEnd(40)} sent ${o.sent}, accepted ${o.accepted}, stored ${o.stored}, lost ${o.lost}, doubled ${o.doubled}, stored without 2xx ${o.storedWithout2xx}; requests ${o.requests} ${JSON.stringify(o.statuses)}; restarts ${JSON.stringify(o.restarts)}`;
}

/** Writes `bench/results/<label>-<time>.json|.txt` and prints the table. */
export async function writeOutcomes(label: string, outcomes: FaultOutcome[], logDir: string): Promise<void> {
  if (outcomes.length === 0) return;
  const lines = outcomes.map(outcomeLine);
  const file = join(RESULTS_DIR, `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await writeFile(
    `${file}.json`,
    `${JSON.stringify({ at: new Date().toISOString(), rate: RATE, outcomes }, null, 2)}\n`,
  );
  await writeFile(`${file}.txt`, `${lines.join('\n')}\n`);
  process.stdout.write(
    `\n${label} outcomes (${file}.txt; service logs in ${logDir}):\n${lines.join('\n')}\n`,
  );
}
