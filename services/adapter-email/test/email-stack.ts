import type { Bus } from '@omni/bus';
import { createPool, type Pool } from '@omni/db';
import { createMetrics, OmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import type { Harness } from '@omni/testkit';
import type { TestDovecot } from '@omni/testkit/src/dovecot';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService } from '@omni/tickets';
import { buildEmailAdapter } from '../src/email.adapter';

/** The config of one email account, `support`, reading the test Dovecot; `account` adds or overrides keys. */
export function supportAccountConfig(
  dovecot: TestDovecot,
  account: Record<string, unknown> = {},
): OmniConfig {
  return OmniConfig.parse({
    channels: {
      email: [
        {
          account: 'support',
          address: 'support@example.com',
          imap: {
            host: dovecot.host,
            port: dovecot.port,
            secure: false,
            user: 'support',
            password: 'secret',
          },
          ...account,
        },
      ],
    },
  });
}

export interface EmailStack {
  running: RunningServices;
  pool: Pool;
}

/** The email channel as `pnpm start` composes it: email adapter, threading and the ticket API on one server. */
export async function startEmailStack(
  h: Harness,
  bus: Bus,
  config: OmniConfig,
  bootstrapApiKey?: string,
): Promise<EmailStack> {
  const pool = createPool({ url: h.databaseUrl, log: h.log });
  const running = await runServices({
    log: h.log,
    metrics: createMetrics('email-stack'),
    bus,
    pool,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildEmailAdapter({ config, bus, pool, log: h.log }),
      buildThreadingService({ pool, bus, log: h.log, settings: config.threading }),
      buildTicketsService({ pool, bus, log: h.log, bootstrapApiKey }),
    ],
  });
  return { running, pool };
}
