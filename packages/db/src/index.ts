export * from './advisory-lease';
export * from './blob-store';
export * from './migrate';
export * from './pool';
