import { channelBannerLines } from '@omni/channels';
import type { CommonEnv, OmniConfig } from '@omni/service-kit';

/** Where everything is, for the person who just typed `pnpm start`. */
export function printBanner({
  url,
  config,
  env,
  apiKey,
}: {
  url: string;
  config: OmniConfig;
  env: CommonEnv;
  apiKey: { key: string; file?: string };
}): void {
  const lines = [
    '',
    `omni is running at ${url}`,
    `  database   ${env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (.data/pg)'}`,
    `  bus        ${env.KAFKA_BROKERS ? `Kafka ${env.KAFKA_BROKERS.join(',')}` : 'in-process'}`,
    `  health     ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    `  API        ${url}/v1/tickets   (Authorization: Bearer <key>)`,
    `  API key    ${apiKey.file ? `${apiKey.key}  (kept in ${apiKey.file})` : 'OMNI_BOOTSTRAP_API_KEY'}`,
    ...channelBannerLines(config, url),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
