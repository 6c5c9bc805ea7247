import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOPICS } from '@omni/contracts';
import { generateApiKey } from '@omni/service-kit';
import {
  type Child,
  freePort,
  type Harness,
  runTs,
  startHarness,
  waitFor,
  waitForOutput,
} from '@omni/testkit';

/**
 * `pnpm start` (in-process bus, no Kafka) on the harness's database: a submission answered
 * 202 whose message threading rejects for good is a dead letter in PostgreSQL, still listed
 * by `pnpm omni dlq list` after a restart, and stored once replayed after the fix.
 */
let h: Harness;
let dir: string;
let launcher: Child | undefined;
const apiKey = generateApiKey();

beforeAll(async () => {
  h = await startHarness('launcher-dlq');
  dir = mkdtempSync(path.join(tmpdir(), 'omni-launcher-dlq-'));
});
afterAll(async () => {
  if (launcher && launcher.process.exitCode === null) {
    launcher.process.kill('SIGKILL');
    await launcher.exited;
  }
  rmSync(dir, { recursive: true, force: true });
  await h?.close();
});

async function startLauncher(): Promise<string> {
  const port = await freePort();
  launcher = runTs('services/standalone/src/main.ts', {
    PATH: process.env.PATH,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: h.databaseUrl,
    OMNI_DATA_DIR: path.join(dir, '.data'),
    OMNI_BOOTSTRAP_API_KEY: apiKey,
    OTEL_SDK_DISABLED: 'true',
  });
  await waitForOutput(launcher, 'omni is running at', 120_000);
  return `http://127.0.0.1:${port}`;
}

async function stopLauncher(): Promise<void> {
  launcher?.process.kill('SIGTERM');
  expect(await launcher?.exited).toBe(0);
}

/** `pnpm omni …` as an operator next to the launcher runs it: its own process, no KAFKA_BROKERS. */
async function omni(...argv: string[]) {
  const cli = runTs(
    'packages/cli/src/main.ts',
    { PATH: process.env.PATH, DATABASE_URL: h.databaseUrl },
    undefined,
    { args: argv },
  );
  const code = await cli.exited;
  return { code, out: cli.output() };
}

const submit = (base: string, message: string) =>
  fetch(`${base}/channels/webform/default/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Vera', email: 'vera@example.com', subject: message, message }),
  });

const storedTexts = async () =>
  (await h.pool.query<{ text: string }>('SELECT text FROM messages ORDER BY text')).rows.map((r) => r.text);

/** The value of one series of the launcher's /metrics, 0 when absent. */
async function metric(base: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function readyChecks(base: string): Promise<Record<string, Record<string, unknown>>> {
  const body = (await (await fetch(`${base}/readyz`)).json()) as { checks: Array<{ name: string }> };
  return Object.fromEntries(body.checks.map((c) => [c.name, c]));
}

it('keeps a dead letter across a restart, lists it and stores it once replayed', async () => {
  // The fault a later deployment fixes: the database refuses this one message for good.
  await h.pool.query(
    `ALTER TABLE messages ADD CONSTRAINT reject_recalled_batch CHECK (position('batch 7731' in text) = 0)`,
  );
  let base = await startLauncher();
  expect((await submit(base, 'Is batch 7731 recalled?')).status).toBe(202);
  expect((await submit(base, 'Where is my parcel?')).status).toBe(202);
  expect(await storedTexts()).toEqual(['Where is my parcel?']);

  // Accepted 2, stored 1, one dead letter: the gap is visible, with its reason.
  expect(await metric(base, 'omni_inbound_messages_total', 'channel="webform",account="default"')).toBe(2);
  expect(await metric(base, 'omni_stored_messages_total', 'channel="webform",account="default"')).toBe(1);
  expect(
    await metric(base, 'omni_dead_letters_total', `topic="${TOPICS.inbound}",reason="handler-failed"`),
  ).toBe(1);
  const checks = await readyChecks(base);
  expect(checks.bus).toMatchObject({ ok: true, deadLetters: { [TOPICS.inbound]: 1 } });
  expect(checks['dead-letters']).toMatchObject({ ok: true, pending: { [`${TOPICS.inbound}.dlq`]: 1 } });

  await stopLauncher();
  base = await startLauncher();
  expect((await readyChecks(base))['dead-letters']).toMatchObject({
    pending: { [`${TOPICS.inbound}.dlq`]: 1 },
  });

  const listed = await omni('dlq', 'list');
  expect(listed.code).toBe(0);
  expect(listed.out).toContain(`${TOPICS.inbound}.dlq: 1 record(s)`);
  expect(listed.out).toContain('reject_recalled_batch');
  const id = /\s(0:\d+)\s/.exec(listed.out)?.[1] as string;
  const shown = await omni('dlq', 'show', id);
  expect(shown.out).toContain('Is batch 7731 recalled?');
  expect(shown.out).toContain('omni-dlq-group: omni-threading');

  // The fix, then the replay: the running launcher's outbox relay hands it to threading.
  await h.pool.query('ALTER TABLE messages DROP CONSTRAINT reject_recalled_batch');
  const replayed = await omni('dlq', 'replay', '--all');
  expect(replayed.code).toBe(0);
  expect(replayed.out).toContain(`replaying ${id} → ${TOPICS.inbound}`);
  await waitFor(async () => (await storedTexts()).length === 2 || undefined, {
    timeoutMs: 30_000,
    description: 'the replayed message stored',
  });
  expect(await storedTexts()).toEqual(['Is batch 7731 recalled?', 'Where is my parcel?']);
  const tickets = await fetch(`${base}/v1/tickets`, { headers: { authorization: `Bearer ${apiKey}` } });
  const { data } = (await tickets.json()) as { data: Array<{ subject: string }> };
  expect(data.map((t) => t.subject).sort()).toEqual(['Is batch 7731 recalled?', 'Where is my parcel?']);
  expect(await metric(base, 'omni_stored_messages_total', 'channel="webform",account="default"')).toBe(1);
  expect((await omni('dlq', 'list')).out).toContain('(replayed ');
  expect((await readyChecks(base))['dead-letters']).toMatchObject({ ok: true, pending: {} });
  await stopLauncher();
  // Two launcher starts (each may take up to 120 s: startLauncher) and five CLI processes,
  // each compiling its TypeScript with tsx: jest's 60 s cut it short on a loaded machine.
}, 300_000);
