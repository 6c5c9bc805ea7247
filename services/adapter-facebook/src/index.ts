export * from './config';
export * from './facebook.adapter';
export * from './facebook.channel';
export * from './facebook-api';
export * from './normalize';
export * from './send';
export * from './sent-log';
export * from './signature';
