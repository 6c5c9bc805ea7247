export * from './api-keys';
export * from './tickets.service';
