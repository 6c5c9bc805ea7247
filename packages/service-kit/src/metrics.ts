import { collectDefaultMetrics, Registry } from 'prom-client';
import { omniMetrics, setProcessMetrics } from './omni-metrics';

/**
 * How often the event-loop delay histogram (`nodejs_eventloop_lag_*`) samples, in ms. Each
 * sample is a timer that wakes the process: prom-client's default of 10 ms was 100 wake-ups a
 * second in every idle service — the largest part of their idle CPU (`pnpm bench idle`). The
 * recorded delays include this interval (a lag-free loop shows ~0.1 s), and a stall shorter
 * than it is caught only when a sample falls inside it.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** One registry per process, with the Node.js default metrics and the platform's own (omni-metrics.ts). */
export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  omniMetrics(registry);
  setProcessMetrics(registry);
  return registry;
}
