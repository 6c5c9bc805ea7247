import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ticketsOpenApiDocument } from '../src';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
/** Both tools run offline: no telemetry, no update check. */
const ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_COLOR: '1',
};

interface Finding {
  tool: 'redocly' | 'spectral';
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  where: string;
  message: string;
}

/** Every finding of a tool's run on a document, its exit code aside (it is non-zero on errors). */
async function lint(tool: Finding['tool'], file: string): Promise<Finding[]> {
  const bin = join(ROOT, 'node_modules', '.bin', tool);
  const args =
    tool === 'redocly'
      ? ['lint', file, `--config=${join(ROOT, 'redocly.yaml')}`, '--format=json']
      : ['lint', file, `--ruleset=${join(ROOT, '.spectral.yaml')}`, '--format=json', '--quiet'];
  const out = await run(bin, args, { env: ENV, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
  );
  const json = JSON.parse(out.stdout.slice(out.stdout.search(/[[{]/))) as unknown;
  if (tool === 'redocly') {
    const problems = (
      json as {
        problems: Array<{
          ruleId: string;
          severity: string;
          message: string;
          location: Array<{ pointer: string }>;
        }>;
      }
    ).problems;
    return problems.map((p) => ({
      tool,
      rule: p.ruleId,
      severity: p.severity as Finding['severity'],
      where: p.location[0]?.pointer ?? '',
      message: p.message,
    }));
  }
  const severities = ['error', 'warning', 'info', 'hint'] as const;
  return (json as Array<{ code: string; severity: number; path: string[]; message: string }>).map((p) => ({
    tool,
    rule: p.code,
    severity: severities[p.severity] ?? 'error',
    where: p.path.join('.'),
    message: p.message,
  }));
}

let dir: string;
let document: Record<string, unknown>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omni-openapi-lint-'));
  document = await ticketsOpenApiDocument();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, doc: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
};

it.each(['redocly', 'spectral'] as const)('%s finds nothing in /openapi.json', async (tool) => {
  expect(await lint(tool, write(`${tool}.json`, document))).toEqual([]);
});

it('the linters do see a flaw: an operation without operationId, an undefined server', async () => {
  const broken = structuredClone(document) as {
    servers?: unknown;
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  delete broken.servers;
  const op = broken.paths['/v1/tickets']?.get;
  if (op) delete op.operationId;
  const file = write('broken.json', broken);
  const [redocly, spectral] = await Promise.all([lint('redocly', file), lint('spectral', file)]);
  expect(redocly.map((f) => f.rule)).toEqual(
    expect.arrayContaining(['operation-operationId', 'no-empty-servers']),
  );
  expect(spectral.map((f) => f.rule)).toEqual(
    expect.arrayContaining(['operation-operationId', 'oas3-api-servers']),
  );
});
