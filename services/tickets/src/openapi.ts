import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SCOPES } from './api-keys';

const DESCRIPTION = `Every customer message, from every channel, in one customer-identified history.

**Auth**: \`Authorization: Bearer <api key>\`. Create a key with \`pnpm omni api-keys create --name my-helpdesk --scopes tickets:read,tickets:write\`
(scopes: ${SCOPES.map((s) => `\`${s}\``).join(', ')}; \`admin\` grants all). Missing or unknown key → 401, missing scope → 403.

**Errors** are \`application/problem+json\` (RFC 9457) with \`errors\` (field → message) on validation failures.

**Lists** take \`limit\` (1–200) and \`cursor\` and answer \`{ data, nextCursor }\`; pass \`nextCursor\` back until it is null.

**POST** requests honour \`Idempotency-Key\`: a retry with the same key returns the first answer and does nothing twice.

**Webhooks** (\`POST /v1/webhooks\`) are signed per [Standard Webhooks](https://www.standardwebhooks.com/); verify with any
Standard Webhooks library and the subscription's \`secret\`; dedupe by \`webhook-id\`. The change feed \`GET /v1/events\` carries the same events.`;

/**
 * OpenAPI 3.1 generated from the zod schemas that validate the routes (`/openapi.json`),
 * and Swagger UI at `/docs`, served from the package's own files (no third-party requests).
 * Registered first so it sees every route of the API plugin.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'omni ticket API', version: '1.0.0', description: DESCRIPTION },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key' } },
      },
      security: [{ bearer: [] }],
      tags: [
        { name: 'tickets' },
        { name: 'customers' },
        { name: 'attachments' },
        { name: 'events', description: 'The change feed' },
        { name: 'webhooks' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true }, staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
