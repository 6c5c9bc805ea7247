export * from './config';
export * from './instagram.adapter';
export * from './instagram.channel';
export * from './normalize';
export * from './send';
