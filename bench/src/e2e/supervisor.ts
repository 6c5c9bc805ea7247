import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { processCpuMs } from '../bench-kit';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** tsx's loader by absolute URL: every service runs as `node --import <loader> main.ts`, as in a container. */
export const TSX_LOADER = pathToFileURL(
  path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;

export interface SupervisedOptions {
  name: string;
  /** Entry point relative to the repository root. */
  entry: string;
  env: Record<string, string | undefined>;
  /** Where stdout and stderr of every incarnation are appended. */
  logFile: string;
  /** Extra node flags (`--cpu-prof …`, not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** Pause before a restart, like a container runtime's restart policy. */
  restartDelayMs?: number;
}

/**
 * One service process, restarted whenever it exits until `stop()` — what a container
 * runtime does with `restart: always`. The KafkaBus exits the process after bounded
 * consumer restarts by design; recovery is this restart. Peak RSS (VmHWM) is sampled
 * from /proc every second and kept across incarnations.
 */
export class Supervised {
  child: ChildProcess | undefined;
  /** Exits seen (crashes, kills), not counting the final stop. */
  exits: Array<{ at: number; code: number | string }> = [];
  starts = 0;
  peakRssKb = 0;
  private stopping = false;
  private readonly log: WriteStream;
  private readonly sampler: NodeJS.Timeout;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly opts: SupervisedOptions) {
    this.log = createWriteStream(opts.logFile, { flags: 'a' });
    this.sampler = setInterval(() => this.sampleRss(), 1_000);
    this.sampler.unref();
    this.launch();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get name(): string {
    return this.opts.name;
  }

  private launch(): void {
    this.starts += 1;
    const args = [
      ...(this.opts.nodeArgs ?? []),
      '--import',
      TSX_LOADER,
      path.join(REPO_ROOT, this.opts.entry),
    ];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: this.opts.env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.log.write(`\n--- supervisor: ${this.name} exited (${code ?? signal}) ---\n`);
        if (!this.stopping) {
          this.exits.push({ at: Date.now(), code: code ?? signal ?? -1 });
          setTimeout(() => {
            if (!this.stopping) this.launch();
          }, this.opts.restartDelayMs ?? 1_000).unref();
        }
        resolve();
      });
    });
  }

  private sampleRss(): void {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) this.peakRssKb = Math.max(this.peakRssKb, Number(hwm[1]));
    } catch {
      // The process just ended; the next incarnation is sampled.
    }
  }

  /** CPU time (user + system, ms) of the current incarnation so far. */
  cpuMs(): number {
    const pid = this.child?.pid;
    return pid ? processCpuMs(pid) : 0;
  }

  /** Sends a signal to the current incarnation (chaos: SIGKILL); the supervisor restarts it. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child?.kill(signal);
  }

  /** Resolves when the current incarnation has exited. */
  waitExit(): Promise<void> {
    return this.exited;
  }

  async stop(): Promise<void> {
    this.sampleRss();
    this.stopping = true;
    clearInterval(this.sampler);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
