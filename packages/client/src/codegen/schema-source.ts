import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed output: the client's types of every path, operation and schema. */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.ts');

const HEADER = `// Generated from the ticket API's /openapi.json by openapi-typescript. Do not edit:
// regenerate with \`pnpm --filter @omni/client generate\` (a test fails when this file is stale).
`;

/**
 * TypeScript declarations of an OpenAPI document, formatted the way the repository is
 * (biome). openapi-typescript's parser is ES-module-only deep down, so the conversion runs
 * in a child Node process (tsx), which also lets jest's CommonJS tests call this.
 */
export function schemaSource(document: Record<string, unknown>): string {
  const raw = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'schema-source.main.ts')], {
    cwd: join(__dirname, '..', '..'),
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const biome = join(require.resolve('@biomejs/biome/package.json'), '..', 'bin', 'biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${SCHEMA_FILE}`], {
    input: `${HEADER}\n${raw}\n${namedTypes(document)}`,
    encoding: 'utf8',
  });
}

/**
 * A type per component schema (`Ticket`, `Message`, `Problem`, `TicketCreatedEvent`…), so
 * integrators name them instead of indexing `components`; `ProblemType`, every problem
 * `type` the API answers with; `WebhookEvent`, any webhook body.
 */
function namedTypes(document: Record<string, unknown>): string {
  const schemas = Object.keys(
    ((document.components as Record<string, unknown> | undefined)?.schemas as Record<string, unknown>) ?? {},
  );
  return [
    '/** Every schema of the API by name. */',
    ...schemas.map((name) => `export type ${name} = components['schemas']['${name}'];`),
    '/** Every problem `type` the API answers with (`urn:omni:problem:<code>`). */',
    "export type ProblemType = components['schemas']['Problem']['type'];",
    '/** The body of any webhook delivery (the `webhooks` section: one event type each). */',
    `export type WebhookEvent = ${schemas.filter((n) => n.endsWith('Event') && n !== 'Event').join(' | ')};`,
    '',
  ].join('\n');
}

export interface Freshness {
  fresh: boolean;
  /** Where the committed file first differs (1-based line), with both versions of that line. */
  firstDifference?: { line: number; committed: string; generated: string };
}

/** Compares the committed schema with a fresh generation (the CI staleness check). */
export function compareSchema(committed: string, generated: string): Freshness {
  if (committed === generated) return { fresh: true };
  const a = committed.split('\n');
  const b = generated.split('\n');
  let i = 0;
  while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
  return {
    fresh: false,
    firstDifference: { line: i + 1, committed: a[i] ?? '(end of file)', generated: b[i] ?? '(end of file)' },
  };
}

export function committedSchema(): string {
  return readFileSync(SCHEMA_FILE, 'utf8');
}
