// Inside the fresh-machine container, after `pnpm start` was launched: waits until it serves,
// posts a web-form submission and reads it back through /v1 with the key it generated.
import { readFileSync } from 'node:fs';

const base = 'http://127.0.0.1:8080';
const deadline = Date.now() + 300_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = () => readFileSync('/tmp/start.log', 'utf8');
for (;;) {
  const ready = await fetch(`${base}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) break;
  if (/failed to start/.test(log()) || Date.now() > deadline) {
    process.stderr.write(`pnpm start did not become ready:\n${log().slice(-4000)}\n`);
    process.exit(1);
  }
  await sleep(1000);
}
const subject = `fresh-machine-${Date.now()}`;
const post = await fetch(`${base}/channels/webform/default/submissions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Анна', email: 'anna@example.com', subject, message: 'Где мой заказ?' }),
});
if (!post.ok) throw new Error(`submission answered ${post.status}: ${await post.text()}`);
const key = readFileSync('/root/omni/.data/bootstrap-api-key', 'utf8').trim();
const tickets = await (
  await fetch(`${base}/v1/tickets`, { headers: { authorization: `Bearer ${key}` } })
).json();
if (!tickets.data?.some((t) => t.subject === subject))
  throw new Error(`not visible through /v1: ${JSON.stringify(tickets)}`);
process.stdout.write(
  `pnpm start as root in /root (0700): ready, submission visible through /v1\n${log()
    .split('\n')
    .filter((l) => /embedded PostgreSQL|omni is running/.test(l))
    .join('\n')}\n`,
);
process.exit(0);
