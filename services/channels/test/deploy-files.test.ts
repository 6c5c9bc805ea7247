import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHANNEL_DEFINITIONS } from '../src';

// The deploy files that must name each service stay hand-written; these checks make a
// registered channel that is missing from them fail here instead of in production.
const root = join(__dirname, '../../..');
const yaml = (path: string) => parse(readFileSync(join(root, path), 'utf8'), { merge: true });

describe.each(CHANNEL_DEFINITIONS.map((c) => [c.name, c.service] as const))(
  'channel %s (%s)',
  (_name, service) => {
    it('has the process entry the image starts (services/<service>/src/main.ts)', () => {
      expect(existsSync(join(root, 'services', service, 'src/main.ts'))).toBe(true);
    });

    it('runs as its own service in docker-compose.yml', () => {
      const compose = yaml('docker-compose.yml') as {
        services: Record<string, { environment?: Record<string, string> }>;
      };
      expect(compose.services[service]?.environment?.SERVICE).toBe(service);
    });

    it('is scraped by Prometheus (deploy/prometheus/prometheus.yml)', () => {
      const prometheus = yaml('deploy/prometheus/prometheus.yml') as {
        scrape_configs: Array<{ dns_sd_configs?: Array<{ names: string[] }> }>;
      };
      const names = prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs ?? []).flatMap((d) => d.names);
      expect(names).toContain(service);
    });
  },
);
