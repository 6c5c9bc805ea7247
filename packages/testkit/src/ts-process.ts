import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitFor } from './wait-for';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** tsx's loader by absolute URL, so a child can run in any working directory. */
const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process ended. */
  exited: Promise<number | string>;
}

/** Runs a TypeScript entry point (relative to the repository) with tsx as its own process, collecting its output. */
export function runTs(
  entry: string,
  env: Record<string, string | undefined>,
  cwd = REPO_ROOT,
  opts: { args?: string[]; ownProcessGroup?: boolean } = {},
): Child {
  const script = path.resolve(REPO_ROOT, entry);
  const child = spawn(process.execPath, ['--import', TSX_LOADER, script, ...(opts.args ?? [])], {
    cwd,
    detached: opts.ownProcessGroup ?? false,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { process: child, output: () => out, exited };
}

export async function waitForOutput(child: Child, text: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(() => child.output().includes(text) || child.process.exitCode !== null, {
    timeoutMs,
    description: `"${text}" in the child's output`,
  });
  if (!child.output().includes(text))
    throw new Error(`child exited before printing "${text}":\n${child.output()}`);
}
