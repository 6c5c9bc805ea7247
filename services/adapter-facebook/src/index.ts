export * from './facebook.adapter';
export * from './graph-client';
export * from './normalize';
export * from './send';
export * from './sent-log';
export * from './signature';
