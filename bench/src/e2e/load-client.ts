import { spawn } from 'node:child_process';
import path from 'node:path';
import type { LoadPlan, LoadProgress, LoadResult, ToChild, ToParent } from './load-process';
import { REPO_ROOT, TSX_LOADER } from './supervisor';

export interface RunningLoad {
  /** Latest progress report of the generator. */
  progress(): LoadProgress;
  /** No new messages after this; refused ones still get their retries. */
  stop(): void;
  result: Promise<LoadResult>;
}

/** A load of first deliveries only: no duplicates, attachments, email replies or retries. */
export const PLAIN_LOAD = {
  duplicateShare: 0,
  attachmentShare: 0,
  replyShare: 0,
  retries: 0,
  retryBaseMs: 0,
  requestTimeoutMs: 30_000,
} satisfies Partial<LoadPlan>;

/** Starts the load generator as its own process (it must not share an event loop with the system). */
export function startLoad(plan: LoadPlan): RunningLoad {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(__dirname, 'load-process.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, NODE_OPTIONS: '--max-old-space-size=2048' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let last: LoadProgress = { requests: 0, accepted: 0, unique: 0, inFlight: 0 };
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (m: ToParent) => {
      if ('progress' in m) last = m.progress;
      else if ('result' in m) resolve(m.result);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code, signal) => reject(new Error(`load generator exited (${code ?? signal})`)));
  });
  child.send({ plan } satisfies ToChild);
  return {
    progress: () => last,
    stop: () => {
      if (child.connected) child.send({ stop: true } satisfies ToChild);
    },
    result,
  };
}
