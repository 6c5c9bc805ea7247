import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommonEnv } from '@omni/service-kit';
import { TicketsEnv } from '@omni/tickets';
import { parse } from 'yaml';
import type { z } from 'zod';
import { imagePackages } from '../../scripts/build';

const REPO = join(__dirname, '..', '..');

/** Environment schemas beyond CommonEnv, per service (what its main.ts parses). */
const EXTRA_ENV: Record<string, z.ZodObject> = { tickets: TicketsEnv, 'all-in-one': TicketsEnv };

interface Service {
  image?: string;
  restart?: string;
  environment?: Record<string, string | number | null>;
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  profiles?: string[];
  stop_grace_period?: string;
}

/** docker-compose.yml as compose reads it without a .env: `${VAR:-default}` → default, `${VAR:?…}` → a value as ops would give. */
function loadCompose(): Record<string, Service> {
  const text = readFileSync(join(REPO, 'docker-compose.yml'), 'utf8').replace(
    /\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g,
    (_, _name: string, kind?: string, word?: string) =>
      kind === '-' ? (word ?? '') : kind === '?' ? 'a-value-the-operator-must-provide' : '',
  );
  return (parse(text, { merge: true }) as { services: Record<string, Service> }).services;
}

const services = loadCompose();
const omniServices = Object.entries(services).filter(([, s]) => s.environment?.SERVICE !== undefined);
const defaultProfile = Object.entries(services).filter(([, s]) => s.profiles === undefined);

describe('docker-compose.yml', () => {
  it('runs every deployable service of the image, each once', () => {
    const deployable = imagePackages()
      .filter((pkg) => pkg.dir.startsWith('services/'))
      .map((pkg) => pkg.dir.slice('services/'.length))
      .sort();
    expect(omniServices.map(([, s]) => String(s.environment?.SERVICE)).sort()).toEqual(deployable);
  });

  it.each(omniServices)(
    'gives %s an environment its schema accepts, with nothing unknown',
    (_name, service) => {
      // A key without a value (`KEY:` after interpolation) is left unset by compose.
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {})
          .filter(([, v]) => v !== null)
          .map(([k, v]) => [k, String(v)]),
      );
      const { SERVICE, ...rest } = env;
      const extra = EXTRA_ENV[SERVICE as string];
      const known = new Set([...Object.keys(CommonEnv.shape), ...Object.keys(extra?.shape ?? {})]);
      expect(Object.keys(rest).filter((key) => !known.has(key))).toEqual([]);
      expect(CommonEnv.safeParse(rest).error?.issues ?? []).toEqual([]);
      if (extra) expect(extra.safeParse(rest).error?.issues ?? []).toEqual([]);
      // Without these a service runs on an in-process bus or fails at start: in a container, never right.
      expect(rest.DATABASE_URL).toMatch(/^postgres:\/\//);
      expect(rest.KAFKA_BROKERS).toBeTruthy();
    },
  );

  it.each(defaultProfile)(
    'restarts %s and checks its health, or runs it once before what needs it',
    (name, service) => {
      if (service.restart === 'no') {
        const waiting = Object.values(services).filter(
          (s) => s.depends_on?.[name]?.condition === 'service_completed_successfully',
        );
        expect(waiting.length).toBeGreaterThan(0);
        return;
      }
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck?.test).toBeDefined();
      expect(service.healthcheck?.disable).not.toBe(true);
    },
  );

  it.each(omniServices)('has %s scraped by Prometheus (deploy/prometheus/prometheus.yml)', (name) => {
    const prometheus = parse(readFileSync(join(REPO, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ dns_sd_configs?: Array<{ names: string[] }> }>;
    };
    const names = prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs ?? []).flatMap((d) => d.names);
    expect(names).toContain(name);
  });

  it('keeps Kafka and PostgreSQL data on their volumes', () => {
    const mounted = (service: Service) => (service.volumes ?? []).map((v) => v.split(':')[1] as string);
    const kafka = services.kafka as Service;
    // The apache/kafka image writes to /tmp/kraft-combined-logs unless told otherwise.
    const logDirs = String(kafka.environment?.KAFKA_LOG_DIRS ?? '/tmp/kraft-combined-logs');
    expect(mounted(kafka).some((target) => logDirs.startsWith(target))).toBe(true);
    // postgres:18 keeps PGDATA at /var/lib/postgresql/18/docker.
    const postgres = services.postgres as Service;
    expect(postgres.image).toMatch(/^postgres:18/);
    expect(mounted(postgres).some((target) => '/var/lib/postgresql/18/docker'.startsWith(target))).toBe(true);
  });

  it('lets a service finish its graceful shutdown before the kill', () => {
    const bound = Number(CommonEnv.shape.SHUTDOWN_TIMEOUT_SECONDS.parse(undefined));
    for (const [, service] of omniServices) {
      expect(Number.parseInt(service.stop_grace_period ?? '10', 10)).toBeGreaterThan(bound);
    }
  });
});
