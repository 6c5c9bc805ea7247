export * from './callback.schema';
export * from './config';
export * from './normalize';
export * from './outbound-token.repository';
export * from './viber.adapter';
export * from './viber.channel';
export * from './viber-api';
