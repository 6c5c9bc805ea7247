export * from './asyncapi-document';
export * from './record-validator';
