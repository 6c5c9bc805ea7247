import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { type LivechatApp, pushed, startLivechatApp, VisitorClient } from './support/livechat-app';

/**
 * Visitor files on real PostgreSQL: a multipart message lands in /v1 with its file
 * downloadable there, the visitor downloads the files of their own conversation (theirs and
 * the agent's) and nobody else's, and a file over the limits or of a refused type is a clear
 * problem with nothing stored.
 */
let h: Harness;
let app: LivechatApp;

beforeAll(async () => {
  h = await startHarness('livechat-files');
  app = await startLivechatApp(
    h,
    `    - account: shop
      attachments: { maxFileBytes: 4096, maxTotalBytes: 8192 }
`,
  );
}, 120_000);
afterAll(async () => {
  await app?.running.stop();
  await h?.close();
});

/** A tiny PNG (the signature and some bytes: the adapter trusts no content, only limits and types). */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);

function upload(
  v: VisitorClient,
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; data: Buffer }>,
) {
  const form = new FormData();
  for (const [k, value] of Object.entries(fields)) form.append(k, value);
  for (const f of files) form.append('file', new Blob([f.data], { type: f.type }), f.name);
  return fetch(`${v.url}/channels/livechat/${v.account}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${v.token}` },
    body: form,
  });
}

const download = (url: string, token: string | undefined) =>
  fetch(`${app.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

interface V1Message {
  id: string;
  text: string;
  attachments: Array<{ name: string; mimeType: string; size: number; url: string | null }>;
}

describe('visitor files', () => {
  it('a multipart message is in /v1 with its file, which the visitor and the API can download', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session({ name: 'Ann' });
    const res = await upload(v, { text: 'The page looks like this', clientMessageId: 'f-1' }, [
      { name: 'screenshot.png', type: 'image/png', data: PNG },
    ]);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    // The same clientMessageId again is the same message, the file stored once.
    const again = await upload(v, { text: 'The page looks like this', clientMessageId: 'f-1' }, [
      { name: 'screenshot.png', type: 'image/png', data: PNG },
    ]);
    expect(await again.json()).toEqual({ id });

    const stored = await waitFor(
      async () =>
        (await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE id = $1', [id]))
          .rows[0],
      { description: 'the message stored' },
    );
    const { data } = await app.api<{ data: V1Message[] }>(`/v1/tickets/${stored.ticket_id}/messages`);
    const message = data.find((m) => m.id === id);
    expect(message?.text).toBe('The page looks like this');
    expect(message?.attachments).toMatchObject([
      { name: 'screenshot.png', mimeType: 'image/png', size: PNG.length },
    ]);
    const viaApi = await fetch(`${app.url}${message?.attachments[0]?.url}`, {
      headers: { authorization: `Bearer ${app.apiKey}` },
    });
    expect(viaApi.status).toBe(200);
    expect(Buffer.from(await viaApi.arrayBuffer())).toEqual(PNG);

    const history = (await (await v.history()).json()) as { data: V1Message[] };
    expect(history.data).toHaveLength(1);
    const own = history.data[0]?.attachments[0];
    expect(own).toMatchObject({ name: 'screenshot.png', mimeType: 'image/png', size: PNG.length });
    const mine = await download(own?.url as string, v.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(PNG);

    // Another visitor, or nobody, gets nothing: not even whether the file exists.
    const other = new VisitorClient(app.url, 'shop');
    await other.session();
    const theirs = await download(own?.url as string, other.token);
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await download(own?.url as string, undefined)).status).toBe(401);
    expect((await download(`/channels/livechat/shop/attachments/${id}/../0`, other.token)).status).toBe(404);
  });

  it('a file alone is a message too, named in the text agents read', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    const res = await upload(v, { clientMessageId: 'f-2' }, [
      { name: 'receipt.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4 tiny') },
    ]);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const row = await waitFor(
      async () =>
        (await h.pool.query<{ text: string }>('SELECT text FROM messages WHERE id = $1', [id])).rows[0],
      { description: 'stored' },
    );
    expect(row.text).toBe('[file: receipt.pdf]');
    const empty = await upload(v, { text: ' ', clientMessageId: 'f-3' }, []);
    expect(empty.status).toBe(400);
  });

  it('refuses a file over the limits or of a refused type with a problem, storing nothing', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    const blobsBefore = Number((await h.pool.query('SELECT count(*) FROM blobs')).rows[0].count);

    const big = await upload(v, { text: 'big', clientMessageId: 'r-1' }, [
      { name: 'big.png', type: 'image/png', data: Buffer.alloc(4097, 1) },
    ]);
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const bigBody = (await big.json()) as { type: string; detail: string; errors: Record<string, string> };
    expect(bigBody.type).toBe('urn:omni:problem:payload-too-large');
    expect(bigBody.detail).toContain('big.png');
    expect(bigBody.errors['attachments.big.png']).toContain('4096');

    const zip = await upload(v, { text: 'zip', clientMessageId: 'r-2' }, [
      { name: 'tools.zip', type: 'application/zip', data: Buffer.from('PK') },
    ]);
    expect(zip.status).toBe(415);
    expect(((await zip.json()) as { type: string }).type).toBe('urn:omni:problem:unsupported-media-type');

    const script = await upload(v, { text: 'svg', clientMessageId: 'r-3' }, [
      { name: 'x.svg', type: 'image/svg+xml', data: Buffer.from('<svg/>') },
    ]);
    expect(script.status).toBe(415);

    const declared = await fetch(`${v.url}/channels/livechat/shop/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${v.token}`,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(8192 + 300 * 1024),
      },
      body: Buffer.alloc(8192 + 300 * 1024, 0x61),
    });
    expect(declared.status).toBe(413);

    expect(Number((await h.pool.query('SELECT count(*) FROM blobs')).rows[0].count)).toBe(blobsBefore);
    expect(((await (await v.history()).json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("an agent's file reaches the socket with a link the visitor's token downloads", async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    const sent = await v.send('Can you send the invoice?', 'a-1');
    const { id } = (await sent.json()) as { id: string };
    const { ticket_id } = await waitFor(
      async () =>
        (await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE id = $1', [id]))
          .rows[0],
      { description: 'stored' },
    );
    const { ws, frames } = await v.socket(id);
    const invoice = Buffer.from('%PDF-1.4 invoice');
    const reply = await app.api<{ id: string }>(`/v1/tickets/${ticket_id}/replies`, {
      body: {
        text: 'Here it is',
        attachments: [
          { name: 'invoice.pdf', mimeType: 'application/pdf', contentBase64: invoice.toString('base64') },
        ],
      },
    });
    const entry = await waitFor(() => pushed(frames).find((e) => e.id === reply.id), {
      description: 'the reply pushed',
    });
    ws.close();
    expect(entry.attachments).toMatchObject([{ name: 'invoice.pdf', mimeType: 'application/pdf' }]);
    const got = await download(entry.attachments[0]?.url as string, v.token);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(invoice);
  });
});
