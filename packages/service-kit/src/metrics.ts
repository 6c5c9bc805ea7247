import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per process, with the Node.js default metrics. */
export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
