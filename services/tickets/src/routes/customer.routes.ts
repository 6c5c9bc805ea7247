import { Customer, IDENTITY_KINDS, IdentityKind, IdentityKindName, OmniError } from '@omni/contracts';
import {
  CUSTOMER_ERROR_STATUS,
  type CustomerErrorCode,
  CustomerMerge,
  IdentityConflict,
  listIdentityConflicts,
  listMerges,
  mergeCustomers,
  unmergeCustomers,
} from '@omni/customers';
import { withTransaction } from '@omni/db';
import { HttpProblem, notFound, PageQuery, PROBLEMS, type ProblemCode } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { customerIdOf, getCustomer, listCustomers } from '../customer.queries';
import { IdempotencyHeaders, idempotent } from '../idempotency';
import { linkIdentity, normalizeIdentityValue, unlinkIdentity } from '../identity.commands';
import { operation } from '../openapi/operation';
import { answer } from '../response-serializer';
import { type CustomerJson, CustomerPage, exampleOf, IdParams, MessagePage, shortText } from '../schemas';
import { listTimeline } from '../ticket.queries';
import type { RouteDeps } from './route-deps';

const CustomerListQuery = PageQuery.extend({
  q: shortText(320).optional().describe('Substring of the display name or of any identity value.'),
  email: z
    .string()
    .trim()
    .min(3)
    .max(320)
    .optional()
    .describe('The customer with this email address (any case).'),
  phone: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .optional()
    .describe('The customer with this phone number (any format; without a country code the default region).'),
  identity: z
    .string()
    .max(400)
    .regex(
      new RegExp(`^(${IDENTITY_KINDS.join('|')}):.+$`),
      `<kind>:<value>, kind one of ${IDENTITY_KINDS.join(', ')}`,
    )
    .optional()
    .describe('The customer with this identity: `<kind>:<value>` (`telegram:1001`).'),
});

const CustomerMergeJson = CustomerMerge.meta({
  id: 'CustomerMerge',
  description: 'One merge of `mergedId` into `survivorId`, automatic or manual, and whether it was undone.',
  examples: [
    {
      id: '4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e',
      survivorId: '0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60',
      mergedId: '3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d',
      reason: 'automatic',
      actor: null,
      trigger: { messageId: '9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81' },
      moved: { identities: 1, tickets: 1, messages: 4 },
      createdAt: '2026-03-02T09:15:27.120Z',
      undoneAt: null,
      undoneBy: null,
    },
  ],
});
const IdentityConflictJson = IdentityConflict.meta({
  id: 'IdentityConflict',
  description:
    'An identity one customer’s message claimed while another customer holds it, kept for a person to decide.',
  examples: [
    {
      id: '1a3c5e7a-9c1e-4a3c-8e7a-9c1e3a5c7e9a',
      kind: 'email',
      value: 'anna@example.com',
      ownerCustomerId: '0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60',
      claimantCustomerId: '3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d',
      messageId: '9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81',
      claimVerified: false,
      createdAt: '2026-03-02T09:15:27.120Z',
      resolvedAt: null,
    },
  ],
});
const CustomerMerges = z
  .object({
    merges: z.array(CustomerMergeJson).describe('Newest first.'),
    conflicts: z.array(IdentityConflictJson).describe('Identity claims that could not merge anyone.'),
  })
  .meta({
    id: 'CustomerMerges',
    description: 'A customer’s merges and recorded identity conflicts.',
    examples: [{ merges: [], conflicts: [] }],
  });
const exampleCustomer = exampleOf(Customer) as Record<string, unknown>;
const UnmergeResult = z
  .object({
    survivor: Customer.describe('The customer the merge was undone on.'),
    restored: Customer.describe('The customer brought back.'),
  })
  .meta({
    id: 'UnmergeResult',
    description: 'Both customers after an undone merge.',
    examples: [
      {
        survivor: exampleCustomer,
        restored: { ...exampleCustomer, id: '3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d', identities: [] },
      },
    ],
  });

const CustomerMergeRequest = z
  .strictObject({ customerId: z.uuid().describe('The customer to merge into this one.') })
  .meta({
    id: 'CustomerMergeRequest',
    description: 'Which customer to merge into this one.',
    examples: [{ customerId: '3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d' }],
  });
const UnmergeRequest = z
  .strictObject({ mergeId: z.uuid().describe('The merge to undo (`GET /v1/customers/{id}/merges`).') })
  .meta({
    id: 'UnmergeRequest',
    description: 'Which merge to undo.',
    examples: [{ mergeId: '4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e' }],
  });
const NewIdentity = z
  .strictObject({
    kind: IdentityKindName,
    value: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .describe('As typed: it is normalized (lower-cased email, E.164 phone).'),
    verified: z
      .boolean()
      .default(false)
      .describe('Whether you vouch for it (a verified identity can merge customers).'),
  })
  .meta({
    id: 'NewIdentity',
    description: 'An identity to link to the customer.',
    examples: [{ kind: 'phone', value: '+7 912 345-67-89', verified: false }],
  });

