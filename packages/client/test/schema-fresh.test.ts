import { ticketsOpenApiDocument } from '@omni/tickets';
import { committedSchema, compareSchema, schemaSource } from '../src/codegen/schema-source';

let document: Record<string, unknown>;
let generated: string;
beforeAll(async () => {
  document = await ticketsOpenApiDocument();
  generated = schemaSource(document);
});

it('the committed client is generated from the current API (else: pnpm --filter @omni/client generate)', () => {
  const result = compareSchema(committedSchema(), generated);
  expect(result.firstDifference).toBeUndefined();
  expect(result.fresh).toBe(true);
});

it('the check fails when the API changed and the client was not regenerated', async () => {
  // The API drops a route: the committed client still has it.
  const paths = { ...(document.paths as Record<string, unknown>) };
  delete paths['/v1/webhooks/{id}/deliveries'];
  const changed = schemaSource({ ...document, paths });
  const result = compareSchema(committedSchema(), changed);
  expect(result.fresh).toBe(false);
  expect(result.firstDifference?.committed).toContain("'/v1/webhooks/{id}/deliveries'");
  expect(result.firstDifference?.line).toBeGreaterThan(1);
});

it('names the first differing line of a stale file', () => {
  expect(compareSchema('a\nb\nc', 'a\nB\nc')).toEqual({
    fresh: false,
    firstDifference: { line: 2, committed: 'b', generated: 'B' },
  });
  expect(compareSchema('a\nb', 'a\nb\nc').firstDifference).toEqual({
    line: 3,
    committed: '(end of file)',
    generated: 'c',
  });
});
