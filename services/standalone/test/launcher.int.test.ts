import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Child, freePort, runTs, waitFor, waitForOutput } from '@omni/testkit';

/** `pnpm start` on a machine with nothing: no `.data/`, no DATABASE_URL, no KAFKA_BROKERS, no config file. */
describe('the one-process launcher', () => {
  let dir: string;
  let child: Child | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'omni-launcher-'));
    // The embedded PostgreSQL runs as the postgres user, who must reach the data dir.
    chmodSync(dir, 0o755);
  });
  afterAll(async () => {
    if (child && child.process.exitCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from nothing, accepts a submission and serves it over /v1 at once', async () => {
    const port = await freePort();
    const dataDir = path.join(dir, '.data');
    expect(existsSync(dataDir)).toBe(false);
    child = runTs(
      'services/standalone/src/main.ts',
      { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn', OMNI_DATA_DIR: dataDir },
      dir,
    );
    await waitForOutput(child, 'omni is running at', 90_000);
    const base = `http://127.0.0.1:${port}`;
    expect(child.output()).toContain(`POST ${base}/channels/webform/default/submissions`);
    expect(child.output()).toContain(`${base}/channels/livechat/default/demo`);
    // Where the data really is, and where the API is described.
    expect(child.output()).toContain(`embedded PostgreSQL (${path.join(dataDir, 'pg')})`);
    expect(child.output()).toContain(`${base}/docs   ${base}/openapi.json   ${base}/asyncapi.json`);

    const ready = await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200 || undefined, {
      timeoutMs: 10_000,
    });
    expect(ready).toBe(true);
    for (const served of [
      '/docs',
      '/openapi.json',
      '/asyncapi.json',
      '/channels/livechat/default/widget.js',
    ]) {
      expect({ served, status: (await fetch(`${base}${served}`)).status }).toEqual({ served, status: 200 });
    }

    const posted = await fetch(`${base}/channels/webform/default/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Newcomer',
        email: 'newcomer@example.com',
        subject: 'First run',
        message: 'Does it work?',
      }),
    });
    expect(posted.status).toBe(202);

    // The in-process bus delivers synchronously: accepted means stored.
    const key = readFileSync(path.join(dataDir, 'bootstrap-api-key'), 'utf8').trim();
    const list = await fetch(`${base}/v1/tickets`, { headers: { authorization: `Bearer ${key}` } });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: unknown[] };
    expect(body.data).toEqual([
      expect.objectContaining({ subject: 'First run', channels: ['webform'], messageCount: 1 }),
    ]);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it('stops gracefully on Ctrl-C: the whole process group signalled, the signal relayed once more', async () => {
    const port = await freePort();
    const dataDir = path.join(dir, '.data');
    // As in a terminal: `pnpm start` (npm exec → pnpm → tsx → node) is one foreground group.
    child = runTs(
      'services/standalone/src/main.ts',
      { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn', OMNI_DATA_DIR: dataDir },
      dir,
      { ownProcessGroup: true },
    );
    await waitForOutput(child, 'omni is running at', 90_000);
    const pid = child.process.pid as number;
    process.kill(-pid, 'SIGINT');
    // A wrapper relaying the same Ctrl-C: not a second request to stop at once.
    setTimeout(() => child?.process.exitCode === null && child.process.kill('SIGINT'), 100);
    const code = await child.exited;
    // The log's tail beside the code: a failure says why the launcher did not stop cleanly.
    expect({ code, log: code === 0 ? '' : child.output().slice(-4000) }).toEqual({ code: 0, log: '' });
    // The embedded PostgreSQL was not stopped under the services by the same Ctrl-C.
    expect(child.output()).not.toMatch(/terminating connection|second signal|ECONNREFUSED/);
  });
});
