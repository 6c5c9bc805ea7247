import { elapsedMs, logLine } from '../log';
import { SERVERS_KEY, type TestServers } from './global-setup';

/** Stops what the global setup started; both are stopped even if one fails. */
export default async function globalTeardown(): Promise<void> {
  const servers = Reflect.get(globalThis, SERVERS_KEY) as TestServers | undefined;
  if (servers === undefined) return;
  const startedAt = performance.now();
  const results = await Promise.allSettled([
    servers.kafka?.stop(),
    // A server from DATABASE_URL outlives the run: leave no template on it.
    ...servers.postgres.map(async ({ server, template }) => {
      try {
        await template.drop();
      } finally {
        await server.stop();
      }
    }),
  ]);
  Reflect.deleteProperty(globalThis, SERVERS_KEY);
  logLine(`test servers stopped in ${elapsedMs(startedAt)} ms`);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, 'test servers failed to stop cleanly');
}
