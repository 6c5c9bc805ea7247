import { OutboundGuard } from '@omni/service-kit';
import { tableResolver } from '@omni/testkit';
import { startViberAdapter } from './setup';

/**
 * A media URL is whatever the payload says: with no allowlist, one that points inside the
 * network is never fetched — the message is published at once with the file skipped and
 * the reason, not retried as if the platform were down. (Only loopback is ever a real
 * server here; the other addresses are refused before any connection.)
 */
describe('Viber media URLs under the outbound policy', () => {
  let t: Awaited<ReturnType<typeof startViberAdapter>>;
  beforeAll(async () => {
    t = await startViberAdapter({
      outboundGuard: new OutboundGuard({
        resolve: tableResolver({ 'media.internal.example': ['10.20.30.40'] }),
      }),
    });
  });
  afterAll(() => t.close());

  const picture = (token: number, media: string) =>
    `{"event":"message","timestamp":1767225600000,"message_token":${token},` +
    `"sender":{"id":"Vu7X/ssrf==","name":"Eve","api_version":10},` +
    `"message":${JSON.stringify({ type: 'picture', text: 'see', media })},"silent":false}`;

  it.each([
    ['the fake media host on 127.0.0.1', (fake: string) => `${fake}/media/p.jpg`, 'loopback'],
    ['::1', (fake: string) => `http://[::1]:${new URL(fake).port}/media/p.jpg`, 'loopback'],
    ['the metadata endpoint', () => 'http://169.254.169.254/latest/meta-data/iam/', 'metadata'],
    ['a name resolving to a private address', () => 'https://media.internal.example/p.jpg', 'private'],
  ])('skips media at %s without fetching it', async (_what, url, range) => {
    const before = t.inbound.length;
    const token = 9_100_000 + before;
    const media = url(t.api.mediaUrl('p.jpg', Buffer.from('secret')));
    expect((await t.post(picture(token, media))).statusCode).toBe(200);
    const published = t.inbound[before];
    expect(published?.content.attachments[0]?.blobId).toBeUndefined();
    expect(published?.content.attachments[0]?.skipped).toMatch(
      new RegExp(`refused by the outbound address policy: .* is in the ${range} range`),
    );
    expect(t.blobs.blobs.size).toBe(0);
  });
});
