import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags } from '../src/command';
import { COMMAND_GROUPS } from '../src/commands';
import { databaseUrl, runCli } from '../src/run-cli';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  const log = {
    warn: () => undefined,
    info: () => undefined,
    trace: () => undefined,
    error: () => undefined,
  } as never;
  return {
    out,
    err,
    io: {
      env: { OMNI_DATA_DIR: '/nonexistent' },
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      log,
    },
  };
};

it('parses flags in both spellings and keeps positionals', () => {
  expect(parseFlags(['id-1', '--name', 'desk', '--scopes=a,b', '--all'])).toEqual({
    args: ['id-1'],
    flags: { name: 'desk', scopes: 'a,b', all: true },
  });
});

it('registers every command under a unique name', () => {
  const names = COMMAND_GROUPS.flat().map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(expect.arrayContaining(['api-keys create', 'api-keys list', 'api-keys revoke']));
});

it.each([
  [['nope'], 2, 'usage: pnpm omni'],
  [['api-keys', 'create', '--scopes', 'tickets:read'], 2, '--name is required'],
  [['api-keys', 'create', '--name', 'x', '--scopes', 'tickets:read,root'], 2, 'unknown scope(s): root'],
  [['api-keys', 'revoke'], 2, 'give the key id'],
])('%j exits %i before touching a database', async (argv, code, message) => {
  const t = io();
  expect(await runCli(argv, t.io)).toBe(code);
  expect(t.err.join('\n')).toContain(message);
});

it('needs DATABASE_URL or a running launcher', () => {
  expect(databaseUrl({ DATABASE_URL: 'postgres://x/y' })).toBe('postgres://x/y');
  expect(() => databaseUrl({ OMNI_DATA_DIR: '/nonexistent' })).toThrow(/DATABASE_URL.*\/nonexistent/);
});

it('finds the launcher’s embedded PostgreSQL in OMNI_DATA_DIR, as the launcher keeps it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-data-'));
  try {
    mkdirSync(join(dir, 'pg'));
    // postmaster.pid: pid, data directory, start time, port, …
    writeFileSync(join(dir, 'pg', 'postmaster.pid'), `4242\n${dir}/pg\n1700000000\n54329\n/tmp\n`);
    expect(databaseUrl({ OMNI_DATA_DIR: dir })).toBe('postgres://postgres:postgres@127.0.0.1:54329/omni');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('says that a command is unknown before the usage', async () => {
  const t = io();
  expect(await runCli(['tickets', 'purge'], t.io)).toBe(2);
  expect(t.err[0]).toBe('omni: unknown command "tickets purge"\n');
  expect(t.err.join('\n')).toContain('usage: pnpm omni');
  const help = io();
  expect(await runCli(['--help'], help.io)).toBe(0);
  expect(help.err.join('\n')).not.toContain('unknown command');
});
