import { buildWebformAdapter } from '@omni/adapter-webform';
import type { Bus } from '@omni/bus';
import { createPool } from '@omni/db';
import {
  createMetrics,
  DEFAULT_CONFIG_TEXT,
  parseOmniConfig,
  type RunningServices,
  runServices,
} from '@omni/service-kit';
import type { Harness } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';

export interface Pipeline extends RunningServices {
  apiKey: string;
  /** GET a `/v1` path with the key; returns status and JSON body. */
  api(path: string): Promise<{ status: number; body: any }>;
  /** POST JSON to the web-form adapter. */
  submit(body: unknown, account?: string): Promise<{ status: number; body: any; contentType: string | null }>;
}

/**
 * The web-form adapter, threading and the ticket API on one server, on the harness's
 * database, wired through the given bus — the same modules `pnpm start` composes.
 */
export async function startPipeline(
  h: Harness,
  bus: Bus,
  opts: { groupId?: string } = {},
): Promise<Pipeline> {
  const config = parseOmniConfig(DEFAULT_CONFIG_TEXT, {});
  // The services get their own pool: stopping them ends it, the harness ends its own.
  const pool = createPool({ url: h.databaseUrl, log: h.log });
  const apiKey = generateApiKey();
  const running = await runServices({
    log: h.log,
    metrics: createMetrics('pipeline-test'),
    bus,
    pool,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildWebformAdapter({ config, bus, log: h.log }),
      buildThreadingService({ pool, bus, log: h.log, settings: config.threading, groupId: opts.groupId }),
      buildTicketsService({ pool, log: h.log, bootstrapApiKey: apiKey }),
    ],
  });
  return {
    ...running,
    apiKey,
    async api(path) {
      const res = await fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
      return { status: res.status, body: await res.json() };
    },
    async submit(body, account = 'default') {
      const res = await fetch(`${running.url}/channels/webform/${account}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json(), contentType: res.headers.get('content-type') };
    },
  };
}
