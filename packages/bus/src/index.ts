export * from './bus';
export * from './bus-observer';
export * from './dead-letters';
export * from './decode-record';
export * from './in-process-bus';
export * from './kafka-bus';
export * from './publish-recorder';
export * from './run-handler';
