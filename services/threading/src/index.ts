export * from './identity-plan';
export * from './normalize-identity';
export * from './thread-batch';
export * from './threading.service';
