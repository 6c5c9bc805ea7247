export * from './bot-api';
export * from './config';
export * from './normalize';
export * from './telegram.adapter';
export * from './telegram.channel';
export * from './telegram-poller';
export * from './update.schema';
export * from './update-processor';
