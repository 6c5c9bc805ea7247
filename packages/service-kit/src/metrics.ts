import { collectDefaultMetrics, Registry } from 'prom-client';
import { omniMetrics, setProcessMetrics } from './omni-metrics';

/** One registry per process, with the Node.js default metrics and the platform's own (omni-metrics.ts). */
export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  omniMetrics(registry);
  setProcessMetrics(registry);
  return registry;
}
