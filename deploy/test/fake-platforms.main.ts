/**
 * The platforms' side of the deploy smoke, run as a container on the compose network (the
 * adapters reach it as `fake-platforms:8090`): the test kit's Bot API fake, and on 8091 what
 * it received (`GET /calls`) for the smoke on the host to read through a published port.
 */
import { createServer } from 'node:http';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';

async function main(): Promise<void> {
  const token = process.env.FAKE_TELEGRAM_TOKEN;
  if (!token) throw new Error('FAKE_TELEGRAM_TOKEN is not set');
  const telegram = await new FakeTelegramApi(token).start({ host: '0.0.0.0', port: 8090 });
  createServer((req, res) => {
    const body = req.url === '/calls' ? JSON.stringify(telegram.calls) : '{"status":"ok"}';
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }).listen(8091, '0.0.0.0');
  const stop = () => void telegram.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake platforms failed: ${String(error)}\n`);
  process.exit(1);
});
