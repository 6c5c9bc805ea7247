export * from './customer.queries';
export * from './customer-errors';
export * from './merge';
export * from './merge-records';
export * from './normalize-identity';
export * from './record-events';
export * from './reply-channel';
export * from './reply-window';
