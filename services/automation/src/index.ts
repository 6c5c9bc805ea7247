export * from './acknowledgement';
export * from './automation.service';
export * from './business-clock';
export * from './routing';
export * from './sla-clock';
export { checkSlaClocks, SlaScheduler } from './sla-scheduler';
export * from './stats.queries';
export * from './wait-text';
