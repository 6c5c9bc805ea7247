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
    /** List tickets */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          /** @description Repeatable: `?status=open&status=pending`. */
          status?:
            | ('open' | 'pending' | 'resolved' | 'closed')
            | ('open' | 'pending' | 'resolved' | 'closed')[];
          /** @description Tickets with at least one message on this channel. */
          channel?: 'email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform';
          customerId?: string;
          assignee?: string;
          group?: string;
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
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: uuid */
                id: string;
                number: number;
                /** @enum {string} */
                status: 'open' | 'pending' | 'resolved' | 'closed';
                subject: string | null;
                topic: string | null;
                /** Format: uuid */
                customerId: string;
                channels: ('email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform')[];
                priority: string;
                assignee: string | null;
                group: string | null;
                tags: string[];
                createdAt: string;
                updatedAt: string;
                lastMessageAt: string | null;
                firstResponseAt: string | null;
                messageCount: number;
                mergedIntoTicketId: string | null;
                routingRule: string | null;
                firstResponseDueAt: string | null;
                resolutionDueAt: string | null;
                firstResponseBreached: boolean;
                resolutionBreached: boolean;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tickets/by-number/{number}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A ticket by its number */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          number: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              number: number;
              /** @enum {string} */
              status: 'open' | 'pending' | 'resolved' | 'closed';
              subject: string | null;
              topic: string | null;
              /** Format: uuid */
              customerId: string;
              channels: ('email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform')[];
              priority: string;
              assignee: string | null;
              group: string | null;
              tags: string[];
              createdAt: string;
              updatedAt: string;
              lastMessageAt: string | null;
              firstResponseAt: string | null;
              messageCount: number;
              mergedIntoTicketId: string | null;
              routingRule: string | null;
              firstResponseDueAt: string | null;
              resolutionDueAt: string | null;
              firstResponseBreached: boolean;
              resolutionBreached: boolean;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** A ticket */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              number: number;
              /** @enum {string} */
              status: 'open' | 'pending' | 'resolved' | 'closed';
              subject: string | null;
              topic: string | null;
              /** Format: uuid */
              customerId: string;
              channels: ('email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform')[];
              priority: string;
              assignee: string | null;
              group: string | null;
              tags: string[];
              createdAt: string;
              updatedAt: string;
              lastMessageAt: string | null;
              firstResponseAt: string | null;
              messageCount: number;
              mergedIntoTicketId: string | null;
              routingRule: string | null;
              firstResponseDueAt: string | null;
              resolutionDueAt: string | null;
              firstResponseBreached: boolean;
              resolutionBreached: boolean;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change status, assignee, group, priority, tags */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            status?: 'open' | 'pending' | 'resolved' | 'closed';
            assignee?: string | null;
            group?: string | null;
            /** @enum {string} */
            priority?: 'low' | 'normal' | 'high' | 'urgent';
            tags?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              number: number;
              /** @enum {string} */
              status: 'open' | 'pending' | 'resolved' | 'closed';
              subject: string | null;
              topic: string | null;
              /** Format: uuid */
              customerId: string;
              channels: ('email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform')[];
              priority: string;
              assignee: string | null;
              group: string | null;
              tags: string[];
              createdAt: string;
              updatedAt: string;
              lastMessageAt: string | null;
              firstResponseAt: string | null;
              messageCount: number;
              mergedIntoTicketId: string | null;
              routingRule: string | null;
              firstResponseDueAt: string | null;
              resolutionDueAt: string | null;
              firstResponseBreached: boolean;
              resolutionBreached: boolean;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/tickets/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages in conversation order */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                ticketId: string;
                /** Format: uuid */
                customerId: string;
                /** @enum {string} */
                direction: 'inbound' | 'outbound' | 'note';
                /** @enum {string} */
                channel: 'email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform';
                account: string;
                externalId: string | null;
                sentAt: string;
                receivedAt: string;
                text: string;
                html: string | null;
                subject: string | null;
                sender: {
                  displayName: string | null;
                  identity: string | null;
                };
                author: string | null;
                attachments: {
                  /** Format: uuid */
                  id: string;
                  name: string;
                  mimeType: string;
                  size: number;
                  sha256: string | null;
                  url: string | null;
                  skipped: string | null;
                }[];
                deliveryStatus: ('queued' | 'sent' | 'failed' | 'delivered' | 'read') | null;
                deliveryError: {
                  code: string;
                  message: string;
                } | null;
                editedAt: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
     * @description Queued for the channel adapter (202); `deliveryStatus` moves to `sent` or `failed` as the platform answers. A web form cannot carry replies: on a web-form ticket the reply leaves by email (the address the customer typed, else their email identity) from the form's `replyEmailAccount` or the first email account; without either, 409.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            text: string;
            html?: string;
            /**
             * @description Default: the channel of the customer's last inbound message.
             * @enum {string}
             */
            channel?: 'email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform';
            /** @description The agent, as the helpdesk names them. */
            author?: string;
            attachments?: {
              name: string;
              mimeType: string;
              /** Format: byte */
              contentBase64: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              ticketId: string;
              /** Format: uuid */
              customerId: string;
              /** @enum {string} */
              direction: 'inbound' | 'outbound' | 'note';
              /** @enum {string} */
              channel: 'email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform';
              account: string;
              externalId: string | null;
              sentAt: string;
              receivedAt: string;
              text: string;
              html: string | null;
              subject: string | null;
              sender: {
                displayName: string | null;
                identity: string | null;
              };
              author: string | null;
              attachments: {
                /** Format: uuid */
                id: string;
                name: string;
                mimeType: string;
                size: number;
                sha256: string | null;
                url: string | null;
                skipped: string | null;
              }[];
              deliveryStatus: ('queued' | 'sent' | 'failed' | 'delivered' | 'read') | null;
              deliveryError: {
                code: string;
                message: string;
              } | null;
              editedAt: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Add an internal note (never sent) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            text: string;
            author?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              ticketId: string;
              /** Format: uuid */
              customerId: string;
              /** @enum {string} */
              direction: 'inbound' | 'outbound' | 'note';
              /** @enum {string} */
              channel: 'email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform';
              account: string;
              externalId: string | null;
              sentAt: string;
              receivedAt: string;
              text: string;
              html: string | null;
              subject: string | null;
              sender: {
                displayName: string | null;
                identity: string | null;
              };
              author: string | null;
              attachments: {
                /** Format: uuid */
                id: string;
                name: string;
                mimeType: string;
                size: number;
                sha256: string | null;
                url: string | null;
                skipped: string | null;
              }[];
              deliveryStatus: ('queued' | 'sent' | 'failed' | 'delivered' | 'read') | null;
              deliveryError: {
                code: string;
                message: string;
              } | null;
              editedAt: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Merge this ticket into another of the same customer */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: uuid */
            intoTicketId: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              number: number;
              /** @enum {string} */
              status: 'open' | 'pending' | 'resolved' | 'closed';
              subject: string | null;
              topic: string | null;
              /** Format: uuid */
              customerId: string;
              channels: ('email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform')[];
              priority: string;
              assignee: string | null;
              group: string | null;
              tags: string[];
              createdAt: string;
              updatedAt: string;
              lastMessageAt: string | null;
              firstResponseAt: string | null;
              messageCount: number;
              mergedIntoTicketId: string | null;
              routingRule: string | null;
              firstResponseDueAt: string | null;
              resolutionDueAt: string | null;
              firstResponseBreached: boolean;
              resolutionBreached: boolean;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Find customers */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          /** @description Substring of the display name or of any identity value. */
          q?: string;
          email?: string;
          phone?: string;
          identity?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
                identities: {
                  /** Format: uuid */
                  id: string;
                  /** @enum {string} */
                  kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
                  value: string;
                  verified: boolean;
                }[];
                createdAt: string;
                updatedAt: string;
                ticketCount: number;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** A customer (a merged-away id answers with the survivor) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              identities: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
                value: string;
                verified: boolean;
              }[];
              createdAt: string;
              updatedAt: string;
              ticketCount: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
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
    /** Every message of every ticket on every channel, in time order */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                ticketId: string;
                /** Format: uuid */
                customerId: string;
                /** @enum {string} */
                direction: 'inbound' | 'outbound' | 'note';
                /** @enum {string} */
                channel: 'email' | 'telegram' | 'viber' | 'facebook' | 'vk' | 'webform';
                account: string;
                externalId: string | null;
                sentAt: string;
                receivedAt: string;
                text: string;
                html: string | null;
                subject: string | null;
                sender: {
                  displayName: string | null;
                  identity: string | null;
                };
                author: string | null;
                attachments: {
                  /** Format: uuid */
                  id: string;
                  name: string;
                  mimeType: string;
                  size: number;
                  sha256: string | null;
                  url: string | null;
                  skipped: string | null;
                }[];
                deliveryStatus: ('queued' | 'sent' | 'failed' | 'delivered' | 'read') | null;
                deliveryError: {
                  code: string;
                  message: string;
                } | null;
                editedAt: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Merge another customer into this one */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: uuid */
            customerId: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              identities: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
                value: string;
                verified: boolean;
              }[];
              createdAt: string;
              updatedAt: string;
              ticketCount: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Undo one merge of this customer */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: uuid */
            mergeId: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              survivor: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
                identities: {
                  /** Format: uuid */
                  id: string;
                  /** @enum {string} */
                  kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
                  value: string;
                  verified: boolean;
                }[];
                createdAt: string;
                updatedAt: string;
                ticketCount: number;
              };
              restored: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
                identities: {
                  /** Format: uuid */
                  id: string;
                  /** @enum {string} */
                  kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
                  value: string;
                  verified: boolean;
                }[];
                createdAt: string;
                updatedAt: string;
                ticketCount: number;
              };
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Merges (automatic and manual) and recorded identity conflicts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              merges: {
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
              }[];
              conflicts: {
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
              }[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Link an identity */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retries with the same key return the first result and do nothing twice (kept 24 hours). */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
            value: string;
            /** @default false */
            verified?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              identities: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: 'email' | 'phone' | 'telegram' | 'viber' | 'facebook' | 'vk';
                value: string;
                verified: boolean;
              }[];
              createdAt: string;
              updatedAt: string;
              ticketCount: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Unlink an identity */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          identityId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
     * @description The stored bytes with their media type, always as a download; supports single `Range: bytes=` requests (206).
     */
    get: {
      parameters: {
        query?: never;
        header?: {
          range?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description part of the file */
        206: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        416: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
     * Change feed
     * @description Every domain event in commit order. Poll again with `nextCursor`; it stays the same while nothing new arrived.
     */
    get: {
      parameters: {
        query?: {
          /** @description The `nextCursor` of the previous call; omit to start from the beginning. */
          after?: string;
          limit?: number;
          type?:
            | (
                | 'ticket.created'
                | 'ticket.updated'
                | 'message.created'
                | 'message.updated'
                | 'message.delivery_updated'
                | 'customer.created'
                | 'customer.updated'
                | 'customer.merged'
                | 'sla.warning'
                | 'sla.breached'
                | 'announcement.created'
                | 'announcement.deleted'
                | 'webhook.disabled'
              )
            | (
                | 'ticket.created'
                | 'ticket.updated'
                | 'message.created'
                | 'message.updated'
                | 'message.delivery_updated'
                | 'customer.created'
                | 'customer.updated'
                | 'customer.merged'
                | 'sla.warning'
                | 'sla.breached'
                | 'announcement.created'
                | 'announcement.deleted'
                | 'webhook.disabled'
              )[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                type:
                  | 'ticket.created'
                  | 'ticket.updated'
                  | 'message.created'
                  | 'message.updated'
                  | 'message.delivery_updated'
                  | 'customer.created'
                  | 'customer.updated'
                  | 'customer.merged'
                  | 'sla.warning'
                  | 'sla.breached'
                  | 'announcement.created'
                  | 'announcement.deleted'
                  | 'webhook.disabled';
                occurredAt: string;
                data: {
                  [key: string]: unknown;
                };
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** List subscriptions */
    get: {
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
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /** Format: uuid */
                id: string;
                url: string;
                events: string[];
                createdAt: string;
                disabledAt: string | null;
                disabledReason: string | null;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Subscribe a URL to event types
     * @description Deliveries are signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the returned `secret`, retried with exponential backoff for about 27 hours; a subscription whose deliveries fail for the whole schedule is disabled (event `webhook.disabled`).
     */
    post: {
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
          'application/json': {
            /** Format: uri */
            url: string;
            events: (
              | 'ticket.created'
              | 'ticket.updated'
              | 'message.created'
              | 'message.updated'
              | 'message.delivery_updated'
              | 'customer.created'
              | 'customer.updated'
              | 'customer.merged'
              | 'sla.warning'
              | 'sla.breached'
              | 'announcement.created'
              | 'announcement.deleted'
              | 'webhook.disabled'
            )[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** Format: uuid */
              id: string;
              url: string;
              events: string[];
              createdAt: string;
              disabledAt: string | null;
              disabledReason: string | null;
              secret: string;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    get?: never;
    put?: never;
    post?: never;
    /** Delete a subscription */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
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
    /** Deliveries with every attempt */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                /**
                 * Format: uuid
                 * @description The `webhook-id` header of every attempt of this delivery.
                 */
                id: string;
                /** Format: uuid */
                eventId: string;
                eventType: string;
                /** @enum {string} */
                status: 'pending' | 'delivered' | 'failed';
                attemptCount: number;
                nextAttemptAt: string | null;
                lastError: string | null;
                createdAt: string;
                deliveredAt: string | null;
                attempts: {
                  attemptedAt: string;
                  statusCode: number | null;
                  error: string | null;
                  durationMs: number;
                }[];
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              type: string;
              title: string;
              status: number;
              detail?: string;
              errors?: {
                [key: string]: string;
              };
              instance?: string;
              requestId?: string;
            } & {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
