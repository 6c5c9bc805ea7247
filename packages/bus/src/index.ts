export * from './bus';
export * from './decode-record';
export * from './in-process-bus';
export * from './kafka-bus';
export * from './run-handler';
