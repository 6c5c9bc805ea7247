export * from './callback.schema';
export * from './normalize';
export * from './outbound-token.repository';
export * from './viber.adapter';
export * from './viber-api';