const CustomerIdParams = z.object({ id: z.uuid().describe('The customer.') });

/** @omni/customers errors → problem+json with the status its README assigns. */
async function customerCommand<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof OmniError && err.code in CUSTOMER_ERROR_STATUS) {
      const code: ProblemCode = err.code as CustomerErrorCode;
      throw new HttpProblem(
        CUSTOMER_ERROR_STATUS[code as CustomerErrorCode],
        code,
        PROBLEMS[code].title,
        err.message,
      );
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
    const tags: ['customers'] = ['customers'];

    app.get(
      '/v1/customers',
      {
        preHandler: read,
        schema: operation({
          operationId: 'listCustomers',
          tags,
          summary: 'Find customers',
          description:
            'Newest first. `email`, `phone` and `identity` find a customer by an identity (normalized as threading does); `q` searches names and identity values. Scope `customers:read`.',
          querystring: CustomerListQuery,
          responses: { 200: { description: 'A page of customers.', schema: CustomerPage } },
        }),
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
        schema: operation({
          operationId: 'getCustomer',
          tags,
          summary: 'Get a customer',
          description:
            'The customer with every identity. A merged-away id answers with the customer it was merged into. Scope `customers:read`.',
          params: IdParams,
          responses: {
            200: { description: 'The customer (the survivor for a merged-away id).', schema: Customer },
          },
          problems: ['not-found'],
        }),
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
        schema: operation({
          operationId: 'listCustomerTimeline',
          tags,
          summary: 'List a customer’s timeline',
          description:
            'Every message of every ticket on every channel, in time order: the customer’s one conversation history. Scope `customers:read`.',
          params: IdParams,
          querystring: PageQuery,
          responses: { 200: { description: 'A page of messages.', schema: MessagePage } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        const customerId = await customerIdOf(pool, request.params.id);
        if (!customerId) throw notFound(`no customer ${request.params.id}`);
        return answer(await listTimeline(pool, customerId, request.query.limit, request.query.cursor));
      },
    );

    app.post(
      '/v1/customers/:id/merge',
      {
        preHandler: write,
        schema: operation({
          operationId: 'mergeCustomer',
          tags,
          summary: 'Merge another customer into this one',
          description:
            'Moves the other customer’s identities, tickets and messages here; its id keeps resolving to this one. Undo with `unmergeCustomer`. Scope `customers:write`.',
          params: CustomerIdParams,
          headers: IdempotencyHeaders,
          body: CustomerMergeRequest,
          responses: { 200: { description: 'This customer after the merge.', schema: Customer } },
          problems: ['customer-not-found', 'customer-merged', 'merge-self'],
        }),
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
        schema: operation({
          operationId: 'unmergeCustomer',
          tags,
          summary: 'Undo a merge',
          description:
            'Gives the merged customer back what it brought (identities, tickets, messages). Scope `customers:write`.',
          params: CustomerIdParams,
          headers: IdempotencyHeaders,
          body: UnmergeRequest,
          responses: { 200: { description: 'Both customers.', schema: UnmergeResult } },
          problems: ['not-found', 'merge-undone', 'merge-superseded'],
        }),
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
        schema: operation({
          operationId: 'listCustomerMerges',
          tags,
          summary: 'List a customer’s merges',
          description:
            'Merges (automatic and manual, undone ones too) and recorded identity conflicts. Scope `customers:read`.',
          params: CustomerIdParams,
          responses: { 200: { description: 'Merges and conflicts.', schema: CustomerMerges } },
          problems: ['not-found'],
        }),
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
        schema: operation({
          operationId: 'addCustomerIdentity',
          tags,
          summary: 'Link an identity',
          description:
            'Adds an email, phone or platform id to the customer (normalized). One that belongs to another customer is refused: merge the customers instead. Scope `customers:write`.',
          params: CustomerIdParams,
          headers: IdempotencyHeaders,
          body: NewIdentity,
          responses: { 201: { description: 'The customer with the identity.', schema: Customer } },
          problems: ['not-found', 'identity-taken'],
        }),
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
        schema: operation({
          operationId: 'removeCustomerIdentity',
          tags,
          summary: 'Unlink an identity',
          description: 'Removes one identity of the customer. Scope `customers:write`.',
          params: z.object({
            id: z.uuid().describe('The customer.'),
            identityId: z.uuid().describe('The identity.'),
          }),
          responses: { 204: { description: 'Removed.' } },
          problems: ['not-found'],
        }),
      },
      async (request, reply) => {
        await withTransaction(pool, async (client) => {
          const customer = await getCustomer(client, request.params.id);
          if (!customer) throw notFound(`no customer ${request.params.id}`);
          await unlinkIdentity(client, customer.id, request.params.identityId);
        });
        return reply.code(204).send();
      },
    );
  };
}
