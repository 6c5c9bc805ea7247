// Child process of `schemaSource`: an OpenAPI document on stdin, its TypeScript on stdout.
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const document = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OpenAPI3;
  // A field with a default may be left out of a request: it stays optional in the types.
  process.stdout.write(astToString(await openapiTS(document, { defaultNonNullable: false })));
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
