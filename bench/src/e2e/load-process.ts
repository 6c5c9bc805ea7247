import http from 'node:http';
import { percentile, seededRandom } from '../bench-kit';
import { buildRequest, type PlannedRequest, TRIVIAL_BODY } from './messages';
import type { Channel, Targets } from './system';

/** What the parent asks the load generator (its own process) to send. */
export interface LoadPlan {
  mode: 'messages' | 'trivial';
  targets?: Targets;
  trivialUrl?: string;
  /** Trivial mode: how long to send. */
  seconds?: number;
  runId: string;
  /** Unique messages (duplicates and retries come on top). */
  count: number;
  concurrency: number;
  /** Paced at this many new messages per second (steady load); default: as fast as possible. */
  rate?: number;
  channels: Channel[];
  customers: number;
  duplicateShare: number;
  attachmentShare: number;
  /** Share of emails that answer the same customer's previous email (In-Reply-To). */
  replyShare: number;
  /** A refused request is sent again this many times, with exponential backoff, as platforms retry. */
  retries: number;
  retryBaseMs: number;
  /** Cap of the backoff between retries (default: uncapped). */
  retryMaxMs?: number;
  requestTimeoutMs: number;
  seed: number;
}

export interface LoadResult {
  requests: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  startedAt: number;
  endedAt: number;
  /** Tokens that got a 2xx at least once. */
  accepted: string[];
  /** Tokens that never got a 2xx. */
  refused: string[];
  perChannel: Record<
    string,
    { accepted: number; refused: number; requests: number; p50Ms?: number; p99Ms?: number }
  >;
  /** Refusals that were not 5xx or a dropped connection (a valid message must never get a 4xx). */
  unexpected: Array<{ token: string; status: string; body: string }>;
}

export type LoadProgress = { requests: number; accepted: number; unique: number; inFlight: number };
export type ToParent = { progress: LoadProgress } | { result: LoadResult } | { error: string };
export type ToChild = { plan: LoadPlan } | { stop: true };

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function send(
  req: { url: string; headers: Record<string, string>; body: Buffer },
  timeoutMs: number,
): Promise<{ status: string; body: string }> {
  return new Promise((resolve) => {
    const r = http.request(
      req.url,
      { method: 'POST', agent, headers: { ...req.headers, 'content-length': String(req.body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: String(res.statusCode ?? 0),
            body: Buffer.concat(chunks).toString('utf8').slice(0, 300),
          }),
        );
        res.on('error', (err) => resolve({ status: 'reset', body: err.message }));
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error('timeout')));
    r.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ status: err.message === 'timeout' ? 'timeout' : (err.code ?? 'error'), body: err.message }),
    );
    r.end(req.body);
  });
}

