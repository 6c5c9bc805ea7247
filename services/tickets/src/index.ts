export * from './api-keys';
export { ticketsOpenApiDocument } from './openapi/standalone-document';
export * from './settings';
export * from './tickets.service';
export { DEFAULT_RETRY_SCHEDULE_MS } from './webhooks/webhook.worker';
