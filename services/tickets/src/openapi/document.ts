import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SCOPES } from '../api-keys';
import { DOCS_LOGO_SVG } from './docs-logo';
import { finishDocument } from './finish-document';
import { TAGS } from './operation';

const DESCRIPTION = `Every customer message, from every channel, in one customer-identified history.

**Auth**: \`Authorization: Bearer <api key>\`. Create a key with \`pnpm omni api-keys create --name my-helpdesk --scopes tickets:read,tickets:write\`
(scopes: ${SCOPES.map((s) => `\`${s}\``).join(', ')}; \`admin\` grants all). Missing or unknown key → 401, missing scope → 403.

**Errors** are \`application/problem+json\` (RFC 9457): \`type\` is one of a closed list of \`urn:omni:problem:…\` values (each operation lists
the ones it can answer with), \`errors\` (field → message) on validation failures, \`requestId\` to quote.

**Lists** take \`limit\` (1–200) and \`cursor\` and answer \`{ data, nextCursor }\`; pass \`nextCursor\` back until it is null.

**POST** requests honour \`Idempotency-Key\`: a retry with the same key returns the first answer (\`Idempotent-Replayed: true\`) and does nothing twice.

**Rate limits**: per API key and minute; every answer carries \`X-RateLimit-*\`, a 429 carries \`Retry-After\`.

**Webhooks** (\`POST /v1/webhooks\`) are signed per [Standard Webhooks](https://www.standardwebhooks.com/); verify with any
Standard Webhooks library (or \`verifyWebhook\` of \`@omni/client\`) and the subscription's \`secret\`; dedupe by \`webhook-id\`. Each event type
and its body are in the \`webhooks\` section. The change feed \`GET /v1/events\` carries the same events. The Kafka topics are described
in AsyncAPI at \`/asyncapi.json\`.`;

/** Swagger UI's policy without \`upgrade-insecure-requests\` (which breaks the page on plain http) and without third-party hosts. */
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self'; connect-src 'self'";

/**
 * OpenAPI 3.1 generated from the zod schemas that validate the routes (`/openapi.json`),
 * and Swagger UI at `/docs`, served from the package's own files (no third-party requests).
 * Registered first so it sees every route of the API plugin.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'omni ticket API',
        version: '1.0.0',
        description: DESCRIPTION,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        contact: { name: 'omni maintainers' },
      },
      // Relative: the API is wherever this document was fetched from (`pnpm start`: http://localhost:8080).
      servers: [{ url: '/', description: 'The server this document was fetched from' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key (`pnpm omni api-keys create`).',
          },
        },
      },
      security: [{ bearer: [] }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    transformObject: (input) => finishDocument(jsonSchemaTransformObject(input) as Record<string, unknown>),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, validatorUrl: null, defaultModelsExpandDepth: 0 },
    staticCSP: DOCS_CSP,
    theme: {
      title: 'omni ticket API — reference',
      favicon: [
        {
          filename: 'omni.svg',
          rel: 'icon',
          sizes: 'any',
          type: 'image/svg+xml',
          content: Buffer.from(DOCS_LOGO_SVG),
        },
      ],
    },
    logo: { type: 'image/svg+xml', content: Buffer.from(DOCS_LOGO_SVG), href: '/docs', target: '_self' },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
