import type { Pool } from '@omni/db';
import type { Logger } from '@omni/service-kit';

/** What a command gets: parsed flags, a migrated database, and where to print. */
export interface CommandContext {
  args: string[];
  flags: Record<string, string | true>;
  /** Opened on first use, so commands that need no database do not wait for one. */
  db(): Promise<Pool>;
  out(line: string): void;
  log: Logger;
  /** The process environment (Kafka brokers and topic prefix for the operator commands). */
  env: Record<string, string | undefined>;
}

export interface Command {
  /** `api-keys create` */
  name: string;
  summary: string;
  usage: string;
  run(ctx: CommandContext): Promise<number | undefined>;
}

/** A command group: one file under commands/, listed once in commands/index.ts. */
export type CommandGroup = Command[];

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--name x --scopes a,b --yes` → `{ name: 'x', scopes: 'a,b', yes: true }`; the rest stay positional. */
export function parseFlags(argv: string[]): { args: string[]; flags: Record<string, string | true> } {
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) {
      args.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--'))
      flags[a.slice(2)] = argv[++i] as string;
    else flags[a.slice(2)] = true;
  }
  return { args, flags };
}

export function requireFlag(ctx: CommandContext, name: string): string {
  const v = ctx.flags[name];
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--${name} is required`);
  return v;
}
