import { buildAsyncApiDocument } from '@omni/asyncapi';
import { testLogger } from '@omni/testkit';
import { createHttpServer, createMetrics } from '../src';

it('every service serves the document at /asyncapi.json', async () => {
  const app = createHttpServer({
    log: testLogger(),
    metrics: createMetrics('asyncapi-served'),
    readiness: [],
  });
  const res = await app.inject({ url: '/asyncapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.json()).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  await app.close();
});
