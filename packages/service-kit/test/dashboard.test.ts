import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testLogger } from '@omni/testkit';
import { createHttpServer, createMetrics } from '../src';

const root = join(__dirname, '../../..');

it('the Grafana dashboard queries only metrics the services export', () => {
  const metrics = createMetrics('dashboard-test');
  // The HTTP server registers the request histogram.
  createHttpServer({ log: testLogger(), metrics, readiness: [] });
  const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/dashboards/omni.json'), 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const used = new Set<string>();
  for (const panel of dashboard.panels)
    for (const t of panel.targets)
      for (const name of t.expr.match(/\b(omni_[a-z_]+|http_request_duration_seconds[a-z_]*)\b/g) ?? [])
        used.add(name.replace(/_(bucket|count|sum)$/, ''));
  expect(used.size).toBeGreaterThanOrEqual(6);
  for (const name of used)
    expect({ name, exported: metrics.getSingleMetric(name) !== undefined }).toEqual({ name, exported: true });
});
