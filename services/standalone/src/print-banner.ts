import { join } from 'node:path';
import { channelBannerLines } from '@omni/channels';
import type { CommonEnv, OmniConfig } from '@omni/service-kit';

/** Where everything is, for the person who just typed `pnpm start`. */
export function printBanner({
  url,
  config,
  env,
  apiKey,
  dataDir,
}: {
  url: string;
  config: OmniConfig;
  env: CommonEnv;
  apiKey: { key: string; file?: string };
  /** The launcher's data directory (`OMNI_DATA_DIR`), resolved. */
  dataDir: string;
}): void {
  const lines = [
    '',
    `omni is running at ${url}`,
    `  database   ${env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL (${join(dataDir, 'pg')})`}`,
    `  bus        ${env.KAFKA_BROKERS ? `Kafka ${env.KAFKA_BROKERS.join(',')}` : 'in-process'}`,
    `  health     ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    `  API        ${url}/v1/tickets   (Authorization: Bearer <key>)`,
    `  reference  ${url}/docs   ${url}/openapi.json   ${url}/asyncapi.json`,
    `  API key    ${apiKey.file ? `${apiKey.key}  (kept in ${apiKey.file})` : 'OMNI_BOOTSTRAP_API_KEY'}`,
    ...channelBannerLines(config, url),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
