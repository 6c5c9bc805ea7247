export * from './api-keys';
export * from './settings';
export * from './tickets.service';
export { DEFAULT_RETRY_SCHEDULE_MS } from './webhooks/webhook.worker';
