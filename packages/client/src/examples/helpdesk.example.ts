// A helpdesk integration in a page: lists open tickets, answers the oldest one, and prints
// every webhook it receives after checking its signature.
//
//   OMNI_URL=http://localhost:8080 OMNI_API_KEY=omni_… WEBHOOK_SECRET=whsec_… \
//     pnpm --filter @omni/client example -- --reply "We are on it"
//
// Create the key with `pnpm omni api-keys create --name desk --scopes tickets:read,tickets:write`,
// and the webhook with POST /v1/webhooks {url: "http://<this host>:3001/hooks", events: [...]}
// (its answer holds WEBHOOK_SECRET).
import { createServer } from 'node:http';
import { createOmniClient, type Ticket, verifyWebhook } from '../index';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const baseUrl = process.env.OMNI_URL ?? 'http://localhost:8080';
  const apiKey = process.env.OMNI_API_KEY;
  if (!apiKey) throw new Error('set OMNI_API_KEY');
  const omni = createOmniClient({ baseUrl, apiKey });

  // Every open ticket, page by page (the list is newest first, so the last one is the oldest).
  const open: Ticket[] = [];
  for (let cursor: string | undefined; ; ) {
    const { data, error } = await omni.GET('/v1/tickets', {
      params: { query: { status: 'open', limit: 200, ...(cursor ? { cursor } : {}) } },
    });
    if (error) throw new Error(`listing tickets failed: ${error.type} ${error.detail ?? ''}`);
    open.push(...data.data);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  print(`${open.length} open ticket(s)`);
  for (const t of open) print(`  #${t.number}  ${t.subject ?? '(no subject)'}  created ${t.createdAt}`);

  const replyIndex = process.argv.indexOf('--reply');
  const text = replyIndex > 0 ? process.argv[replyIndex + 1] : undefined;
  const oldest = open.at(-1);
  if (text && oldest) {
    const reply = await omni.POST('/v1/tickets/{id}/replies', {
      params: { path: { id: oldest.id } },
      body: { text, author: 'example' },
    });
    print(
      reply.error
        ? `reply refused: ${reply.error.type} ${reply.error.detail ?? ''}`
        : `replied to #${oldest.number}`,
    );
  }

  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) return;
  const port = Number(process.env.PORT ?? 3001);
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = verifyWebhook(secret, Buffer.concat(chunks), req.headers);
        print(`${event.occurredAt} ${event.type} ${JSON.stringify(event.data)}`);
        res.writeHead(204).end();
      } catch (err) {
        print(`rejected a delivery: ${(err as Error).message}`);
        res.writeHead(401).end();
      }
    });
  }).listen(port, () => print(`waiting for webhooks on :${port}`));
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
