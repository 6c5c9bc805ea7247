export * from './config';
export * from './normalize';
export * from './send';
export * from './whatsapp.adapter';
export * from './whatsapp.channel';
export * from './whatsapp-api';
