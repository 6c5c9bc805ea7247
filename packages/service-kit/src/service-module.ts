import type { FastifyPluginAsync } from 'fastify';
import type { ReadinessCheck } from './http-server';

/**
 * What a service contributes to a process. The same modules run one per process
 * (`docker compose up`) or all in one (`pnpm start`): one code path.
 */
export interface ServiceModule {
  name: string;
  /** HTTP routes, registered on the process's server. */
  routes?: FastifyPluginAsync;
  /** Starts background intake (consumers, pollers, relays) once the server listens. */
  start?(): Promise<void>;
  /** Stops that intake and waits for the work in flight. */
  stop?(): Promise<void>;
  readiness?: ReadinessCheck[];
}
