export * from './config';
export * from './normalize';
export * from './outbound-token.repository';
export * from './send';
export * from './viber.adapter';
export * from './viber.channel';
export * from './viber.schema';
export * from './viber-api';
