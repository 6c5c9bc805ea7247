import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createPool, type Pool, runMigrations } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import { type Command, type CommandContext, parseFlags, UsageError } from './command';
import { COMMAND_GROUPS } from './commands';

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  log: Logger;
}

/**
 * The database: `DATABASE_URL`, else the running launcher's embedded PostgreSQL (its port
 * is in `<OMNI_DATA_DIR>/pg/postmaster.pid`), so `pnpm omni …` works next to `pnpm start`.
 */
export function databaseUrl(env: Record<string, string | undefined>): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = resolve(env.OMNI_DATA_DIR ?? '.data');
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  const port = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n')[3]?.trim() : undefined;
  if (!port || !/^\d+$/.test(port)) {
    throw new UsageError(
      `no database: set DATABASE_URL, or start \`pnpm start\` (no running embedded PostgreSQL in ${dataDir}; OMNI_DATA_DIR picks another data directory, as for the launcher)`,
    );
  }
  return `postgres://postgres:postgres@127.0.0.1:${port}/omni`;
}

function help(commands: Command[]): string {
  return [
    'usage: pnpm omni <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(18)} ${c.summary}\n  ${''.padEnd(18)} ${c.usage}`),
  ].join('\n');
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const commands = COMMAND_GROUPS.flat();
  // The longest command name that prefixes the arguments ("api-keys create").
  const command = commands
    .filter((c) => {
      const words = c.name.split(' ');
      return words.every((w, i) => argv[i] === w);
    })
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!command) {
    if (argv.length > 0 && argv[0] !== '--help' && argv[0] !== 'help')
      io.err(`omni: unknown command "${argv.join(' ')}"\n`);
    io.err(help(commands));
    return argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' ? 0 : 2;
  }
  const { args, flags } = parseFlags(argv.slice(command.name.split(' ').length));
  let pool: Pool | undefined;
  const ctx: CommandContext = {
    args,
    flags,
    log: io.log,
    out: io.out,
    env: io.env,
    async db() {
      if (!pool) {
        pool = createPool({ url: databaseUrl(io.env), log: io.log, max: 2, applicationName: 'omni-cli' });
        await runMigrations(pool, io.log);
      }
      return pool;
    },
  };
  try {
    return (await command.run(ctx)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${command.name}: ${err.message}\nusage: pnpm omni ${command.name} ${command.usage}`);
      return 2;
    }
    io.err(`${command.name} failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await pool?.end();
  }
}
