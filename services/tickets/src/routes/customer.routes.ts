import { IDENTITY_KINDS, IdentityKind, OmniError } from '@omni/contracts';
import {
  CUSTOMER_ERROR_STATUS,
  CustomerMerge,
  IdentityConflict,
  listIdentityConflicts,
  listMerges,
  mergeCustomers,
  unmergeCustomers,
} from '@omni/customers';
import { withTransaction } from '@omni/db';
import { HttpProblem, notFound, PageQuery } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { getCustomer, listCustomers } from '../customer.queries';
import { IdempotencyHeaders, idempotent } from '../idempotency';
import { linkIdentity, normalizeIdentityValue, unlinkIdentity } from '../identity.commands';
import { CustomerJson, IdParams, MessageJson, pageOf, problems, shortText } from '../schemas';
import { listTimeline } from '../ticket.queries';
import type { RouteDeps } from './route-deps';

const CustomerListQuery = PageQuery.extend({
  q: shortText(320).optional().describe('Substring of the display name or of any identity value.'),
  email: z.string().trim().min(3).max(320).optional(),
  phone: z.string().trim().min(3).max(64).optional(),
  identity: z
    .string()
    .max(400)
    .regex(
      new RegExp(`^(${IDENTITY_KINDS.join('|')}):.+$`),
      `<kind>:<value>, kind one of ${IDENTITY_KINDS.join(', ')}`,
    )
    .optional(),
});

const CustomerIdParams = z.object({ id: z.uuid() });

/** @omni/customers errors → problem+json with the status its README assigns. */
async function customerCommand<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof OmniError && err.code in CUSTOMER_ERROR_STATUS) {
      const status = CUSTOMER_ERROR_STATUS[err.code as keyof typeof CUSTOMER_ERROR_STATUS];
      throw new HttpProblem(status, err.code, status === 404 ? 'Not found' : 'Conflict', err.message);
    }
    throw err;
  }
}

export function customerRoutes(
  { pool, verifier }: RouteDeps,
  defaultPhoneRegion: string,
): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const read = requireScope(verifier, 'customers:read');
    const write = requireScope(verifier, 'customers:write');
    const tags = ['customers'];

    app.get(
      '/v1/customers',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Find customers',
          querystring: CustomerListQuery,
          response: { 200: pageOf(CustomerJson), ...problems },
        },
      },
      async (request) => {
        const { email, phone, identity, ...rest } = request.query;
        const identities: Array<{ kind: string; value: string }> = [];
        if (email)
          identities.push({
            kind: 'email',
            value: normalizeIdentityValue('email', email, defaultPhoneRegion),
          });
        if (phone)
          identities.push({
            kind: 'phone',
            value: normalizeIdentityValue('phone', phone, defaultPhoneRegion),
          });
        if (identity) {
          const at = identity.indexOf(':');
          const kind = IdentityKind.parse(identity.slice(0, at));
          identities.push({
            kind,
            value: normalizeIdentityValue(kind, identity.slice(at + 1), defaultPhoneRegion),
          });
        }
        return listCustomers(pool, { ...rest, identities });
      },
    );

    app.get(
      '/v1/customers/:id',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'A customer (a merged-away id answers with the survivor)',
          params: IdParams,
          response: { 200: CustomerJson, ...problems },
        },
      },
      async (request) => {
        const customer = await getCustomer(pool, request.params.id);
        if (!customer) throw notFound(`no customer ${request.params.id}`);
        return customer;
      },
    );

    app.get(
      '/v1/customers/:id/timeline',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Every message of every ticket on every channel, in time order',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: pageOf(MessageJson), ...problems },
        },
      },
      async (request) => {
        const customer = await getCustomer(pool, request.params.id);
        if (!customer) throw notFound(`no customer ${request.params.id}`);
        return listTimeline(pool, customer.id, request.query.limit, request.query.cursor);
      },
    );

    app.post(
      '/v1/customers/:id/merge',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Merge another customer into this one',
          params: CustomerIdParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({ customerId: z.uuid() }),
          response: { 200: CustomerJson, 409: problems[400], 422: problems[400], ...problems },
        },
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => {
          await customerCommand(() =>
            mergeCustomers(client, {
              survivorId: request.params.id,
              mergedId: request.body.customerId,
              reason: 'manual',
              actor: request.principal?.name,
            }),
          );
          return { status: 200, body: (await getCustomer(client, request.params.id)) as CustomerJson };
        }),
    );

    app.post(
      '/v1/customers/:id/unmerge',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Undo one merge of this customer',
          params: CustomerIdParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({ mergeId: z.uuid() }),
          response: {
            200: z.object({ survivor: CustomerJson, restored: CustomerJson }),
            409: problems[400],
            ...problems,
          },
        },
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => {
          const merges = await listMerges(client, request.params.id);
          if (!merges.some((m) => m.id === request.body.mergeId))
            throw notFound(`customer ${request.params.id} has no merge ${request.body.mergeId}`);
          const done = await customerCommand(() =>
            unmergeCustomers(client, { mergeId: request.body.mergeId, actor: request.principal?.name }),
          );
          return {
            status: 200,
            body: {
              survivor: (await getCustomer(client, done.survivorId)) as CustomerJson,
              restored: (await getCustomer(client, done.mergedId)) as CustomerJson,
            },
          };
        }),
    );

    app.get(
      '/v1/customers/:id/merges',
      {
        preHandler: read,
        schema: {
          tags,
          summary: 'Merges (automatic and manual) and recorded identity conflicts',
          params: CustomerIdParams,
          response: {
            200: z.object({ merges: z.array(CustomerMerge), conflicts: z.array(IdentityConflict) }),
            ...problems,
          },
        },
      },
      async (request) => {
        const customer = await getCustomer(pool, request.params.id);
        if (!customer) throw notFound(`no customer ${request.params.id}`);
        return withTransaction(pool, async (client) => ({
          merges: await listMerges(client, customer.id),
          conflicts: await listIdentityConflicts(client, customer.id),
        }));
      },
    );

    app.post(
      '/v1/customers/:id/identities',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Link an identity',
          params: CustomerIdParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({
            kind: IdentityKind,
            value: z.string().trim().min(1).max(320),
            verified: z.boolean().default(false),
          }),
          response: { 201: CustomerJson, 409: problems[400], ...problems },
        },
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => {
          const customer = await getCustomer(client, request.params.id);
          if (!customer) throw notFound(`no customer ${request.params.id}`);
          const { kind, value, verified } = request.body;
          await linkIdentity(client, customer.id, {
            kind,
            value: normalizeIdentityValue(kind, value, defaultPhoneRegion),
            raw: value,
            verified,
          });
          return { status: 201, body: (await getCustomer(client, customer.id)) as CustomerJson };
        }),
    );

    app.delete(
      '/v1/customers/:id/identities/:identityId',
      {
        preHandler: write,
        schema: {
          tags,
          summary: 'Unlink an identity',
          params: z.object({ id: z.uuid(), identityId: z.uuid() }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await withTransaction(pool, async (client) => {
          const customer = await getCustomer(client, request.params.id);
          if (!customer) throw notFound(`no customer ${request.params.id}`);
          await unlinkIdentity(client, customer.id, request.params.identityId);
        });
        return reply.code(204).send(null);
      },
    );
  };
}
