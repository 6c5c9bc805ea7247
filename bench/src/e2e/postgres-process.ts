import { startEmbeddedPostgres } from '@omni/testkit';

/**
 * PostgreSQL as a process the chaos harness can stop and start again on the same data
 * directory and port (`PG_DATA_DIR`, `PG_PORT`): SIGTERM stops the server cleanly, a new
 * process starts it again.
 */
async function main(): Promise<void> {
  const server = await startEmbeddedPostgres({
    dataDir: process.env.PG_DATA_DIR as string,
    port: Number(process.env.PG_PORT),
    fast: true,
  });
  process.stdout.write(`READY ${server.url}\n`);
  const stop = () => {
    void server
      .stop()
      .catch(() => undefined)
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`postgres failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
