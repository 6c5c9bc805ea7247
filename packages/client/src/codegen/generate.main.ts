// `pnpm --filter @omni/client generate`: rewrites src/schema.ts from the ticket API.
import { writeFileSync } from 'node:fs';
import { ticketsOpenApiDocument } from '@omni/tickets';
import { SCHEMA_FILE, schemaSource } from './schema-source';

async function main(): Promise<void> {
  const source = schemaSource(await ticketsOpenApiDocument());
  writeFileSync(SCHEMA_FILE, source);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
