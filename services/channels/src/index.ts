export * from './banner';
export * from './registry';
