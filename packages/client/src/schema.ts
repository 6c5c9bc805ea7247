// Generated from the ticket API's /openapi.json by openapi-typescript. Do not edit:
// regenerate with `pnpm --filter @omni/client generate` (a test fails when this file is stale).

export interface paths {
  '/v1/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List tickets
     * @description Newest first; with `updatedSince`, oldest change first (sync). Filters combine; `number` finds one ticket by the number people quote. Scope `tickets:read`.
     */
    get: operations['listTickets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tickets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a ticket
     * @description One ticket with its counters and SLA state. Scope `tickets:read`.
     */
    get: operations['getTicket'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update a ticket
     * @description Change status, assignee, group, priority or tags; emits `ticket.updated` with what changed. Scope `tickets:write`.
     */
    patch: operations['updateTicket'];
    trace?: never;
  };
  '/v1/tickets/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a ticket’s messages
     * @description The conversation in order (sent time, then received time): the customer’s messages, replies and notes. Scope `tickets:read`.
     */
    get: operations['listTicketMessages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tickets/{id}/replies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reply to the customer
     * @description Queued for the channel adapter (202); `deliveryStatus` moves to `sent` or `failed` as the platform answers (`message.delivery_updated`). A web form cannot carry replies: on a web-form ticket the reply leaves by email (the address the customer typed, else their email identity) from the form's `replyEmailAccount` or the first email account; without either, 409. Channels with a reply window (WhatsApp, Messenger, Instagram: 24 hours after the customer last wrote there) refuse a reply after it with 409 `reply-window-closed`, unless the account configures a way past it (a WhatsApp `windowTemplate`, which is then sent instead of the text; a `HUMAN_AGENT` message tag: 7 days). Scope `tickets:write`.
     */
    post: operations['createReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tickets/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add an internal note
     * @description A note for colleagues, kept in the conversation and never sent to anyone. Scope `tickets:write`.
     */
    post: operations['createNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tickets/{id}/typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Tell the customer an agent is typing
     * @description Shown by channels that can show it (the live chat: "Support is typing…" for a few seconds); call it again while typing. Fleeting: nothing is stored, and a customer not connected at that moment never sees it. Scope `tickets:write`.
     */
    post: operations['signalTyping'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tickets/{id}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Merge a ticket into another
     * @description Moves every message of this ticket into `intoTicketId` (of the same customer) and closes this one, which keeps pointing at it. Scope `tickets:write`.
     */
    post: operations['mergeTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Find customers
     * @description Newest first. `email`, `phone` and `identity` find a customer by an identity (normalized as threading does); `q` searches names and identity values. Scope `customers:read`.
     */
    get: operations['listCustomers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a customer
     * @description The customer with every identity. A merged-away id answers with the customer it was merged into. Scope `customers:read`.
     */
    get: operations['getCustomer'];
    put?: never;
    post?: never;
    /**
     * Erase a customer
     * @description Erases the person (GDPR art. 17, 152-FZ): the customer and every customer merged into it lose their name and identities; their tickets stay as anonymous shells (status, counts, timestamps: the statistics stay right) whose messages lose texts, html, subjects, addresses, attachments (files no other customer’s message uses) and raw mail; events, webhook deliveries and queued replies about them keep only ids. A `customer.erased` event (ids only) follows, so helpdesks erase their copies too. Idempotent: erasing an erased customer answers 204 again and changes nothing; an id that never existed answers 404. A message the same person sends later starts a new customer; a record of theirs received before the erasure and replayed from a dead-letter topic is dropped. Scope `privacy`.
     */
    delete: operations['eraseCustomer'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a customer’s timeline
     * @description Every message of every ticket on every channel, in time order: the customer’s one conversation history. Scope `customers:read`.
     */
    get: operations['listCustomerTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Merge another customer into this one
     * @description Moves the other customer’s identities, tickets and messages here; its id keeps resolving to this one. Undo with `unmergeCustomer`. Scope `customers:write`.
     */
    post: operations['mergeCustomer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/unmerge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Undo a merge
     * @description Gives the merged customer back what it brought (identities, tickets, messages). Scope `customers:write`.
     */
    post: operations['unmergeCustomer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/merges': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a customer’s merges
     * @description Merges (automatic and manual, undone ones too) and recorded identity conflicts. Scope `customers:read`.
     */
    get: operations['listCustomerMerges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/identities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Link an identity
     * @description Adds an email, phone or platform id to the customer (normalized). One that belongs to another customer is refused: merge the customers instead. Scope `customers:write`.
     */
    post: operations['addCustomerIdentity'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/identities/{identityId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Unlink an identity
     * @description Removes one identity of the customer. Scope `customers:write`.
     */
    delete: operations['removeCustomerIdentity'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export a customer’s data
     * @description Everything held about the person (GDPR art. 15, 152-FZ art. 14): the customer with its identities, every ticket and every message (with attachments’ metadata and download links), the customers merged into it included, as one JSON document. An erased customer is not found. Scope `privacy`.
     */
    get: operations['exportCustomer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/attachments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download an attachment
     * @description The stored bytes with their media type, always as a download (`Content-Disposition: attachment`); a single `Range: bytes=` request answers 206 with that part. Scope `tickets:read`.
     */
    get: operations['downloadAttachment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read the change feed
     * @description Every domain event in commit order. Poll again with `nextCursor` as `after`; it stays the same while nothing new arrived, and an event committed late never appears behind a cursor already passed. Scope `tickets:read`.
     */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List subscriptions
     * @description Oldest first, disabled ones too. Scope `webhooks:manage`.
     */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Subscribe a URL to events
     * @description Deliveries are signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the returned `secret`, retried with exponential backoff for about 27 hours; a subscription whose deliveries fail for the whole schedule is disabled (event `webhook.disabled`). Events recorded from now on are delivered; the `webhooks` section describes each body. Scope `webhooks:manage`.
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a subscription
     * @description Its state, with the rotation state of its signing secret (never the secret itself). Scope `webhooks:manage`.
     */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /**
     * Delete a subscription
     * @description Stops its deliveries (pending ones are dropped). Scope `webhooks:manage`.
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a subscription’s signing secret
     * @description Issues a new secret (returned only here). For the grace period the previous secret keeps signing too: every delivery’s `webhook-signature` carries both `v1,` signatures, space-separated as Standard Webhooks allows, so a receiver verifying with either secret keeps working until it is given the new one; afterwards only the new one signs. Rotating again during an overlap drops the oldest secret. Scope `webhooks:manage`.
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a subscription’s deliveries
     * @description Newest first, each with every attempt. Scope `webhooks:manage`.
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Wait for customers typing
     * @description A long poll: answers as soon as a customer types (live chat; at most one signal every 3 s per customer), or an empty list after `wait` seconds; poll again at once to keep watching. Fleeting: nothing is stored or replayed, so it is not in the change feed or webhooks; a visitor’s "read up to" is there, as `message.delivery_updated` with status `read`. Scope `tickets:read`.
     */
    get: operations['waitForTyping'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'ticket.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * ticket.created
     * @description A new ticket was started by a customer’s message. A subscription with `payload: full` also gets `data.ticket`, the ticket as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onTicketCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'ticket.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * ticket.updated
     * @description A ticket changed: status, assignee, group, priority, tags, routing, a merge, a reopen. A subscription with `payload: full` also gets `data.ticket`, the ticket as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onTicketUpdated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'message.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * message.created
     * @description A message was added to a ticket: from the customer, a reply (also automatic ones) or a note. A subscription with `payload: full` also gets `data.message`, the message as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onMessageCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'message.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * message.updated
     * @description The customer edited a message (the text changed; the previous version is kept). A subscription with `payload: full` also gets `data.message`, the message as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onMessageUpdated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'message.delivery_updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * message.delivery_updated
     * @description An outbound message was sent, failed, delivered or read. A subscription with `payload: full` also gets `data.message`, the message as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onMessageDeliveryUpdated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'customer.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * customer.created
     * @description A new customer was recognised. A subscription with `payload: full` also gets `data.customer`, the customer as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onCustomerCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'customer.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * customer.updated
     * @description A customer’s identities changed (linked, unlinked) or a merge of theirs was undone. A subscription with `payload: full` also gets `data.customer`, the customer as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onCustomerUpdated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'customer.merged': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * customer.merged
     * @description Another customer was merged into this one (automatically or by a person). A subscription with `payload: full` also gets `data.customer`, the customer as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onCustomerMerged'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'ticket.rated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * ticket.rated
     * @description The customer answered the satisfaction survey of a resolved ticket (once per ticket). A subscription with `payload: full` also gets `data.ticket`, the ticket as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onTicketRated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'customer.erased': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * customer.erased
     * @description A customer was erased on request (`DELETE /v1/customers/{id}`): erase your copies of them, their tickets and messages too. Ids only. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onCustomerErased'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'sla.warning': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * sla.warning
     * @description An SLA clock passed its warning share of the target (once per ticket and clock). A subscription with `payload: full` also gets `data.ticket`, the ticket as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onSlaWarning'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'sla.breached': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * sla.breached
     * @description An SLA clock passed its due time unmet (once per ticket and clock). A subscription with `payload: full` also gets `data.ticket`, the ticket as the API answered it right after the event. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onSlaBreached'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'announcement.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * announcement.created
     * @description An outage notice was set (acknowledgements carry it while it is active). Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onAnnouncementCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'announcement.deleted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * announcement.deleted
     * @description An outage notice was removed. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onAnnouncementDeleted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'webhook.disabled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * webhook.disabled
     * @description A webhook subscription was disabled after its deliveries failed for the whole retry schedule. Sent to the subscription’s `url`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
     */
    post: operations['onWebhookDisabled'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /**
     * @description `data` of `announcement.created`: An outage notice was set (acknowledgements carry it while it is active).
     * @example {
     *       "announcement": {
     *         "id": "5f7b9d1f-3b5d-4f7b-9d1f-3b5d7f9b1d3f",
     *         "texts": {
     *           "en": "Deliveries in Moscow are delayed by a day."
     *         },
     *         "channels": [],
     *         "startsAt": "2026-03-02T08:00:00.000Z",
     *         "endsAt": null
     *       }
     *     }
     */
    AnnouncementCreatedData: {
      /** @description The notice. */
      announcement: {
        /** Format: uuid */
        id: string;
        /** @description The notice per language. */
        texts: {
          [key: string]: string;
        };
        /** @description Channels whose acknowledgements carry it; empty: all. */
        channels: string[];
        /**
         * Format: date-time
         * @description From when.
         */
        startsAt: string;
        /** @description Until when; null: until deleted. */
        endsAt: string | null;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `announcement.created`: An outage notice was set (acknowledgements carry it while it is active).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "announcement.created",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "announcement": {
     *           "id": "5f7b9d1f-3b5d-4f7b-9d1f-3b5d7f9b1d3f",
     *           "texts": {
     *             "en": "Deliveries in Moscow are delayed by a day."
     *           },
     *           "channels": [],
     *           "startsAt": "2026-03-02T08:00:00.000Z",
     *           "endsAt": null
     *         }
     *       }
     *     }
     */
    AnnouncementCreatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'announcement.created';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['AnnouncementCreatedData'];
    };
    /**
     * @description `data` of `announcement.deleted`: An outage notice was removed.
     * @example {
     *       "announcementId": "5f7b9d1f-3b5d-4f7b-9d1f-3b5d7f9b1d3f"
     *     }
     */
    AnnouncementDeletedData: {
      /**
       * Format: uuid
       * @description The notice removed.
       */
      announcementId: string;
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `announcement.deleted`: An outage notice was removed.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "announcement.deleted",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "announcementId": "5f7b9d1f-3b5d-4f7b-9d1f-3b5d7f9b1d3f"
     *       }
     *     }
     */
    AnnouncementDeletedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'announcement.deleted';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['AnnouncementDeletedData'];
    };
    /**
     * @description A file of a message.
     * @example {
     *       "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *       "name": "invoice-1042.pdf",
     *       "mimeType": "application/pdf",
     *       "size": 48213,
     *       "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     *       "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *       "skipped": null
     *     }
     */
    Attachment: {
      /**
       * Format: uuid
       * @description The attachment id.
       */
      id: string;
      /** @description The file name the sender gave it. */
      name: string;
      /** @description Its media type as sent. */
      mimeType: string;
      /** @description Bytes. */
      size: number;
      /** @description Hex SHA-256 of the bytes; null when they were not stored. */
      sha256: string | null;
      /** @description Where to download it (`GET /v1/attachments/{id}`, relative to the API); null when not stored. */
      url: string | null;
      /** @description Why the bytes were not stored (too large, the platform refused); null when stored. */
      skipped: string | null;
    };
    /**
     * @description A channel customers write from.
     * @example telegram
     * @enum {string}
     */
    Channel:
      | 'email'
      | 'telegram'
      | 'viber'
      | 'facebook'
      | 'vk'
      | 'webform'
      | 'whatsapp'
      | 'instagram'
      | 'max'
      | 'livechat';
    /**
     * @description The customer’s satisfaction rating of a resolved ticket.
     * @example {
     *       "score": 5,
     *       "scale": "five",
     *       "comment": null,
     *       "channel": "telegram",
     *       "at": "2026-03-02T12:40:00.000Z"
     *     }
     */
    CsatRating: {
      /** @description 1 (worst) to 5 (best); on the thumbs scale a thumbs-up is 5 and a thumbs-down 1. */
      score: number;
      /**
       * @description The scale the survey offered.
       * @enum {string}
       */
      scale: 'five' | 'thumbs';
      /** @description What the customer wrote on the rating page, if anything. */
      comment: string | null;
      channel: components['schemas']['Channel'];
      /**
       * Format: date-time
       * @description When the customer answered.
       */
      at: string;
    };
    /**
     * @description A person, recognised by their identities on every channel.
     * @example {
     *       "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "displayName": "Anna",
     *       "identities": [
     *         {
     *           "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
     *           "kind": "email",
     *           "value": "anna@example.com",
     *           "verified": true
     *         }
     *       ],
     *       "createdAt": "2026-02-11T17:02:45.310Z",
     *       "updatedAt": "2026-03-02T09:15:27.120Z",
     *       "ticketCount": 3
     *     }
     */
    Customer: {
      /**
       * Format: uuid
       * @description The customer id (a merged-away id answers with the survivor).
       */
      id: string;
      /** @description A name to show; never used to recognise anyone. */
      displayName: string | null;
      identities: components['schemas']['Identity'][];
      /**
       * Format: date-time
       * @description When the customer was first seen.
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description When an identity or the name last changed.
       */
      updatedAt: string;
      /** @description Tickets of this customer. */
      ticketCount: number;
    };
    /**
     * @description `data` of `customer.created`: A new customer was recognised.
     * @example {
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60"
     *     }
     */
    CustomerCreatedData: {
      /**
       * Format: uuid
       * @description The customer.
       */
      customerId: string;
      /** @description Full events only: the customer as `GET /v1/customers/{id}` answers. */
      customer?: components['schemas']['Customer'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `customer.created`: A new customer was recognised.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "customer.created",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60"
     *       }
     *     }
     */
    CustomerCreatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'customer.created';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['CustomerCreatedData'];
    };
    /**
     * @description `data` of `customer.erased`: A customer was erased on request (`DELETE /v1/customers/{id}`): erase your copies of them, their tickets and messages too. Ids only.
     * @example {
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "customerIds": [
     *         "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d"
     *       ],
     *       "ticketIds": [
     *         "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31"
     *       ]
     *     }
     */
    CustomerErasedData: {
      /**
       * Format: uuid
       * @description The customer erased.
       */
      customerId: string;
      /** @description It and every customer merged into it (all erased). */
      customerIds: string[];
      /** @description Their tickets: kept as anonymous shells (counts and timestamps), every message emptied. */
      ticketIds: string[];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `customer.erased`: A customer was erased on request (`DELETE /v1/customers/{id}`): erase your copies of them, their tickets and messages too. Ids only.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "customer.erased",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "customerIds": [
     *           "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *           "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d"
     *         ],
     *         "ticketIds": [
     *           "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31"
     *         ]
     *       }
     *     }
     */
    CustomerErasedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'customer.erased';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['CustomerErasedData'];
    };
    /**
     * @description Everything held about a person (GDPR art. 15, 152-FZ art. 14), as one document.
     * @example {
     *       "exportedAt": "2026-03-02T09:15:27.120Z",
     *       "customer": {
     *         "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "displayName": "Anna",
     *         "identities": [
     *           {
     *             "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
     *             "kind": "email",
     *             "value": "anna@example.com",
     *             "verified": true
     *           }
     *         ],
     *         "createdAt": "2026-02-11T17:02:45.310Z",
     *         "updatedAt": "2026-03-02T09:15:27.120Z",
     *         "ticketCount": 3
     *       },
     *       "mergedCustomerIds": [],
     *       "tickets": [
     *         {
     *           "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *           "number": 1042,
     *           "status": "open",
     *           "subject": "Where is my order?",
     *           "topic": "delivery",
     *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *           "channels": [
     *             "telegram"
     *           ],
     *           "priority": "normal",
     *           "assignee": "kate",
     *           "group": "support",
     *           "tags": [
     *             "order"
     *           ],
     *           "createdAt": "2026-03-02T09:15:27.120Z",
     *           "updatedAt": "2026-03-02T09:20:03.004Z",
     *           "lastMessageAt": "2026-03-02T09:15:26.000Z",
     *           "firstResponseAt": null,
     *           "messageCount": 2,
     *           "mergedIntoTicketId": null,
     *           "routingRule": "orders",
     *           "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
     *           "resolutionDueAt": "2026-03-03T09:15:27.120Z",
     *           "firstResponseBreached": false,
     *           "resolutionBreached": false,
     *           "csat": null
     *         }
     *       ],
     *       "messages": [
     *         {
     *           "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *           "direction": "inbound",
     *           "channel": "telegram",
     *           "account": "shop-bot",
     *           "externalId": "1001:57",
     *           "sentAt": "2026-03-02T09:15:26.000Z",
     *           "receivedAt": "2026-03-02T09:15:27.080Z",
     *           "text": "Where is my order 5521? Invoice attached.",
     *           "html": null,
     *           "subject": null,
     *           "sender": {
     *             "displayName": "Anna",
     *             "identity": "1001"
     *           },
     *           "author": null,
     *           "attachments": [
     *             {
     *               "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *               "name": "invoice-1042.pdf",
     *               "mimeType": "application/pdf",
     *               "size": 48213,
     *               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     *               "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *               "skipped": null
     *             }
     *           ],
     *           "deliveryStatus": null,
     *           "deliveryError": null,
     *           "editedAt": null
     *         }
     *       ]
     *     }
     */
    CustomerExport: {
      /**
       * Format: date-time
       * @description When this document was made.
       */
      exportedAt: string;
      /** @description The customer with every identity (email, phone, platform ids). */
      customer: components['schemas']['Customer'];
      /** @description Customers merged into this one: their identities, tickets and messages are included. */
      mergedCustomerIds: string[];
      /** @description Every ticket of the customer, oldest first. */
      tickets: components['schemas']['Ticket'][];
      /** @description Every message of those tickets (theirs, replies and notes), in conversation order; each attachment with its metadata and download link (`url`, scope `tickets:read`). */
      messages: components['schemas']['Message'][];
    };
    /**
     * @description One merge of `mergedId` into `survivorId`, automatic or manual, and whether it was undone.
     * @example {
     *       "id": "4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e",
     *       "survivorId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "mergedId": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d",
     *       "reason": "automatic",
     *       "actor": null,
     *       "trigger": {
     *         "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81"
     *       },
     *       "moved": {
     *         "identities": 1,
     *         "tickets": 1,
     *         "messages": 4
     *       },
     *       "createdAt": "2026-03-02T09:15:27.120Z",
     *       "undoneAt": null,
     *       "undoneBy": null
     *     }
     */
    CustomerMerge: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      survivorId: string;
      /** Format: uuid */
      mergedId: string;
      /** @enum {string} */
      reason: 'automatic' | 'manual';
      actor: string | null;
      trigger: {
        [key: string]: unknown;
      } | null;
      moved: {
        identities: number;
        tickets: number;
        messages: number;
      };
      createdAt: string;
      undoneAt: string | null;
      undoneBy: string | null;
    };
    /**
     * @description `data` of `customer.merged`: Another customer was merged into this one (automatically or by a person).
     * @example {
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "mergedCustomerId": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d",
     *       "mergeId": "4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e",
     *       "reason": "automatic",
     *       "moved": {
     *         "identities": 1,
     *         "tickets": 1,
     *         "messages": 4
     *       }
     *     }
     */
    CustomerMergedData: {
      /**
       * Format: uuid
       * @description The surviving customer.
       */
      customerId: string;
      /**
       * Format: uuid
       * @description The customer merged away (its id keeps resolving to the survivor).
       */
      mergedCustomerId: string;
      /**
       * Format: uuid
       * @description The merge (undo it with `POST /v1/customers/{id}/unmerge`).
       */
      mergeId: string;
      /**
       * @description Who merged.
       * @enum {string}
       */
      reason: 'automatic' | 'manual';
      /** @description How many rows moved to the survivor. */
      moved: {
        identities: number;
        tickets: number;
        messages: number;
      };
      /** @description Full events only: the customer as `GET /v1/customers/{id}` answers. */
      customer?: components['schemas']['Customer'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `customer.merged`: Another customer was merged into this one (automatically or by a person).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "customer.merged",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "mergedCustomerId": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d",
     *         "mergeId": "4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e",
     *         "reason": "automatic",
     *         "moved": {
     *           "identities": 1,
     *           "tickets": 1,
     *           "messages": 4
     *         }
     *       }
     *     }
     */
    CustomerMergedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'customer.merged';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['CustomerMergedData'];
    };
    /**
     * @description Which customer to merge into this one.
     * @example {
     *       "customerId": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d"
     *     }
     */
    CustomerMergeRequest: {
      /**
       * Format: uuid
       * @description The customer to merge into this one.
       */
      customerId: string;
    };
    /**
     * @description A customer’s merges and recorded identity conflicts.
     * @example {
     *       "merges": [],
     *       "conflicts": []
     *     }
     */
    CustomerMerges: {
      /** @description Newest first. */
      merges: components['schemas']['CustomerMerge'][];
      /** @description Identity claims that could not merge anyone. */
      conflicts: components['schemas']['IdentityConflict'][];
    };
    /**
     * @description A page of Customer items.
     * @example {
     *       "data": [
     *         {
     *           "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *           "displayName": "Anna",
     *           "identities": [
     *             {
     *               "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
     *               "kind": "email",
     *               "value": "anna@example.com",
     *               "verified": true
     *             }
     *           ],
     *           "createdAt": "2026-02-11T17:02:45.310Z",
     *           "updatedAt": "2026-03-02T09:15:27.120Z",
     *           "ticketCount": 3
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    CustomerPage: {
      /** @description This page, in the list’s order. */
      data: components['schemas']['Customer'][];
      /** @description Pass it back as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @description `data` of `customer.updated`: A customer’s identities changed (linked, unlinked) or a merge of theirs was undone.
     * @example {
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "change": "identity-linked",
     *       "kind": "phone"
     *     }
     */
    CustomerUpdatedData: {
      /**
       * Format: uuid
       * @description The customer.
       */
      customerId: string;
      /**
       * @description What changed.
       * @enum {string}
       */
      change: 'identity-linked' | 'identity-unlinked' | 'unmerged';
      /** @description `identity-linked`: the kind of identity. */
      kind?: components['schemas']['IdentityKind'];
      /**
       * Format: uuid
       * @description `identity-unlinked`: the identity removed.
       */
      identityId?: string;
      /**
       * Format: uuid
       * @description `unmerged`: the merge undone.
       */
      mergeId?: string;
      /**
       * Format: uuid
       * @description `unmerged`: the other customer of that merge.
       */
      otherCustomerId?: string;
      /** @description Full events only: the customer as `GET /v1/customers/{id}` answers. */
      customer?: components['schemas']['Customer'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `customer.updated`: A customer’s identities changed (linked, unlinked) or a merge of theirs was undone.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "customer.updated",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "change": "identity-linked",
     *         "kind": "phone"
     *       }
     *     }
     */
    CustomerUpdatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'customer.updated';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['CustomerUpdatedData'];
    };
    /**
     * @description Why the platform refused an outbound message.
     * @example {
     *       "code": "blocked",
     *       "message": "Forbidden: bot was blocked by the user"
     *     }
     */
    DeliveryError: {
      /** @description A stable code (`blocked`, `rate-limited`, …). */
      code: string;
      /** @description The platform’s words. */
      message: string;
    };
    /**
     * @description Where an outbound message is: `queued` → `sent` or `failed` → `delivered` → `read` (never backwards).
     * @example sent
     * @enum {string}
     */
    DeliveryStatus: 'queued' | 'sent' | 'failed' | 'delivered' | 'read';
    /**
     * @description A change in the domain, as the change feed lists it (webhooks deliver the same events).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "ticket.created",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "number": 1042,
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "channel": "telegram"
     *       }
     *     }
     */
    Event: {
      /**
       * Format: uuid
       * @description The event id (the `id` of the webhook deliveries of this event too).
       */
      id: string;
      type: components['schemas']['EventType'];
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      /** @description What happened: the ids involved and what changed (per type: see the `webhooks` section). */
      data: {
        [key: string]: unknown;
      };
    };
    /**
     * @description A page of Event items.
     * @example {
     *       "data": [
     *         {
     *           "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *           "type": "ticket.created",
     *           "occurredAt": "2026-03-02T09:15:27.120Z",
     *           "data": {
     *             "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *             "number": 1042,
     *             "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *             "channel": "telegram"
     *           }
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    EventPage: {
      /** @description This page, in the list’s order. */
      data: components['schemas']['Event'][];
      /** @description Pass it back as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @description What happened.
     * @example ticket.created
     * @enum {string}
     */
    EventType:
      | 'ticket.created'
      | 'ticket.updated'
      | 'message.created'
      | 'message.updated'
      | 'message.delivery_updated'
      | 'customer.created'
      | 'customer.updated'
      | 'customer.merged'
      | 'ticket.rated'
      | 'customer.erased'
      | 'sla.warning'
      | 'sla.breached'
      | 'announcement.created'
      | 'announcement.deleted'
      | 'webhook.disabled';
    /**
     * @description One way to recognise a customer.
     * @example {
     *       "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
     *       "kind": "email",
     *       "value": "anna@example.com",
     *       "verified": true
     *     }
     */
    Identity: {
      /**
       * Format: uuid
       * @description The identity id.
       */
      id: string;
      kind: components['schemas']['IdentityKind'];
      /** @description Normalized: a lower-cased email address, an E.164 phone, a platform user id. */
      value: string;
      /** @description The platform or protocol vouches for it (a channel user id, an email `From`); typed values are not. */
      verified: boolean;
    };
    /**
     * @description An identity one customer’s message claimed while another customer holds it, kept for a person to decide.
     * @example {
     *       "id": "1a3c5e7a-9c1e-4a3c-8e7a-9c1e3a5c7e9a",
     *       "kind": "email",
     *       "value": "anna@example.com",
     *       "ownerCustomerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "claimantCustomerId": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d",
     *       "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *       "claimVerified": false,
     *       "createdAt": "2026-03-02T09:15:27.120Z",
     *       "resolvedAt": null
     *     }
     */
    IdentityConflict: {
      /** Format: uuid */
      id: string;
      kind: string;
      value: string;
      /** Format: uuid */
      ownerCustomerId: string;
      /** Format: uuid */
      claimantCustomerId: string;
      messageId: string | null;
      claimVerified: boolean;
      createdAt: string;
      resolvedAt: string | null;
    };
    /**
     * @description What an identity is: an email address, an E.164 phone number or a platform user id.
     * @example email
     * @enum {string}
     */
    IdentityKind:
      | 'email'
      | 'phone'
      | 'telegram'
      | 'viber'
      | 'facebook'
      | 'vk'
      | 'whatsapp'
      | 'instagram'
      | 'max'
      | 'livechat';
    /**
     * @description One message of a ticket: from the customer, a reply to them, or an internal note.
     * @example {
     *       "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "direction": "inbound",
     *       "channel": "telegram",
     *       "account": "shop-bot",
     *       "externalId": "1001:57",
     *       "sentAt": "2026-03-02T09:15:26.000Z",
     *       "receivedAt": "2026-03-02T09:15:27.080Z",
     *       "text": "Where is my order 5521? Invoice attached.",
     *       "html": null,
     *       "subject": null,
     *       "sender": {
     *         "displayName": "Anna",
     *         "identity": "1001"
     *       },
     *       "author": null,
     *       "attachments": [
     *         {
     *           "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *           "name": "invoice-1042.pdf",
     *           "mimeType": "application/pdf",
     *           "size": 48213,
     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     *           "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *           "skipped": null
     *         }
     *       ],
     *       "deliveryStatus": null,
     *       "deliveryError": null,
     *       "editedAt": null
     *     }
     */
    Message: {
      /**
       * Format: uuid
       * @description The message id (deterministic for inbound messages: a redelivery is the same message).
       */
      id: string;
      /**
       * Format: uuid
       * @description The ticket it belongs to.
       */
      ticketId: string;
      /**
       * Format: uuid
       * @description The customer of the conversation.
       */
      customerId: string;
      direction: components['schemas']['MessageDirection'];
      channel: components['schemas']['Channel'];
      /** @description The channel account (bot, page, mailbox) it came in or left through. */
      account: string;
      /** @description The platform’s id of the message; null until an outbound one is sent. */
      externalId: string | null;
      /**
       * Format: date-time
       * @description When it was sent (the platform’s time for inbound messages).
       */
      sentAt: string;
      /**
       * Format: date-time
       * @description When omni received or created it.
       */
      receivedAt: string;
      /** @description The text (plain; for email the text part or the HTML rendered as text). */
      text: string;
      /** @description The HTML body of an email; null otherwise. */
      html: string | null;
      /** @description The email subject; null otherwise. */
      subject: string | null;
      sender: components['schemas']['MessageSender'];
      /** @description The agent who wrote a reply or note; null for inbound messages. */
      author: string | null;
      attachments: components['schemas']['Attachment'][];
      /** @description For outbound messages; null otherwise. */
      deliveryStatus: components['schemas']['DeliveryStatus'] | null;
      /** @description The platform’s refusal when `deliveryStatus` is `failed`. */
      deliveryError: components['schemas']['DeliveryError'] | null;
      /** @description When the customer last edited it; null if never. */
      editedAt: string | null;
    };
    /**
     * @description `data` of `message.created`: A message was added to a ticket: from the customer, a reply (also automatic ones) or a note.
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *       "direction": "inbound",
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "channel": "telegram"
     *     }
     */
    MessageCreatedData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /**
       * Format: uuid
       * @description The message.
       */
      messageId: string;
      direction: components['schemas']['MessageDirection'];
      /**
       * Format: uuid
       * @description The customer.
       */
      customerId?: string;
      channel?: components['schemas']['Channel'];
      /** @description True for an automatic acknowledgement. */
      automatic?: boolean;
      /** @description Full events only: the message as the API lists it. */
      message?: components['schemas']['Message'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `message.created`: A message was added to a ticket: from the customer, a reply (also automatic ones) or a note.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "message.created",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *         "direction": "inbound",
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "channel": "telegram"
     *       }
     *     }
     */
    MessageCreatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'message.created';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['MessageCreatedData'];
    };
    /**
     * @description `data` of `message.delivery_updated`: An outbound message was sent, failed, delivered or read.
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *       "deliveryStatus": "sent",
     *       "error": null
     *     }
     */
    MessageDeliveryUpdatedData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /**
       * Format: uuid
       * @description The message.
       */
      messageId: string;
      deliveryStatus: components['schemas']['DeliveryStatus'];
      /** @description The platform’s refusal when the status is `failed`. */
      error: components['schemas']['DeliveryError'] | null;
      /** @description Full events only: the message as the API lists it. */
      message?: components['schemas']['Message'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `message.delivery_updated`: An outbound message was sent, failed, delivered or read.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "message.delivery_updated",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *         "deliveryStatus": "sent",
     *         "error": null
     *       }
     *     }
     */
    MessageDeliveryUpdatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'message.delivery_updated';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['MessageDeliveryUpdatedData'];
    };
    /**
     * @description `inbound`: from the customer; `outbound`: a reply to the customer; `note`: internal, never sent.
     * @example inbound
     * @enum {string}
     */
    MessageDirection: 'inbound' | 'outbound' | 'note';
    /**
     * @description A page of Message items.
     * @example {
     *       "data": [
     *         {
     *           "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *           "direction": "inbound",
     *           "channel": "telegram",
     *           "account": "shop-bot",
     *           "externalId": "1001:57",
     *           "sentAt": "2026-03-02T09:15:26.000Z",
     *           "receivedAt": "2026-03-02T09:15:27.080Z",
     *           "text": "Where is my order 5521? Invoice attached.",
     *           "html": null,
     *           "subject": null,
     *           "sender": {
     *             "displayName": "Anna",
     *             "identity": "1001"
     *           },
     *           "author": null,
     *           "attachments": [
     *             {
     *               "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *               "name": "invoice-1042.pdf",
     *               "mimeType": "application/pdf",
     *               "size": 48213,
     *               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     *               "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
     *               "skipped": null
     *             }
     *           ],
     *           "deliveryStatus": null,
     *           "deliveryError": null,
     *           "editedAt": null
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    MessagePage: {
      /** @description This page, in the list’s order. */
      data: components['schemas']['Message'][];
      /** @description Pass it back as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @description Who sent a message, as the channel named them.
     * @example {
     *       "displayName": "Anna",
     *       "identity": "1001"
     *     }
     */
    MessageSender: {
      /** @description The name the platform shows for the sender. */
      displayName: string | null;
      /** @description The sender’s address on the channel (email address, user id). */
      identity: string | null;
    };
    /**
     * @description `data` of `message.updated`: The customer edited a message (the text changed; the previous version is kept).
     * @example {
     *       "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *       "edited": true
     *     }
     */
    MessageUpdatedData: {
      /**
       * Format: uuid
       * @description The message.
       */
      messageId: string;
      /** @description Always true: the text was edited. */
      edited: boolean;
      /** @description Full events only: the message as the API lists it. */
      message?: components['schemas']['Message'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `message.updated`: The customer edited a message (the text changed; the previous version is kept).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "message.updated",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "messageId": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
     *         "edited": true
     *       }
     *     }
     */
    MessageUpdatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'message.updated';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['MessageUpdatedData'];
    };
    /**
     * @description A file sent with a reply.
     * @example {
     *       "name": "label.txt",
     *       "mimeType": "text/plain",
     *       "contentBase64": "VHJhY2tpbmc6IDEyMzQ1"
     *     }
     */
    NewAttachment: {
      /** @description The file name the customer will see. */
      name: string;
      /** @description Its media type. */
      mimeType: string;
      /**
       * Format: base64
       * @description The bytes, base64 (at most about 500 KiB).
       */
      contentBase64: string;
    };
    /**
     * @description An identity to link to the customer.
     * @example {
     *       "kind": "phone",
     *       "value": "+7 912 345-67-89",
     *       "verified": false
     *     }
     */
    NewIdentity: {
      kind: components['schemas']['IdentityKind'];
      /** @description As typed: it is normalized (lower-cased email, E.164 phone). */
      value: string;
      /**
       * @description Whether you vouch for it (a verified identity can merge customers).
       * @default false
       */
      verified?: boolean;
    };
    /**
     * @description An internal note: kept with the ticket, never sent.
     * @example {
     *       "text": "VIP customer: call back before noon.",
     *       "author": "Kate"
     *     }
     */
    NewNote: {
      /** @description The note. */
      text: string;
      /** @description The agent; default: the API key’s name. */
      author?: string;
    };
    /**
     * @description A reply to the customer.
     * @example {
     *       "text": "Your order ships today.",
     *       "author": "Kate"
     *     }
     */
    NewReply: {
      /** @description The reply as plain text. */
      text: string;
      /** @description An HTML version (email only). */
      html?: string;
      /** @description Default: the channel of the customer's last inbound message. */
      channel?: components['schemas']['Channel'];
      /** @description The agent, as the helpdesk names them. */
      author?: string;
      /** @description Files to send with it (at most 10). */
      attachments?: components['schemas']['NewAttachment'][];
    };
    /**
     * @description A URL and the event types to deliver to it.
     * @example {
     *       "url": "https://helpdesk.example/hooks/omni",
     *       "events": [
     *         "message.created",
     *         "message.delivery_updated"
     *       ],
     *       "payload": "full"
     *     }
     */
    NewWebhookSubscription: {
      /**
       * Format: uri
       * @description Where to post deliveries (http or https).
       */
      url: string;
      /** @description The event types to deliver (repeats count once). */
      events: components['schemas']['EventType'][];
      /** @default thin */
      payload?: components['schemas']['WebhookPayload'];
    };
    /**
     * @description An error (RFC 9457 problem details, `application/problem+json`). `type` is one of a closed list; each operation documents the types it can answer with.
     * @example {
     *       "type": "urn:omni:problem:not-found",
     *       "title": "Not found",
     *       "status": 404,
     *       "detail": "no ticket 6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "instance": "/v1/tickets/6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "requestId": "8d0b2f4e-6a8c-4e0a-9c2e-4a6c8e0a2c4e"
     *     }
     */
    Problem: {
      /**
       * @description What went wrong, as a stable URN: `urn:omni:problem:<code>`.
       * @enum {string}
       */
      type:
        | 'urn:omni:problem:bad-request'
        | 'urn:omni:problem:validation-failed'
        | 'urn:omni:problem:unauthorized'
        | 'urn:omni:problem:forbidden'
        | 'urn:omni:problem:not-found'
        | 'urn:omni:problem:method-not-allowed'
        | 'urn:omni:problem:request-timeout'
        | 'urn:omni:problem:customer-not-found'
        | 'urn:omni:problem:merge-not-found'
        | 'urn:omni:problem:idempotency-conflict'
        | 'urn:omni:problem:merge-conflict'
        | 'urn:omni:problem:ticket-merged'
        | 'urn:omni:problem:no-recipient'
        | 'urn:omni:problem:no-reply-channel'
        | 'urn:omni:problem:reply-window-closed'
        | 'urn:omni:problem:identity-taken'
        | 'urn:omni:problem:customer-merged'
        | 'urn:omni:problem:merge-undone'
        | 'urn:omni:problem:merge-superseded'
        | 'urn:omni:problem:payload-too-large'
        | 'urn:omni:problem:uri-too-long'
        | 'urn:omni:problem:unsupported-media-type'
        | 'urn:omni:problem:range-not-satisfiable'
        | 'urn:omni:problem:merge-self'
        | 'urn:omni:problem:idempotency-key-reused'
        | 'urn:omni:problem:rate-limited'
        | 'urn:omni:problem:header-too-large'
        | 'urn:omni:problem:internal'
        | 'urn:omni:problem:unavailable';
      /** @description A short, human-readable summary of the problem type. */
      title: string;
      /** @description The HTTP status code. */
      status: number;
      /** @description What went wrong in this occurrence. */
      detail?: string;
      /** @description Validation failures: field path → message. */
      errors?: {
        [key: string]: string;
      };
      /** @description The path of the request. */
      instance?: string;
      /** @description The `x-request-id` of the request: quote it to the operator. */
      requestId?: string;
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `data` of `sla.breached`: An SLA clock passed its due time unmet (once per ticket and clock).
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "clock": "firstResponse",
     *       "dueAt": "2026-03-02T11:15:27.120Z",
     *       "group": "support",
     *       "priority": "normal",
     *       "channel": "telegram"
     *     }
     */
    SlaBreachedData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /**
       * @description Which SLA clock.
       * @enum {string}
       */
      clock: 'firstResponse' | 'resolution';
      /**
       * Format: date-time
       * @description When it is (was) due.
       */
      dueAt: string;
      /** @description The ticket’s group. */
      group: string | null;
      priority: components['schemas']['TicketPriority'];
      channel: components['schemas']['Channel'];
      /** @description Full events only: the ticket as `GET /v1/tickets/{id}` answers. */
      ticket?: components['schemas']['Ticket'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `sla.breached`: An SLA clock passed its due time unmet (once per ticket and clock).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "sla.breached",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "clock": "firstResponse",
     *         "dueAt": "2026-03-02T11:15:27.120Z",
     *         "group": "support",
     *         "priority": "normal",
     *         "channel": "telegram"
     *       }
     *     }
     */
    SlaBreachedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'sla.breached';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['SlaBreachedData'];
    };
    /**
     * @description `data` of `sla.warning`: An SLA clock passed its warning share of the target (once per ticket and clock).
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "clock": "firstResponse",
     *       "dueAt": "2026-03-02T11:15:27.120Z",
     *       "group": "support",
     *       "priority": "normal",
     *       "channel": "telegram"
     *     }
     */
    SlaWarningData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /**
       * @description Which SLA clock.
       * @enum {string}
       */
      clock: 'firstResponse' | 'resolution';
      /**
       * Format: date-time
       * @description When it is (was) due.
       */
      dueAt: string;
      /** @description The ticket’s group. */
      group: string | null;
      priority: components['schemas']['TicketPriority'];
      channel: components['schemas']['Channel'];
      /** @description Full events only: the ticket as `GET /v1/tickets/{id}` answers. */
      ticket?: components['schemas']['Ticket'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `sla.warning`: An SLA clock passed its warning share of the target (once per ticket and clock).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "sla.warning",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "clock": "firstResponse",
     *         "dueAt": "2026-03-02T11:15:27.120Z",
     *         "group": "support",
     *         "priority": "normal",
     *         "channel": "telegram"
     *       }
     *     }
     */
    SlaWarningEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'sla.warning';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['SlaWarningData'];
    };
    /**
     * @description A conversation about one request of one customer, across channels.
     * @example {
     *       "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "number": 1042,
     *       "status": "open",
     *       "subject": "Where is my order?",
     *       "topic": "delivery",
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "channels": [
     *         "telegram"
     *       ],
     *       "priority": "normal",
     *       "assignee": "kate",
     *       "group": "support",
     *       "tags": [
     *         "order"
     *       ],
     *       "createdAt": "2026-03-02T09:15:27.120Z",
     *       "updatedAt": "2026-03-02T09:20:03.004Z",
     *       "lastMessageAt": "2026-03-02T09:15:26.000Z",
     *       "firstResponseAt": null,
     *       "messageCount": 2,
     *       "mergedIntoTicketId": null,
     *       "routingRule": "orders",
     *       "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
     *       "resolutionDueAt": "2026-03-03T09:15:27.120Z",
     *       "firstResponseBreached": false,
     *       "resolutionBreached": false,
     *       "csat": null
     *     }
     */
    Ticket: {
      /**
       * Format: uuid
       * @description The ticket id.
       */
      id: string;
      /** @description The number people see and quote (`[#1042]`). */
      number: number;
      status: components['schemas']['TicketStatus'];
      /** @description The subject (email subject, form subject); null for messenger tickets. */
      subject: string | null;
      /** @description The topic the customer chose (web form) or routing set. */
      topic: string | null;
      /**
       * Format: uuid
       * @description The customer who started it.
       */
      customerId: string;
      /** @description Every channel with a message in this ticket. */
      channels: components['schemas']['Channel'][];
      priority: components['schemas']['TicketPriority'];
      /** @description The agent, as the helpdesk names them. */
      assignee: string | null;
      /** @description The team the ticket is routed to. */
      group: string | null;
      /** @description Free labels. */
      tags: string[];
      /**
       * Format: date-time
       * @description When the ticket was created.
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description When anything about the ticket last changed.
       */
      updatedAt: string;
      /** @description When its latest message was sent. */
      lastMessageAt: string | null;
      /** @description When the first reply by a person left (automatic ones do not count). */
      firstResponseAt: string | null;
      /** @description Messages in the ticket, notes included. */
      messageCount: number;
      /** @description Set when this ticket was merged into another (it is then closed). */
      mergedIntoTicketId: string | null;
      /** @description The routing rule that matched when the ticket was created; null: defaults or not routed yet. */
      routingRule: string | null;
      /** @description When the first response is due, in the group’s business time; null until routed. */
      firstResponseDueAt: string | null;
      /** @description When the resolution is due; null until routed. */
      resolutionDueAt: string | null;
      /** @description The first-response due time passed without a response. */
      firstResponseBreached: boolean;
      /** @description The resolution due time passed unresolved. */
      resolutionBreached: boolean;
      /** @description The customer’s rating after resolution; null until they answer a survey. */
      csat: components['schemas']['CsatRating'] | null;
    };
    /**
     * @description `data` of `ticket.created`: A new ticket was started by a customer’s message.
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "number": 1042,
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "channel": "telegram",
     *       "linkedTicketId": null
     *     }
     */
    TicketCreatedData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /** @description Its number. */
      number: number;
      /**
       * Format: uuid
       * @description The customer.
       */
      customerId: string;
      channel: components['schemas']['Channel'];
      /** @description The closed ticket this one continues, if any. */
      linkedTicketId: string | null;
      /** @description Full events only: the ticket as `GET /v1/tickets/{id}` answers. */
      ticket?: components['schemas']['Ticket'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `ticket.created`: A new ticket was started by a customer’s message.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "ticket.created",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "number": 1042,
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "channel": "telegram",
     *         "linkedTicketId": null
     *       }
     *     }
     */
    TicketCreatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'ticket.created';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['TicketCreatedData'];
    };
    /**
     * @description Where to merge the ticket.
     * @example {
     *       "intoTicketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31"
     *     }
     */
    TicketMerge: {
      /**
       * Format: uuid
       * @description The ticket that takes over this one’s messages.
       */
      intoTicketId: string;
    };
    /**
     * @description A page of Ticket items.
     * @example {
     *       "data": [
     *         {
     *           "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *           "number": 1042,
     *           "status": "open",
     *           "subject": "Where is my order?",
     *           "topic": "delivery",
     *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *           "channels": [
     *             "telegram"
     *           ],
     *           "priority": "normal",
     *           "assignee": "kate",
     *           "group": "support",
     *           "tags": [
     *             "order"
     *           ],
     *           "createdAt": "2026-03-02T09:15:27.120Z",
     *           "updatedAt": "2026-03-02T09:20:03.004Z",
     *           "lastMessageAt": "2026-03-02T09:15:26.000Z",
     *           "firstResponseAt": null,
     *           "messageCount": 2,
     *           "mergedIntoTicketId": null,
     *           "routingRule": "orders",
     *           "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
     *           "resolutionDueAt": "2026-03-03T09:15:27.120Z",
     *           "firstResponseBreached": false,
     *           "resolutionBreached": false,
     *           "csat": null
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    TicketPage: {
      /** @description This page, in the list’s order. */
      data: components['schemas']['Ticket'][];
      /** @description Pass it back as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @description How urgent the ticket is; picks the SLA targets.
     * @example normal
     * @enum {string}
     */
    TicketPriority: 'low' | 'normal' | 'high' | 'urgent';
    /**
     * @description `data` of `ticket.rated`: The customer answered the satisfaction survey of a resolved ticket (once per ticket).
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *       "csat": {
     *         "score": 5,
     *         "scale": "five",
     *         "comment": null,
     *         "channel": "telegram",
     *         "at": "2026-03-02T12:40:00.000Z"
     *       }
     *     }
     */
    TicketRatedData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /**
       * Format: uuid
       * @description The customer.
       */
      customerId: string;
      csat: components['schemas']['CsatRating'];
      /** @description Full events only: the ticket as `GET /v1/tickets/{id}` answers. */
      ticket?: components['schemas']['Ticket'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `ticket.rated`: The customer answered the satisfaction survey of a resolved ticket (once per ticket).
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "ticket.rated",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "csat": {
     *           "score": 5,
     *           "scale": "five",
     *           "comment": null,
     *           "channel": "telegram",
     *           "at": "2026-03-02T12:40:00.000Z"
     *         }
     *       }
     *     }
     */
    TicketRatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'ticket.rated';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['TicketRatedData'];
    };
    /**
     * @description `open`: waiting for the team; `pending`: waiting for the customer; `resolved`: answered (a new message reopens it within the reopen window); `closed`: done (a new message starts a new ticket).
     * @example open
     * @enum {string}
     */
    TicketStatus: 'open' | 'pending' | 'resolved' | 'closed';
    /**
     * @description The fields to change; at least one.
     * @example {
     *       "status": "pending",
     *       "assignee": "kate",
     *       "tags": [
     *         "order",
     *         "vip"
     *       ]
     *     }
     */
    TicketUpdate: {
      status?: components['schemas']['TicketStatus'];
      /** @description The agent; null unassigns. */
      assignee?: string | null;
      /** @description The team; null clears it. */
      group?: string | null;
      priority?: components['schemas']['TicketPriority'];
      /** @description Replaces the tags. */
      tags?: string[];
    };
    /**
     * @description `data` of `ticket.updated`: A ticket changed: status, assignee, group, priority, tags, routing, a merge, a reopen.
     * @example {
     *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *       "changes": {
     *         "status": "pending",
     *         "assignee": "kate"
     *       }
     *     }
     */
    TicketUpdatedData: {
      /**
       * Format: uuid
       * @description The ticket.
       */
      ticketId: string;
      /** @description The fields that changed, with their new values. */
      changes?: {
        [key: string]: unknown;
      };
      /** @description Set when a customer’s message reopened the ticket. */
      status?: components['schemas']['TicketStatus'];
      /** @description True when a customer’s message reopened the ticket. */
      reopened?: boolean;
      /** @description Full events only: the ticket as `GET /v1/tickets/{id}` answers. */
      ticket?: components['schemas']['Ticket'];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `ticket.updated`: A ticket changed: status, assignee, group, priority, tags, routing, a merge, a reopen.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "ticket.updated",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *         "changes": {
     *           "status": "pending",
     *           "assignee": "kate"
     *         }
     *       }
     *     }
     */
    TicketUpdatedEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'ticket.updated';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['TicketUpdatedData'];
    };
    /**
     * @description Who is typing.
     * @example {
     *       "author": "Kate"
     *     }
     */
    Typing: {
      /** @description The agent, as the helpdesk names them. */
      author?: string;
    };
    /**
     * @example {
     *       "data": [
     *         {
     *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
     *           "channel": "livechat",
     *           "at": "2026-03-02T10:15:27.120Z"
     *         }
     *       ]
     *     }
     */
    TypingList: {
      /** @description Customers typing now; empty when nobody typed while waiting. */
      data: {
        /**
         * Format: uuid
         * @description The ticket whose customer is typing.
         */
        ticketId: string;
        channel: components['schemas']['Channel'];
        /**
         * Format: date-time
         * @description When the customer typed.
         */
        at: string;
      }[];
    };
    /**
     * @description Which merge to undo.
     * @example {
     *       "mergeId": "4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e"
     *     }
     */
    UnmergeRequest: {
      /**
       * Format: uuid
       * @description The merge to undo (`GET /v1/customers/{id}/merges`).
       */
      mergeId: string;
    };
    /**
     * @description Both customers after an undone merge.
     * @example {
     *       "survivor": {
     *         "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
     *         "displayName": "Anna",
     *         "identities": [
     *           {
     *             "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
     *             "kind": "email",
     *             "value": "anna@example.com",
     *             "verified": true
     *           }
     *         ],
     *         "createdAt": "2026-02-11T17:02:45.310Z",
     *         "updatedAt": "2026-03-02T09:15:27.120Z",
     *         "ticketCount": 3
     *       },
     *       "restored": {
     *         "id": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d",
     *         "displayName": "Anna",
     *         "identities": [],
     *         "createdAt": "2026-02-11T17:02:45.310Z",
     *         "updatedAt": "2026-03-02T09:15:27.120Z",
     *         "ticketCount": 3
     *       }
     *     }
     */
    UnmergeResult: {
      /** @description The customer the merge was undone on. */
      survivor: components['schemas']['Customer'];
      /** @description The customer brought back. */
      restored: components['schemas']['Customer'];
    };
    /**
     * @description One attempt of a delivery.
     * @example {
     *       "attemptedAt": "2026-03-02T09:15:28.001Z",
     *       "statusCode": 204,
     *       "error": null,
     *       "durationMs": 41
     *     }
     */
    WebhookAttempt: {
      /**
       * Format: date-time
       * @description When it was made.
       */
      attemptedAt: string;
      /** @description The receiver’s status; null when it did not answer. */
      statusCode: number | null;
      /** @description Why it failed; null when it succeeded. */
      error: string | null;
      /** @description How long the receiver took. */
      durationMs: number;
    };
    /**
     * @description One event’s delivery to one subscription, with every attempt.
     * @example {
     *       "id": "8c0e2a4c-6e8a-4c0e-8a4c-6e8a0c2e4a6c",
     *       "eventId": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "eventType": "message.created",
     *       "status": "delivered",
     *       "attemptCount": 1,
     *       "nextAttemptAt": null,
     *       "lastError": null,
     *       "createdAt": "2026-03-02T09:15:27.900Z",
     *       "deliveredAt": "2026-03-02T09:15:28.042Z",
     *       "attempts": [
     *         {
     *           "attemptedAt": "2026-03-02T09:15:28.001Z",
     *           "statusCode": 204,
     *           "error": null,
     *           "durationMs": 41
     *         }
     *       ]
     *     }
     */
    WebhookDelivery: {
      /**
       * Format: uuid
       * @description The `webhook-id` header of every attempt of this delivery.
       */
      id: string;
      /**
       * Format: uuid
       * @description The event delivered.
       */
      eventId: string;
      eventType: components['schemas']['EventType'];
      /**
       * @description `pending` until acknowledged or given up on.
       * @enum {string}
       */
      status: 'pending' | 'delivered' | 'failed';
      /** @description Attempts so far. */
      attemptCount: number;
      /** @description When the next attempt is due; null unless pending. */
      nextAttemptAt: string | null;
      /** @description Why the last attempt failed. */
      lastError: string | null;
      /**
       * Format: date-time
       * @description When the event was fanned out to this subscription.
       */
      createdAt: string;
      /** @description When the receiver acknowledged it. */
      deliveredAt: string | null;
      /** @description Every attempt, oldest first. */
      attempts: components['schemas']['WebhookAttempt'][];
    };
    /**
     * @description A page of WebhookDelivery items.
     * @example {
     *       "data": [
     *         {
     *           "id": "8c0e2a4c-6e8a-4c0e-8a4c-6e8a0c2e4a6c",
     *           "eventId": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *           "eventType": "message.created",
     *           "status": "delivered",
     *           "attemptCount": 1,
     *           "nextAttemptAt": null,
     *           "lastError": null,
     *           "createdAt": "2026-03-02T09:15:27.900Z",
     *           "deliveredAt": "2026-03-02T09:15:28.042Z",
     *           "attempts": [
     *             {
     *               "attemptedAt": "2026-03-02T09:15:28.001Z",
     *               "statusCode": 204,
     *               "error": null,
     *               "durationMs": 41
     *             }
     *           ]
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    WebhookDeliveryPage: {
      /** @description This page, in the list’s order. */
      data: components['schemas']['WebhookDelivery'][];
      /** @description Pass it back as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @description `data` of `webhook.disabled`: A webhook subscription was disabled after its deliveries failed for the whole retry schedule.
     * @example {
     *       "subscriptionId": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
     *       "reason": "deliveries failed for the whole retry schedule (last: HTTP 502)"
     *     }
     */
    WebhookDisabledData: {
      /**
       * Format: uuid
       * @description The subscription disabled.
       */
      subscriptionId: string;
      /** @description Why. */
      reason: string;
    } & {
      [key: string]: unknown;
    };
    /**
     * @description `webhook.disabled`: A webhook subscription was disabled after its deliveries failed for the whole retry schedule.
     * @example {
     *       "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
     *       "type": "webhook.disabled",
     *       "timestamp": "2026-03-02T09:15:27.120Z",
     *       "occurredAt": "2026-03-02T09:15:27.120Z",
     *       "data": {
     *         "subscriptionId": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
     *         "reason": "deliveries failed for the whole retry schedule (last: HTTP 502)"
     *       }
     *     }
     */
    WebhookDisabledEvent: {
      /**
       * Format: uuid
       * @description The event id; the same event on the change feed and in every delivery.
       */
      id: string;
      /**
       * @description The event type.
       * @constant
       */
      type: 'webhook.disabled';
      /**
       * Format: date-time
       * @description When it happened (Standard Webhooks’ `timestamp`; the same instant as `occurredAt`).
       */
      timestamp: string;
      /**
       * Format: date-time
       * @description When it happened.
       */
      occurredAt: string;
      data: components['schemas']['WebhookDisabledData'];
    };
    /**
     * @description `thin`: the event’s ids and what changed (fetch the resource when you need it); `full`: also the ticket, message or customer as the API answered it when the event was dispatched, right after it happened (it may already hold later changes; `changes` says what this event changed).
     * @example thin
     * @enum {string}
     */
    WebhookPayload: 'thin' | 'full';
    /**
     * @description How long the previous secret stays valid.
     * @example {
     *       "gracePeriodSeconds": 86400
     *     }
     */
    WebhookSecretRotation: {
      /** @description How long the previous secret keeps signing beside the new one (0: cut over at once). Default: the server’s `OMNI_WEBHOOK_SECRET_GRACE_SECONDS`, 86400 (24 hours) unless set. */
      gracePeriodSeconds?: number;
    };
    /**
     * @description A URL subscribed to event types.
     * @example {
     *       "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
     *       "url": "https://helpdesk.example/hooks/omni",
     *       "events": [
     *         "message.created",
     *         "message.delivery_updated"
     *       ],
     *       "payload": "full",
     *       "createdAt": "2026-03-01T12:00:00.000Z",
     *       "disabledAt": null,
     *       "disabledReason": null,
     *       "secretRotatedAt": null,
     *       "previousSecretExpiresAt": null
     *     }
     */
    WebhookSubscription: {
      /**
       * Format: uuid
       * @description The subscription id.
       */
      id: string;
      /** @description Where deliveries are posted. */
      url: string;
      /** @description The event types delivered. */
      events: components['schemas']['EventType'][];
      payload: components['schemas']['WebhookPayload'];
      /**
       * Format: date-time
       * @description When it was created.
       */
      createdAt: string;
      /** @description When it was disabled (its deliveries failed for the whole retry schedule); null while active. */
      disabledAt: string | null;
      /** @description Why it was disabled. */
      disabledReason: string | null;
      /** @description When its signing secret was last rotated; null if never. */
      secretRotatedAt: string | null;
      /** @description While a rotation’s overlap lasts, deliveries carry a second `v1,` signature made with the previous secret, until this time; null when only the current secret signs. */
      previousSecretExpiresAt: string | null;
    };
    /**
     * @description A page of WebhookSubscription items.
     * @example {
     *       "data": [
     *         {
     *           "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
     *           "url": "https://helpdesk.example/hooks/omni",
     *           "events": [
     *             "message.created",
     *             "message.delivery_updated"
     *           ],
     *           "payload": "full",
     *           "createdAt": "2026-03-01T12:00:00.000Z",
     *           "disabledAt": null,
     *           "disabledReason": null,
     *           "secretRotatedAt": null,
     *           "previousSecretExpiresAt": null
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    WebhookSubscriptionPage: {
      /** @description This page, in the list’s order. */
      data: components['schemas']['WebhookSubscription'][];
      /** @description Pass it back as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /**
     * @description A new subscription, or one whose secret was just rotated, with the secret its deliveries are signed with.
     * @example {
     *       "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
     *       "url": "https://helpdesk.example/hooks/omni",
     *       "events": [
     *         "message.created",
     *         "message.delivery_updated"
     *       ],
     *       "payload": "full",
     *       "createdAt": "2026-03-01T12:00:00.000Z",
     *       "disabledAt": null,
     *       "disabledReason": null,
     *       "secretRotatedAt": null,
     *       "previousSecretExpiresAt": null,
     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
     *     }
     */
    WebhookSubscriptionWithSecret: {
      /**
       * Format: uuid
       * @description The subscription id.
       */
      id: string;
      /** @description Where deliveries are posted. */
      url: string;
      /** @description The event types delivered. */
      events: components['schemas']['EventType'][];
      payload: components['schemas']['WebhookPayload'];
      /**
       * Format: date-time
       * @description When it was created.
       */
      createdAt: string;
      /** @description When it was disabled (its deliveries failed for the whole retry schedule); null while active. */
      disabledAt: string | null;
      /** @description Why it was disabled. */
      disabledReason: string | null;
      /** @description When its signing secret was last rotated; null if never. */
      secretRotatedAt: string | null;
      /** @description While a rotation’s overlap lasts, deliveries carry a second `v1,` signature made with the previous secret, until this time; null when only the current secret signs. */
      previousSecretExpiresAt: string | null;
      /** @description The Standard Webhooks signing secret (`whsec_…`); shown only here, keep it (`POST /v1/webhooks/{id}/rotate-secret` replaces it). */
      secret: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The id of this request (yours if you sent `x-request-id`, else generated); problems carry it as `requestId`. */
    'X-Request-Id': string;
    /** @description The OpenTelemetry trace id of this request, when tracing is on. */
    'X-Trace-Id': string;
    /** @description Requests allowed per minute for this API key. */
    'X-RateLimit-Limit': number;
    /** @description Requests left in the current minute. */
    'X-RateLimit-Remaining': number;
    /** @description Seconds until the current minute’s budget is renewed. */
    'X-RateLimit-Reset': number;
    /** @description Seconds to wait before trying again. */
    'Retry-After': number;
    /** @description `Bearer`: how to authenticate. */
    'WWW-Authenticate': string;
    /** @description `true` when this answer is the stored first answer of an earlier request with the same `Idempotency-Key`. */
    'Idempotent-Replayed': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listTickets: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description Repeatable: `?status=open&status=pending`. */
        status?: components['schemas']['TicketStatus'] | components['schemas']['TicketStatus'][];
        /** @description The ticket with this number (`[#1042]` in a subject): a page of one, or of none. */
        number?: number;
        /** @description Tickets with at least one message on this channel. */
        channel?:
          | 'email'
          | 'telegram'
          | 'viber'
          | 'facebook'
          | 'vk'
          | 'webform'
          | 'whatsapp'
          | 'instagram'
          | 'max'
          | 'livechat';
        /** @description Tickets of this customer (a merged-away id means the survivor). */
        customerId?: string;
        /** @description Tickets assigned to this agent. */
        assignee?: string;
        /** @description Tickets of this group. */
        group?: string;
        /** @description Tickets of this topic. */
        topic?: string;
        /** @description Sync: tickets changed at or after this instant, oldest change first (a ticket changed while you page is seen again, never missed). */
        updatedSince?: string;
        /** @description Full text over subjects and messages, any language (substring and stemmed word match). */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tickets. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *           "number": 1042,
           *           "status": "open",
           *           "subject": "Where is my order?",
           *           "topic": "delivery",
           *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *           "channels": [
           *             "telegram"
           *           ],
           *           "priority": "normal",
           *           "assignee": "kate",
           *           "group": "support",
           *           "tags": [
           *             "order"
           *           ],
           *           "createdAt": "2026-03-02T09:15:27.120Z",
           *           "updatedAt": "2026-03-02T09:20:03.004Z",
           *           "lastMessageAt": "2026-03-02T09:15:26.000Z",
           *           "firstResponseAt": null,
           *           "messageCount": 2,
           *           "mergedIntoTicketId": null,
           *           "routingRule": "orders",
           *           "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
           *           "resolutionDueAt": "2026-03-03T09:15:27.120Z",
           *           "firstResponseBreached": false,
           *           "resolutionBreached": false,
           *           "csat": null
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['TicketPage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The ticket. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *       "number": 1042,
           *       "status": "open",
           *       "subject": "Where is my order?",
           *       "topic": "delivery",
           *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "channels": [
           *         "telegram"
           *       ],
           *       "priority": "normal",
           *       "assignee": "kate",
           *       "group": "support",
           *       "tags": [
           *         "order"
           *       ],
           *       "createdAt": "2026-03-02T09:15:27.120Z",
           *       "updatedAt": "2026-03-02T09:20:03.004Z",
           *       "lastMessageAt": "2026-03-02T09:15:26.000Z",
           *       "firstResponseAt": null,
           *       "messageCount": 2,
           *       "mergedIntoTicketId": null,
           *       "routingRule": "orders",
           *       "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
           *       "resolutionDueAt": "2026-03-03T09:15:27.120Z",
           *       "firstResponseBreached": false,
           *       "resolutionBreached": false,
           *       "csat": null
           *     }
           */
          'application/json': components['schemas']['Ticket'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "status": "pending",
         *       "assignee": "kate",
         *       "tags": [
         *         "order",
         *         "vip"
         *       ]
         *     }
         */
        'application/json': components['schemas']['TicketUpdate'];
      };
    };
    responses: {
      /** @description The ticket as it is now. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *       "number": 1042,
           *       "status": "open",
           *       "subject": "Where is my order?",
           *       "topic": "delivery",
           *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "channels": [
           *         "telegram"
           *       ],
           *       "priority": "normal",
           *       "assignee": "kate",
           *       "group": "support",
           *       "tags": [
           *         "order"
           *       ],
           *       "createdAt": "2026-03-02T09:15:27.120Z",
           *       "updatedAt": "2026-03-02T09:20:03.004Z",
           *       "lastMessageAt": "2026-03-02T09:15:26.000Z",
           *       "firstResponseAt": null,
           *       "messageCount": 2,
           *       "mergedIntoTicketId": null,
           *       "routingRule": "orders",
           *       "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
           *       "resolutionDueAt": "2026-03-03T09:15:27.120Z",
           *       "firstResponseBreached": false,
           *       "resolutionBreached": false,
           *       "csat": null
           *     }
           */
          'application/json': components['schemas']['Ticket'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTicketMessages: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of messages. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
           *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *           "direction": "inbound",
           *           "channel": "telegram",
           *           "account": "shop-bot",
           *           "externalId": "1001:57",
           *           "sentAt": "2026-03-02T09:15:26.000Z",
           *           "receivedAt": "2026-03-02T09:15:27.080Z",
           *           "text": "Where is my order 5521? Invoice attached.",
           *           "html": null,
           *           "subject": null,
           *           "sender": {
           *             "displayName": "Anna",
           *             "identity": "1001"
           *           },
           *           "author": null,
           *           "attachments": [
           *             {
           *               "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *               "name": "invoice-1042.pdf",
           *               "mimeType": "application/pdf",
           *               "size": 48213,
           *               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           *               "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *               "skipped": null
           *             }
           *           ],
           *           "deliveryStatus": null,
           *           "deliveryError": null,
           *           "editedAt": null
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['MessagePage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createReply: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "text": "Your order ships today.",
         *       "author": "Kate"
         *     }
         */
        'application/json': components['schemas']['NewReply'];
      };
    };
    responses: {
      /** @description The reply, queued. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
           *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "direction": "inbound",
           *       "channel": "telegram",
           *       "account": "shop-bot",
           *       "externalId": "1001:57",
           *       "sentAt": "2026-03-02T09:15:26.000Z",
           *       "receivedAt": "2026-03-02T09:15:27.080Z",
           *       "text": "Where is my order 5521? Invoice attached.",
           *       "html": null,
           *       "subject": null,
           *       "sender": {
           *         "displayName": "Anna",
           *         "identity": "1001"
           *       },
           *       "author": null,
           *       "attachments": [
           *         {
           *           "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *           "name": "invoice-1042.pdf",
           *           "mimeType": "application/pdf",
           *           "size": 48213,
           *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           *           "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *           "skipped": null
           *         }
           *       ],
           *       "deliveryStatus": null,
           *       "deliveryError": null,
           *       "editedAt": null
           *     }
           */
          'application/json': components['schemas']['Message'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Conflict. Problem types:
       *     - `urn:omni:problem:ticket-merged`: The ticket was merged into another one; act on that one.
       *     - `urn:omni:problem:no-recipient`: The customer never wrote on the channel asked for, so there is nobody to reply to.
       *     - `urn:omni:problem:no-reply-channel`: A web-form customer without an email address, or no email account configured to answer from.
       *     - `urn:omni:problem:reply-window-closed`: The customer's channel takes free-form replies only for a while after their last message (WhatsApp, Messenger, Instagram: 24 hours), that time is over, and the account configures no way past it (a WhatsApp template, the `HUMAN_AGENT` tag): wait for the customer to write again, or answer on another channel (`channel`).
       */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createNote: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "text": "VIP customer: call back before noon.",
         *       "author": "Kate"
         *     }
         */
        'application/json': components['schemas']['NewNote'];
      };
    };
    responses: {
      /** @description The note. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
           *       "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "direction": "inbound",
           *       "channel": "telegram",
           *       "account": "shop-bot",
           *       "externalId": "1001:57",
           *       "sentAt": "2026-03-02T09:15:26.000Z",
           *       "receivedAt": "2026-03-02T09:15:27.080Z",
           *       "text": "Where is my order 5521? Invoice attached.",
           *       "html": null,
           *       "subject": null,
           *       "sender": {
           *         "displayName": "Anna",
           *         "identity": "1001"
           *       },
           *       "author": null,
           *       "attachments": [
           *         {
           *           "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *           "name": "invoice-1042.pdf",
           *           "mimeType": "application/pdf",
           *           "size": 48213,
           *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           *           "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *           "skipped": null
           *         }
           *       ],
           *       "deliveryStatus": null,
           *       "deliveryError": null,
           *       "editedAt": null
           *     }
           */
          'application/json': components['schemas']['Message'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  signalTyping: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "author": "Kate"
         *     }
         */
        'application/json': components['schemas']['Typing'];
      };
    };
    responses: {
      /** @description Announced. */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  mergeTicket: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "intoTicketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31"
         *     }
         */
        'application/json': components['schemas']['TicketMerge'];
      };
    };
    responses: {
      /** @description The ticket merged into, as it is now. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *       "number": 1042,
           *       "status": "open",
           *       "subject": "Where is my order?",
           *       "topic": "delivery",
           *       "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "channels": [
           *         "telegram"
           *       ],
           *       "priority": "normal",
           *       "assignee": "kate",
           *       "group": "support",
           *       "tags": [
           *         "order"
           *       ],
           *       "createdAt": "2026-03-02T09:15:27.120Z",
           *       "updatedAt": "2026-03-02T09:20:03.004Z",
           *       "lastMessageAt": "2026-03-02T09:15:26.000Z",
           *       "firstResponseAt": null,
           *       "messageCount": 2,
           *       "mergedIntoTicketId": null,
           *       "routingRule": "orders",
           *       "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
           *       "resolutionDueAt": "2026-03-03T09:15:27.120Z",
           *       "firstResponseBreached": false,
           *       "resolutionBreached": false,
           *       "csat": null
           *     }
           */
          'application/json': components['schemas']['Ticket'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Conflict. Problem types:
       *     - `urn:omni:problem:merge-conflict`: The tickets cannot be merged (the same ticket, already merged, or of different customers).
       */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCustomers: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description Substring of the display name or of any identity value. */
        q?: string;
        /** @description The customer with this email address (any case). */
        email?: string;
        /** @description The customer with this phone number (any format; without a country code the default region). */
        phone?: string;
        /** @description The customer with this identity: `<kind>:<value>` (`telegram:1001`). */
        identity?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of customers. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *           "displayName": "Anna",
           *           "identities": [
           *             {
           *               "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
           *               "kind": "email",
           *               "value": "anna@example.com",
           *               "verified": true
           *             }
           *           ],
           *           "createdAt": "2026-02-11T17:02:45.310Z",
           *           "updatedAt": "2026-03-02T09:15:27.120Z",
           *           "ticketCount": 3
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['CustomerPage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer (the survivor for a merged-away id). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "displayName": "Anna",
           *       "identities": [
           *         {
           *           "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
           *           "kind": "email",
           *           "value": "anna@example.com",
           *           "verified": true
           *         }
           *       ],
           *       "createdAt": "2026-02-11T17:02:45.310Z",
           *       "updatedAt": "2026-03-02T09:15:27.120Z",
           *       "ticketCount": 3
           *     }
           */
          'application/json': components['schemas']['Customer'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  eraseCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Erased (now or before). */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCustomerTimeline: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of messages. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
           *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *           "direction": "inbound",
           *           "channel": "telegram",
           *           "account": "shop-bot",
           *           "externalId": "1001:57",
           *           "sentAt": "2026-03-02T09:15:26.000Z",
           *           "receivedAt": "2026-03-02T09:15:27.080Z",
           *           "text": "Where is my order 5521? Invoice attached.",
           *           "html": null,
           *           "subject": null,
           *           "sender": {
           *             "displayName": "Anna",
           *             "identity": "1001"
           *           },
           *           "author": null,
           *           "attachments": [
           *             {
           *               "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *               "name": "invoice-1042.pdf",
           *               "mimeType": "application/pdf",
           *               "size": 48213,
           *               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           *               "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *               "skipped": null
           *             }
           *           ],
           *           "deliveryStatus": null,
           *           "deliveryError": null,
           *           "editedAt": null
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['MessagePage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  mergeCustomer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The customer. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "customerId": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d"
         *     }
         */
        'application/json': components['schemas']['CustomerMergeRequest'];
      };
    };
    responses: {
      /** @description This customer after the merge. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "displayName": "Anna",
           *       "identities": [
           *         {
           *           "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
           *           "kind": "email",
           *           "value": "anna@example.com",
           *           "verified": true
           *         }
           *       ],
           *       "createdAt": "2026-02-11T17:02:45.310Z",
           *       "updatedAt": "2026-03-02T09:15:27.120Z",
           *       "ticketCount": 3
           *     }
           */
          'application/json': components['schemas']['Customer'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:customer-not-found`: One of the customers named does not exist.
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Conflict. Problem types:
       *     - `urn:omni:problem:customer-merged`: One of the customers was already merged away.
       */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Conflict. Problem types:
       *     - `urn:omni:problem:merge-self`: A customer cannot be merged into itself.
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  unmergeCustomer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The customer. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "mergeId": "4e6a8c0e-2a4c-4e6a-9c0e-2a4c6e8a0c2e"
         *     }
         */
        'application/json': components['schemas']['UnmergeRequest'];
      };
    };
    responses: {
      /** @description Both customers. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "survivor": {
           *         "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *         "displayName": "Anna",
           *         "identities": [
           *           {
           *             "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
           *             "kind": "email",
           *             "value": "anna@example.com",
           *             "verified": true
           *           }
           *         ],
           *         "createdAt": "2026-02-11T17:02:45.310Z",
           *         "updatedAt": "2026-03-02T09:15:27.120Z",
           *         "ticketCount": 3
           *       },
           *       "restored": {
           *         "id": "3d5f7b9d-1f3b-4d5f-8b9d-1f3b5d7f9b1d",
           *         "displayName": "Anna",
           *         "identities": [],
           *         "createdAt": "2026-02-11T17:02:45.310Z",
           *         "updatedAt": "2026-03-02T09:15:27.120Z",
           *         "ticketCount": 3
           *       }
           *     }
           */
          'application/json': components['schemas']['UnmergeResult'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Conflict. Problem types:
       *     - `urn:omni:problem:merge-undone`: The merge was already undone.
       *     - `urn:omni:problem:merge-superseded`: The survivor was merged into a third customer since; undo that merge first.
       */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCustomerMerges: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Merges and conflicts. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "merges": [],
           *       "conflicts": []
           *     }
           */
          'application/json': components['schemas']['CustomerMerges'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addCustomerIdentity: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The customer. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "kind": "phone",
         *       "value": "+7 912 345-67-89",
         *       "verified": false
         *     }
         */
        'application/json': components['schemas']['NewIdentity'];
      };
    };
    responses: {
      /** @description The customer with the identity. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *       "displayName": "Anna",
           *       "identities": [
           *         {
           *           "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
           *           "kind": "email",
           *           "value": "anna@example.com",
           *           "verified": true
           *         }
           *       ],
           *       "createdAt": "2026-02-11T17:02:45.310Z",
           *       "updatedAt": "2026-03-02T09:15:27.120Z",
           *       "ticketCount": 3
           *     }
           */
          'application/json': components['schemas']['Customer'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Conflict. Problem types:
       *     - `urn:omni:problem:identity-taken`: The identity belongs to another customer; merge the customers instead.
       */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeCustomerIdentity: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer. */
        id: string;
        /** @description The identity. */
        identityId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "exportedAt": "2026-03-02T09:15:27.120Z",
           *       "customer": {
           *         "id": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *         "displayName": "Anna",
           *         "identities": [
           *           {
           *             "id": "2c4e6a8b-0d1f-4a3c-8e5b-7a9c1e3f5d02",
           *             "kind": "email",
           *             "value": "anna@example.com",
           *             "verified": true
           *           }
           *         ],
           *         "createdAt": "2026-02-11T17:02:45.310Z",
           *         "updatedAt": "2026-03-02T09:15:27.120Z",
           *         "ticketCount": 3
           *       },
           *       "mergedCustomerIds": [],
           *       "tickets": [
           *         {
           *           "id": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *           "number": 1042,
           *           "status": "open",
           *           "subject": "Where is my order?",
           *           "topic": "delivery",
           *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *           "channels": [
           *             "telegram"
           *           ],
           *           "priority": "normal",
           *           "assignee": "kate",
           *           "group": "support",
           *           "tags": [
           *             "order"
           *           ],
           *           "createdAt": "2026-03-02T09:15:27.120Z",
           *           "updatedAt": "2026-03-02T09:20:03.004Z",
           *           "lastMessageAt": "2026-03-02T09:15:26.000Z",
           *           "firstResponseAt": null,
           *           "messageCount": 2,
           *           "mergedIntoTicketId": null,
           *           "routingRule": "orders",
           *           "firstResponseDueAt": "2026-03-02T11:15:27.120Z",
           *           "resolutionDueAt": "2026-03-03T09:15:27.120Z",
           *           "firstResponseBreached": false,
           *           "resolutionBreached": false,
           *           "csat": null
           *         }
           *       ],
           *       "messages": [
           *         {
           *           "id": "9a3e5c7d-1b2f-4a8e-9c6d-3e4f5a6b7c81",
           *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *           "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *           "direction": "inbound",
           *           "channel": "telegram",
           *           "account": "shop-bot",
           *           "externalId": "1001:57",
           *           "sentAt": "2026-03-02T09:15:26.000Z",
           *           "receivedAt": "2026-03-02T09:15:27.080Z",
           *           "text": "Where is my order 5521? Invoice attached.",
           *           "html": null,
           *           "subject": null,
           *           "sender": {
           *             "displayName": "Anna",
           *             "identity": "1001"
           *           },
           *           "author": null,
           *           "attachments": [
           *             {
           *               "id": "d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *               "name": "invoice-1042.pdf",
           *               "mimeType": "application/pdf",
           *               "size": 48213,
           *               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           *               "url": "/v1/attachments/d4b6f8a0-2c4e-4f6a-8b0d-1e3f5a7c9e13",
           *               "skipped": null
           *             }
           *           ],
           *           "deliveryStatus": null,
           *           "deliveryError": null,
           *           "editedAt": null
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['CustomerExport'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadAttachment: {
    parameters: {
      query?: never;
      header?: {
        /** @description One byte range: `bytes=0-1023`, `bytes=1024-`, `bytes=-512`. */
        range?: string;
      };
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file. */
      200: {
        headers: {
          /** @description The stored media type (`application/octet-stream` when it was not a well-formed one). */
          'Content-Type': string;
          /** @description `attachment` with the file name (ASCII fallback and RFC 5987 `filename*`). */
          'Content-Disposition': string;
          /** @description The quoted SHA-256 of the bytes. */
          ETag?: string;
          /** @description `bytes`. */
          'Accept-Ranges': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          '*/*': unknown;
        };
      };
      /** @description The part of the file the `Range` asked for. */
      206: {
        headers: {
          /** @description The stored media type (`application/octet-stream` when it was not a well-formed one). */
          'Content-Type': string;
          /** @description `attachment` with the file name (ASCII fallback and RFC 5987 `filename*`). */
          'Content-Disposition': string;
          /** @description The quoted SHA-256 of the bytes. */
          ETag?: string;
          /** @description `bytes`. */
          'Accept-Ranges': string;
          /** @description `bytes <first>-<last>/<size>`. */
          'Content-Range': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          '*/*': unknown;
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Range not satisfiable. Problem types:
       *     - `urn:omni:problem:range-not-satisfiable`: The `Range` asked for lies outside the file (`Content-Range: bytes *\/<size>` tells its size).
       */
      416: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEvents: {
    parameters: {
      query?: {
        /** @description The `nextCursor` of the previous call; omit to start from the beginning. */
        after?: string;
        limit?: number;
        /** @description Only these types (repeatable: `?type=ticket.created&type=message.created`). */
        type?: components['schemas']['EventType'] | components['schemas']['EventType'][];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
           *           "type": "ticket.created",
           *           "occurredAt": "2026-03-02T09:15:27.120Z",
           *           "data": {
           *             "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *             "number": 1042,
           *             "customerId": "0b7e4c1a-9f2d-4e86-b3a5-7d9c2e1f4a60",
           *             "channel": "telegram"
           *           }
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['EventPage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of subscriptions. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
           *           "url": "https://helpdesk.example/hooks/omni",
           *           "events": [
           *             "message.created",
           *             "message.delivery_updated"
           *           ],
           *           "payload": "full",
           *           "createdAt": "2026-03-01T12:00:00.000Z",
           *           "disabledAt": null,
           *           "disabledReason": null,
           *           "secretRotatedAt": null,
           *           "previousSecretExpiresAt": null
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['WebhookSubscriptionPage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "url": "https://helpdesk.example/hooks/omni",
         *       "events": [
         *         "message.created",
         *         "message.delivery_updated"
         *       ],
         *       "payload": "full"
         *     }
         */
        'application/json': components['schemas']['NewWebhookSubscription'];
      };
    };
    responses: {
      /** @description The subscription, with its signing secret. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
           *       "url": "https://helpdesk.example/hooks/omni",
           *       "events": [
           *         "message.created",
           *         "message.delivery_updated"
           *       ],
           *       "payload": "full",
           *       "createdAt": "2026-03-01T12:00:00.000Z",
           *       "disabledAt": null,
           *       "disabledReason": null,
           *       "secretRotatedAt": null,
           *       "previousSecretExpiresAt": null,
           *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
           *     }
           */
          'application/json': components['schemas']['WebhookSubscriptionWithSecret'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
           *       "url": "https://helpdesk.example/hooks/omni",
           *       "events": [
           *         "message.created",
           *         "message.delivery_updated"
           *       ],
           *       "payload": "full",
           *       "createdAt": "2026-03-01T12:00:00.000Z",
           *       "disabledAt": null,
           *       "disabledReason": null,
           *       "secretRotatedAt": null,
           *       "previousSecretExpiresAt": null
           *     }
           */
          'application/json': components['schemas']['WebhookSubscription'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
        'idempotency-key'?: string;
      };
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "gracePeriodSeconds": 86400
         *     }
         */
        'application/json': components['schemas']['WebhookSecretRotation'];
      };
    };
    responses: {
      /** @description The subscription with its new secret and the end of the overlap. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a",
           *       "url": "https://helpdesk.example/hooks/omni",
           *       "events": [
           *         "message.created",
           *         "message.delivery_updated"
           *       ],
           *       "payload": "full",
           *       "createdAt": "2026-03-01T12:00:00.000Z",
           *       "disabledAt": null,
           *       "disabledReason": null,
           *       "secretRotatedAt": null,
           *       "previousSecretExpiresAt": null,
           *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
           *     }
           */
          'application/json': components['schemas']['WebhookSubscriptionWithSecret'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       *     - `urn:omni:problem:bad-request`: The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Payload too large. Problem types:
       *     - `urn:omni:problem:payload-too-large`: The body exceeds the limit (1 MiB).
       */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Unsupported media type. Problem types:
       *     - `urn:omni:problem:unsupported-media-type`: The body is not of a media type this operation accepts (`application/json`).
       */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Idempotency-Key reused. Problem types:
       *     - `urn:omni:problem:idempotency-key-reused`: This `Idempotency-Key` was used for a different request within 24 hours.
       */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "8c0e2a4c-6e8a-4c0e-8a4c-6e8a0c2e4a6c",
           *           "eventId": "7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4",
           *           "eventType": "message.created",
           *           "status": "delivered",
           *           "attemptCount": 1,
           *           "nextAttemptAt": null,
           *           "lastError": null,
           *           "createdAt": "2026-03-02T09:15:27.900Z",
           *           "deliveredAt": "2026-03-02T09:15:28.042Z",
           *           "attempts": [
           *             {
           *               "attemptedAt": "2026-03-02T09:15:28.001Z",
           *               "statusCode": 204,
           *               "error": null,
           *               "durationMs": 41
           *             }
           *           ]
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['WebhookDeliveryPage'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not found. Problem types:
       *     - `urn:omni:problem:not-found`: Nothing with that id (or no such route).
       */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description URI too long. Problem types:
       *     - `urn:omni:problem:uri-too-long`: A path parameter is longer than any valid value (100 characters).
       */
      414: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  waitForTyping: {
    parameters: {
      query?: {
        /** @description Only this ticket’s customer (default: every ticket). */
        ticketId?: string;
        /** @description Seconds to wait for someone to type before answering an empty list (0: answer at once). */
        wait?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Who is typing. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "ticketId": "6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31",
           *           "channel": "livechat",
           *           "at": "2026-03-02T10:15:27.120Z"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['TypingList'];
        };
      };
      /**
       * @description The request is not valid. Problem types:
       *     - `urn:omni:problem:validation-failed`: A parameter, header or body field is not valid; `errors` maps each field to what is wrong.
       */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Authentication required. Problem types:
       *     - `urn:omni:problem:unauthorized`: No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Not allowed. Problem types:
       *     - `urn:omni:problem:forbidden`: The API key lacks the scope this operation needs.
       */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Too many requests. Problem types:
       *     - `urn:omni:problem:rate-limited`: Over the per-key request rate; `Retry-After` says when to try again.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Internal error. Problem types:
       *     - `urn:omni:problem:internal`: The server failed; the failure is logged under the `requestId`.
       */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description Temporarily unavailable. Problem types:
       *     - `urn:omni:problem:unavailable`: A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.
       */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'X-Trace-Id': components['headers']['X-Trace-Id'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  onTicketCreated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `ticket.created` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['TicketCreatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTicketUpdated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `ticket.updated` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['TicketUpdatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageCreated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `message.created` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['MessageCreatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageUpdated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `message.updated` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['MessageUpdatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageDeliveryUpdated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `message.delivery_updated` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['MessageDeliveryUpdatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCustomerCreated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `customer.created` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerCreatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCustomerUpdated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `customer.updated` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerUpdatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCustomerMerged: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `customer.merged` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerMergedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTicketRated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `ticket.rated` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['TicketRatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCustomerErased: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `customer.erased` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerErasedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSlaWarning: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `sla.warning` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['SlaWarningEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSlaBreached: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `sla.breached` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['SlaBreachedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onAnnouncementCreated: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `announcement.created` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['AnnouncementCreatedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onAnnouncementDeleted: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `announcement.deleted` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['AnnouncementDeletedEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onWebhookDisabled: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id: the same on every retry of this delivery; dedupe by it. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones (5 minutes). */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The `webhook.disabled` event. */
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookDisabledEvent'];
      };
    };
    responses: {
      /** @description Acknowledged: the delivery is done. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not acknowledged (or no answer within 10 seconds): retried later. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}

/** Every schema of the API by name. */
export type AnnouncementCreatedData = components['schemas']['AnnouncementCreatedData'];
export type AnnouncementCreatedEvent = components['schemas']['AnnouncementCreatedEvent'];
export type AnnouncementDeletedData = components['schemas']['AnnouncementDeletedData'];
export type AnnouncementDeletedEvent = components['schemas']['AnnouncementDeletedEvent'];
export type Attachment = components['schemas']['Attachment'];
export type Channel = components['schemas']['Channel'];
export type CsatRating = components['schemas']['CsatRating'];
export type Customer = components['schemas']['Customer'];
export type CustomerCreatedData = components['schemas']['CustomerCreatedData'];
export type CustomerCreatedEvent = components['schemas']['CustomerCreatedEvent'];
export type CustomerErasedData = components['schemas']['CustomerErasedData'];
export type CustomerErasedEvent = components['schemas']['CustomerErasedEvent'];
export type CustomerExport = components['schemas']['CustomerExport'];
export type CustomerMerge = components['schemas']['CustomerMerge'];
export type CustomerMergedData = components['schemas']['CustomerMergedData'];
export type CustomerMergedEvent = components['schemas']['CustomerMergedEvent'];
export type CustomerMergeRequest = components['schemas']['CustomerMergeRequest'];
export type CustomerMerges = components['schemas']['CustomerMerges'];
export type CustomerPage = components['schemas']['CustomerPage'];
export type CustomerUpdatedData = components['schemas']['CustomerUpdatedData'];
export type CustomerUpdatedEvent = components['schemas']['CustomerUpdatedEvent'];
export type DeliveryError = components['schemas']['DeliveryError'];
export type DeliveryStatus = components['schemas']['DeliveryStatus'];
export type Event = components['schemas']['Event'];
export type EventPage = components['schemas']['EventPage'];
export type EventType = components['schemas']['EventType'];
export type Identity = components['schemas']['Identity'];
export type IdentityConflict = components['schemas']['IdentityConflict'];
export type IdentityKind = components['schemas']['IdentityKind'];
export type Message = components['schemas']['Message'];
export type MessageCreatedData = components['schemas']['MessageCreatedData'];
export type MessageCreatedEvent = components['schemas']['MessageCreatedEvent'];
export type MessageDeliveryUpdatedData = components['schemas']['MessageDeliveryUpdatedData'];
export type MessageDeliveryUpdatedEvent = components['schemas']['MessageDeliveryUpdatedEvent'];
export type MessageDirection = components['schemas']['MessageDirection'];
export type MessagePage = components['schemas']['MessagePage'];
export type MessageSender = components['schemas']['MessageSender'];
export type MessageUpdatedData = components['schemas']['MessageUpdatedData'];
export type MessageUpdatedEvent = components['schemas']['MessageUpdatedEvent'];
export type NewAttachment = components['schemas']['NewAttachment'];
export type NewIdentity = components['schemas']['NewIdentity'];
export type NewNote = components['schemas']['NewNote'];
export type NewReply = components['schemas']['NewReply'];
export type NewWebhookSubscription = components['schemas']['NewWebhookSubscription'];
export type Problem = components['schemas']['Problem'];
export type SlaBreachedData = components['schemas']['SlaBreachedData'];
export type SlaBreachedEvent = components['schemas']['SlaBreachedEvent'];
export type SlaWarningData = components['schemas']['SlaWarningData'];
export type SlaWarningEvent = components['schemas']['SlaWarningEvent'];
export type Ticket = components['schemas']['Ticket'];
export type TicketCreatedData = components['schemas']['TicketCreatedData'];
export type TicketCreatedEvent = components['schemas']['TicketCreatedEvent'];
export type TicketMerge = components['schemas']['TicketMerge'];
export type TicketPage = components['schemas']['TicketPage'];
export type TicketPriority = components['schemas']['TicketPriority'];
export type TicketRatedData = components['schemas']['TicketRatedData'];
export type TicketRatedEvent = components['schemas']['TicketRatedEvent'];
export type TicketStatus = components['schemas']['TicketStatus'];
export type TicketUpdate = components['schemas']['TicketUpdate'];
export type TicketUpdatedData = components['schemas']['TicketUpdatedData'];
export type TicketUpdatedEvent = components['schemas']['TicketUpdatedEvent'];
export type Typing = components['schemas']['Typing'];
export type TypingList = components['schemas']['TypingList'];
export type UnmergeRequest = components['schemas']['UnmergeRequest'];
export type UnmergeResult = components['schemas']['UnmergeResult'];
export type WebhookAttempt = components['schemas']['WebhookAttempt'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type WebhookDeliveryPage = components['schemas']['WebhookDeliveryPage'];
export type WebhookDisabledData = components['schemas']['WebhookDisabledData'];
export type WebhookDisabledEvent = components['schemas']['WebhookDisabledEvent'];
export type WebhookPayload = components['schemas']['WebhookPayload'];
export type WebhookSecretRotation = components['schemas']['WebhookSecretRotation'];
export type WebhookSubscription = components['schemas']['WebhookSubscription'];
export type WebhookSubscriptionPage = components['schemas']['WebhookSubscriptionPage'];
export type WebhookSubscriptionWithSecret = components['schemas']['WebhookSubscriptionWithSecret'];
/** Every problem `type` the API answers with (`urn:omni:problem:<code>`). */
export type ProblemType = components['schemas']['Problem']['type'];
/** The body of any webhook delivery (the `webhooks` section: one event type each). */
export type WebhookEvent =
  | AnnouncementCreatedEvent
  | AnnouncementDeletedEvent
  | CustomerCreatedEvent
  | CustomerErasedEvent
  | CustomerMergedEvent
  | CustomerUpdatedEvent
  | MessageCreatedEvent
  | MessageDeliveryUpdatedEvent
  | MessageUpdatedEvent
  | SlaBreachedEvent
  | SlaWarningEvent
  | TicketCreatedEvent
  | TicketRatedEvent
  | TicketUpdatedEvent
  | WebhookDisabledEvent;
