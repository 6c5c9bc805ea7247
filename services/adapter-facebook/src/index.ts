export * from './config';
export * from './facebook.adapter';
export * from './facebook.channel';
export * from './send';
