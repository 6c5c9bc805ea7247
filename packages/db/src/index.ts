export * from './advisory-lease';
export * from './blob-store';
export * from './dead-letter-store';
export * from './listen';
export * from './migrate';
export * from './named';
export * from './poll-cursor';
export * from './pool';
