export * from './identity-plan';
export { insertMessages, type MessageRow } from './message.repository';
export * from './thread-batch';
export * from './threading.service';
