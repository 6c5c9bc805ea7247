export * from './bootstrap-key';
export * from './embedded-database';
