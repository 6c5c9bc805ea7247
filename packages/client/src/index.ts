export * from './client.js';
export * from './schema.js';
export * from './webhooks.js';
