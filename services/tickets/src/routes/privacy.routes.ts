import { Customer, Message, Ticket, Timestamp } from '@omni/contracts';
import { eraseCustomer, recordPrivacyAudit } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { notFound } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { getCustomer } from '../customer.queries';
import { operation } from '../openapi/operation';
import { exampleOf } from '../schemas';
import { customerRecords } from '../ticket.queries';
import type { RouteDeps } from './route-deps';

const CustomerIdParams = z.object({ id: z.uuid().describe('The customer.') });

export const CustomerExport = z
  .object({
    exportedAt: Timestamp('When this document was made.'),
    customer: Customer.describe('The customer with every identity (email, phone, platform ids).'),
    mergedCustomerIds: z
      .array(z.uuid())
      .describe('Customers merged into this one: their identities, tickets and messages are included.'),
    tickets: z.array(Ticket).describe('Every ticket of the customer, oldest first.'),
    messages: z
      .array(Message)
      .describe(
        'Every message of those tickets (theirs, replies and notes), in conversation order; each attachment with its metadata and download link (`url`, scope `tickets:read`).',
      ),
  })
  .meta({
    id: 'CustomerExport',
    description: 'Everything held about a person (GDPR art. 15, 152-FZ art. 14), as one document.',
    examples: [
      {
        exportedAt: '2026-03-02T09:15:27.120Z',
        customer: exampleOf(Customer),
        mergedCustomerIds: [],
        tickets: [exampleOf(Ticket)],
        messages: [exampleOf(Message)],
      },
    ],
  });

/**
 * Data-subject requests (scope `privacy`): erase a customer, export what is held about
 * them. Both are audited with ids and counts only (`privacy_audit`).
 */
export function privacyRoutes({ pool, verifier, blobs, log }: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const privacy = requireScope(verifier, 'privacy');
    const tags: ['privacy'] = ['privacy'];

    app.delete(
      '/v1/customers/:id',
      {
        preHandler: privacy,
        schema: operation({
          operationId: 'eraseCustomer',
          tags,
          summary: 'Erase a customer',
          description:
            'Erases the person (GDPR art. 17, 152-FZ): the customer and every customer merged into it lose their name and identities; their tickets stay as anonymous shells (status, counts, timestamps: the statistics stay right) whose messages lose texts, html, subjects, addresses, attachments (files no other customer’s message uses) and raw mail; events, webhook deliveries and queued replies about them keep only ids. A `customer.erased` event (ids only) follows, so helpdesks erase their copies too. Idempotent: erasing an erased customer answers 204 again and changes nothing; an id that never existed answers 404. A message the same person sends later starts a new customer; a record of theirs received before the erasure and replayed from a dead-letter topic is dropped. Scope `privacy`.',
          params: CustomerIdParams,
          responses: { 204: { description: 'Erased (now or before).' } },
          problems: ['not-found'],
        }),
      },
      async (request, reply) => {
        const result = await withTransaction(pool, (client) =>
          eraseCustomer(client, {
            customerId: request.params.id,
            apiKeyId: request.principal?.id,
            now: new Date(),
          }),
        );
        if (!result) throw notFound(`no customer ${request.params.id}`);
        if (result.orphanBlobIds.length > 0) {
          // After the commit: a blob store outside PostgreSQL cannot share the transaction. A
          // failure here leaves unreferenced bytes that the retention job removes.
          await blobs.delete(result.orphanBlobIds).catch((err: unknown) => {
            log.warn({ err, customerId: result.customerId }, 'erased blobs not deleted yet');
          });
        }
        if (result.erased)
          log.info({ customerId: result.customerId, counts: result.counts }, 'customer erased');
        return reply.code(204).send();
      },
    );

    app.get(
      '/v1/customers/:id/export',
      {
        preHandler: privacy,
        schema: operation({
          operationId: 'exportCustomer',
          tags,
          summary: 'Export a customer’s data',
          description:
            'Everything held about the person (GDPR art. 15, 152-FZ art. 14): the customer with its identities, every ticket and every message (with attachments’ metadata and download links), the customers merged into it included, as one JSON document. An erased customer is not found. Scope `privacy`.',
          params: CustomerIdParams,
          responses: { 200: { description: 'The document.', schema: CustomerExport } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        return withTransaction(pool, async (client) => {
          const customer = await getCustomer(client, request.params.id);
          if (!customer) throw notFound(`no customer ${request.params.id}`);
          const records = await customerRecords(client, customer.id);
          await recordPrivacyAudit(client, {
            action: 'export',
            customerId: customer.id,
            apiKeyId: request.principal?.id,
            counts: { tickets: records.tickets.length, messages: records.messages.length },
            at: new Date(),
          });
          return {
            exportedAt: new Date().toISOString(),
            customer,
            mergedCustomerIds: records.customerIds.filter((id) => id !== customer.id),
            tickets: records.tickets,
            messages: records.messages,
          };
        });
      },
    );
  };
}
