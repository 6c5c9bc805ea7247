export * from './config';
export * from './conversation.repository';
export * from './livechat.adapter';
export * from './livechat.channel';
export * from './livechat.schema';
export * from './normalize';
export * from './texts';
export * from './visitor-token';
