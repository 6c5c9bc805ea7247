import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answer, JsonText, responseSerializerCompiler } from '../src/response-serializer';

const Page = z.object({
  data: z.array(z.object({ id: z.string(), n: z.number() })),
  nextCursor: z.string().nullable(),
});

/** A route answering the given text, with answers checked (as under jest) or not (production). */
async function appAnswering(text: string, check: boolean) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(check));
  app.get('/', { schema: { response: { 200: Page } } }, async () =>
    answer(new JsonText<z.infer<typeof Page>>(text)),
  );
  await app.ready();
  return app;
}

it('sends a prepared answer as it is, with the JSON content type', async () => {
  const text = '{"data":[{"id":"a","n":1}],"nextCursor":null}';
  for (const check of [false, true]) {
    const res = await (await appAnswering(text, check)).inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe(text);
  }
});

it('fails a checked prepared answer that is not what JSON.stringify writes, or not its schema', async () => {
  for (const text of [
    '{"data" : [{"id" : "a", "n" : 1}], "nextCursor" : null}', // json_build_object's spacing
    '{"data":[{"id":"a","n":1.0}],"nextCursor":null}', // a number written otherwise
    '{"data":[{"id":"a","n":1,"extra":true}],"nextCursor":null}', // a field the schema lacks
  ]) {
    const res = await (await appAnswering(text, true)).inject({ method: 'GET', url: '/' });
    expect({ text, status: res.statusCode }).toEqual({ text, status: 500 });
  }
});
