export * from './facebook.adapter';
export * from './graph-client';
export * from './normalize';
export * from './send';
export * from './signature';
