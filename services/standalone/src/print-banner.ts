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
  const ch = config.channels;
  const lines = [
    '',
    `omni is running at ${url}`,
    `  database   ${env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (.data/pg)'}`,
    `  bus        ${env.KAFKA_BROKERS ? `Kafka ${env.KAFKA_BROKERS.join(',')}` : 'in-process'}`,
    `  health     ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    `  API        ${url}/v1/tickets   (Authorization: Bearer <key>)`,
    `  API key    ${apiKey.file ? `${apiKey.key}  (kept in ${apiKey.file})` : 'OMNI_BOOTSTRAP_API_KEY'}`,
    ...ch.webform.flatMap((a) => [
      `  web form   ${url}/channels/webform/${a.account}  (the page; embed: ${url}/channels/webform/${a.account}/embed.js)`,
      `             POST ${url}/channels/webform/${a.account}/submissions`,
    ]),
    ...ch.telegram.map((a) => `  telegram   POST ${url}/channels/telegram/${a.account}/webhook`),
    ...ch.viber.map((a) => `  viber      POST ${url}/channels/viber/${a.account}/webhook`),
    ...ch.facebook.map((a) => `  facebook   ${url}/channels/facebook/${a.account}/webhook`),
    ...ch.vk.map((a) => `  vk         POST ${url}/channels/vk/${a.account}/callback`),
    ...ch.email.map(
      (a) => `  email      ${a.address} (IMAP ${a.imap.host}), POST ${url}/channels/email/${a.account}/mime`,
    ),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
