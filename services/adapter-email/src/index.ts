export * from './email.adapter';
export * from './loop-safety';
export * from './normalize';
export * from './quote-split';
export * from './read-email';
export * from './smtp-sender';
export * from './subject';