async function runMessages(plan: LoadPlan, stopped: () => boolean, report: (p: LoadProgress) => void) {
  const targets = plan.targets as Targets;
  const random = seededRandom(plan.seed);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const ok = new Set<string>();
  const seen = new Map<string, Channel>();
  const lastStatus = new Map<string, { status: string; body: string }>();
  const recent: PlannedRequest[] = [];
  const retryQueue: Array<{ req: PlannedRequest; attempt: number; due: number }> = [];
  const lastEmailOf = new Map<number, number>();
  const perChannel: LoadResult['perChannel'] = {};
  const latencyOf = new Map<string, number[]>();
  let requests = 0;
  let next = 0;
  let inFlight = 0;
  const startedAt = Date.now();

  const attempt = async (req: PlannedRequest, n: number): Promise<void> => {
    const t0 = performance.now();
    inFlight++;
    const res = await send(req, plan.requestTimeoutMs);
    inFlight--;
    const ms = performance.now() - t0;
    latencies.push(ms);
    if (!latencyOf.has(req.channel)) latencyOf.set(req.channel, []);
    latencyOf.get(req.channel)?.push(ms);
    requests++;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    perChannel[req.channel] ??= { accepted: 0, refused: 0, requests: 0 };
    (perChannel[req.channel] as { requests: number }).requests++;
    if (res.status.startsWith('2')) {
      ok.add(req.token);
      return;
    }
    lastStatus.set(req.token, res);
    if (n < plan.retries)
      retryQueue.push({
        req,
        attempt: n + 1,
        due: Date.now() + Math.min(plan.retryBaseMs * 2 ** n, plan.retryMaxMs ?? Number.POSITIVE_INFINITY),
      });
  };

  const nextWork = (): { req: PlannedRequest; n: number } | 'wait' | undefined => {
    const now = Date.now();
    const dueIndex = retryQueue.findIndex((r) => r.due <= now);
    if (dueIndex >= 0) {
      const [r] = retryQueue.splice(dueIndex, 1);
      if (r) return { req: r.req, n: r.attempt };
    }
    if (stopped() || next >= plan.count) return retryQueue.length > 0 ? 'wait' : undefined;
    if (plan.rate && now < slotAt(startedAt, plan.rate, next)) return 'wait';
    if (recent.length > 0 && random() < plan.duplicateShare) {
      const dup = recent[Math.floor(random() * recent.length)] as PlannedRequest;
      return { req: dup, n: plan.retries }; // a platform's redelivery: not retried itself
    }
    const seq = next++;
    const channel = plan.channels[seq % plan.channels.length] as Channel;
    const customer = Math.floor(random() * plan.customers);
    let replyTo: number | undefined;
    if (channel === 'email') {
      const previous = lastEmailOf.get(customer);
      if (previous !== undefined && random() < plan.replyShare) replyTo = previous;
      lastEmailOf.set(customer, seq);
    }
    const req = buildRequest(targets, channel, plan.runId, seq, customer, {
      attachment: random() < plan.attachmentShare,
      replyTo,
    });
    seen.set(req.token, channel);
    if (recent.length < 2_000) recent.push(req);
    else recent[Math.floor(random() * recent.length)] = req;
    return { req, n: 0 };
  };

  const progress = setInterval(
    () => report({ requests, accepted: ok.size, unique: seen.size, inFlight }),
    1_000,
  );
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      for (;;) {
        const work = nextWork();
        if (work === undefined) return;
        if (work === 'wait') {
          await new Promise((r) => setTimeout(r, plan.rate ? 5 : 50));
          continue;
        }
        await attempt(work.req, work.n);
      }
    }),
  );
  clearInterval(progress);
  const accepted: string[] = [];
  const refused: string[] = [];
  const unexpected: LoadResult['unexpected'] = [];
  for (const [token, channel] of seen) {
    perChannel[channel] ??= { accepted: 0, refused: 0, requests: 0 };
    const pc = perChannel[channel] as { accepted: number; refused: number };
    if (ok.has(token)) {
      accepted.push(token);
      pc.accepted++;
    } else {
      refused.push(token);
      pc.refused++;
    }
  }
  for (const [channel, values] of latencyOf) {
    const pc = perChannel[channel];
    if (pc) Object.assign(pc, { p50Ms: percentile(values, 50), p99Ms: percentile(values, 99) });
  }
  for (const [token, res] of lastStatus) {
    if (/^[1-4]/.test(res.status) && unexpected.length < 50) unexpected.push({ token, ...res });
  }
  return {
    requests,
    statuses,
    latenciesMs: latencies,
    startedAt,
    endedAt: Date.now(),
    accepted,
    refused,
    perChannel,
    unexpected,
  } satisfies LoadResult;
}

/** When the `n`th request of a load paced at `rate` per second is due (ms since the epoch). */
const slotAt = (startedAt: number, rate: number, n: number): number => startedAt + (n / rate) * 1000;

async function runTrivial(plan: LoadPlan): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const startedAt = Date.now();
  const until = startedAt + (plan.seconds ?? 5) * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (Date.now() < until) {
        if (plan.rate) {
          // Paced: each request at its own slot, as the messages are with `rate`.
          const wait = slotAt(startedAt, plan.rate, next++) - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          if (Date.now() >= until) break;
        }
        const t0 = performance.now();
        const res = await send(
          {
            url: plan.trivialUrl as string,
            headers: { 'content-type': 'application/json' },
            body: TRIVIAL_BODY,
          },
          plan.requestTimeoutMs,
        );
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return {
    requests: latencies.length,
    statuses,
    latenciesMs: latencies,
    startedAt,
    endedAt: Date.now(),
    accepted: [],
    refused: [],
    perChannel: {},
    unexpected: [],
  };
}

/** The load generator's process: one plan from the parent over IPC, progress and the result back. */
if (process.send) {
  let stop = false;
  // The parent gone (killed, crashed) means nobody wants the result: stop sending.
  process.on('disconnect', () => process.exit(0));
  // The result is large: disconnect only once it has been handed to the channel.
  const toParent = (m: ToParent) =>
    new Promise<void>((resolve) => {
      if (process.send) process.send(m, undefined, undefined, () => resolve());
      else resolve();
    });
  process.on('message', (m: ToChild) => {
    if ('stop' in m) {
      stop = true;
      return;
    }
    const plan = m.plan;
    const work =
      plan.mode === 'trivial'
        ? runTrivial(plan)
        : runMessages(
            plan,
            () => stop,
            (p) => void toParent({ progress: p }),
          );
    work
      .then((result) => toParent({ result }))
      .catch((err: unknown) =>
        toParent({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      )
      .finally(() => {
        agent.destroy();
        process.disconnect();
      });
  });
}
