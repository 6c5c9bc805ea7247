import { isRetriable, type OutboundMessage, outboundTopic } from '@omni/contracts';
import {
  loopbackOutboundGuard,
  MemoryBlobs,
  outboundMessage,
  platformFailure,
  recordingBus,
  serveModule,
  testLogger,
  waitFor,
} from '@omni/testkit';
import { CLOUD_ERRORS, type FakeWhatsAppApi } from '@omni/testkit/src/fakes/whatsapp-api';
import { buildWhatsAppAdapter, createSender, WhatsAppClient } from '../src';
import { NUMBER, post, SECRETS, startFake, whatsappConfig } from './helpers';

let wa: FakeWhatsAppApi;
beforeAll(async () => {
  wa = await startFake();
});
afterAll(() => wa.close());
beforeEach(() => {
  wa.calls.length = 0;
  wa.outsideWindow.clear();
});

const TEMPLATE = `      windowTemplate: { name: follow_up, language: ru, bodyParameters: [ticket-number, reply-text] }\n`;

const outbound = (text: string, extra: Partial<OutboundMessage> = {}) =>
  outboundMessage(
    { channel: 'whatsapp', account: 'wa', recipient: { externalId: '79161234567' } },
    text,
    extra,
  );

function sender(extra = '', blobs = new MemoryBlobs()) {
  const account = whatsappConfig(wa.url, extra).channels.whatsapp[0];
  if (!account) throw new Error('no account');
  const client = new WhatsAppClient(NUMBER, {
    apiRoot: wa.url,
    graphVersion: account.graphVersion,
    accessToken: account.accessToken,
    rateLimitDelayMs: 1,
  });
  return createSender({ accounts: new Map([['wa', account]]), clients: new Map([['wa', client]]), blobs });
}

const failure = platformFailure;

describe('replies through the Cloud API', () => {
  it('a text message to the wa_id, our id in biz_opaque_callback_data; the wamid reported', async () => {
    const msg = outbound('Здравствуйте! Заказ в пути 🚚 https://track.example/1');
    const result = await sender()(msg);
    expect(wa.sent().map((c) => c.body)).toEqual([
      expect.objectContaining({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '79161234567',
        type: 'text',
        text: { body: 'Здравствуйте! Заказ в пути 🚚 https://track.example/1', preview_url: true },
        biz_opaque_callback_data: `omni:${msg.id}`,
      }),
    ]);
    expect(result.externalId).toMatch(/^wamid\.FAKE/);
    // The token travels as Bearer (the fake checks it), never in a URL that logs would keep.
    expect(wa.calls.every((c) => !JSON.stringify(c.query).includes(SECRETS.accessToken))).toBe(true);
  });

  it('offers up to three choices as reply buttons, more as a list', async () => {
    const choices = (n: number) =>
      [...Array(n)].map((_, i) => ({ label: `${i + 1}`, payload: `csat:t:${i + 1}` }));
    await sender()(outbound('Rate us', { choices: choices(2) }));
    await sender()(outbound('Rate us', { choices: choices(5) }));
    const [buttons, list] = wa.sent().map((c) => c.body);
    expect(buttons).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Rate us' },
        action: {
          buttons: [{ type: 'reply', reply: { id: 'csat:t:1', title: '1' } }, { reply: { id: 'csat:t:2' } }],
        },
      },
    });
    expect(list).toMatchObject({
      type: 'interactive',
      interactive: { type: 'list', body: { text: 'Rate us' } },
    });
    const interactive = list?.interactive as { action: { sections: Array<{ rows: unknown[] }> } } | undefined;
    const rows = interactive?.action.sections[0]?.rows;
    expect(rows).toEqual(choices(5).map((c) => ({ id: c.payload, title: c.label })));
  });

  it('splits text at 4096 characters; a person known only by a business-scoped id is addressed by `recipient`', async () => {
    await sender()(
      outbound(`${'я'.repeat(4095)}😊 end`, { recipient: { externalId: 'US.13491208655302741918' } }),
    );
    const bodies = wa.sent().map((c) => c.body);
    expect(bodies.map((b) => [...(b.text as { body: string }).body].length)).toEqual([4096, 3]); // "end": the break falls on the space
    expect(bodies.every((b) => b.recipient === 'US.13491208655302741918' && b.to === undefined)).toBe(true);
  });

  it('files are uploaded through the Media API and sent by id: images as images, the rest as documents', async () => {
    const blobs = new MemoryBlobs();
    const png = await blobs.put(Buffer.from('png-bytes'));
    const pdf = await blobs.put(Buffer.from('%PDF-1.7'));
    await sender(
      '',
      blobs,
    )(
      outbound('Счёт и фото', {
        content: {
          text: 'Счёт и фото',
          attachments: [
            { blobId: png.id, name: 'photo.png', mimeType: 'image/png', size: 9 },
            { blobId: pdf.id, name: 'счёт.pdf', mimeType: 'application/pdf', size: 8 },
          ],
        },
      }),
    );
    const [text, image, doc] = wa.sent().map((c) => c.body);
    expect(text?.type).toBe('text');
    expect(image).toMatchObject({ type: 'image', image: { id: expect.any(String) } });
    expect(doc).toMatchObject({
      type: 'document',
      document: { id: expect.any(String), filename: 'счёт.pdf' },
    });
    const uploaded = wa.uploads.get((doc?.document as { id: string } | undefined)?.id ?? '');
    expect([uploaded?.name, uploaded?.type, uploaded?.data.toString()]).toEqual([
      'счёт.pdf',
      'application/pdf',
      '%PDF-1.7',
    ]);
  });

  it('a reply accepted past the 24-hour window is the account template, its parameters filled', async () => {
    await sender(TEMPLATE)(outbound('Ваш заказ\nотправлен\t сегодня', { outsideWindow: true }));
    expect(wa.sent().map((c) => c.body)).toEqual([
      expect.objectContaining({
        to: '79161234567',
        type: 'template',
        template: {
          name: 'follow_up',
          language: { code: 'ru' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: '3' },
                { type: 'text', text: 'Ваш заказ отправлен сегодня' },
              ],
            },
          ],
        },
      }),
    ]);
  });

  it('131047 from the API: the template when there is one, else a permanent failure with Meta code and text', async () => {
    wa.failNext(CLOUD_ERRORS.reengagement);
    const err = await failure(sender()(outbound('поздно')));
    expect([err.code, isRetriable(err)]).toEqual(['graph-131047', false]);
    expect(err.message).toMatch(/Re-engagement message.*more than 24 hours/);
    wa.failNext(CLOUD_ERRORS.reengagement);
    await sender(TEMPLATE)(outbound('поздно'));
    expect(wa.sent().map((c) => c.body.type)).toEqual(['template']);
  });

  it('rate limits (131056, 130429) are retriable with a wait; undeliverable (131026) and a bad token are not', async () => {
    for (const [spec, code, retriable] of [
      [CLOUD_ERRORS.pairRateLimit, 'graph-131056', true],
      [CLOUD_ERRORS.throughput, 'graph-130429', true],
      [CLOUD_ERRORS.undeliverable, 'graph-131026', false],
      [CLOUD_ERRORS.invalidToken, 'graph-190', false],
    ] as const) {
      wa.failNext(spec);
      const err = await failure(sender()(outbound('x')));
      expect([err.code, isRetriable(err), err.retryAfterMs !== undefined]).toEqual([
        code,
        retriable,
        retriable,
      ]);
    }
  });
});

describe('the outbound consumer', () => {
  it('retries a rate-limited reply with backoff until sent; a window failure reported later by status is `failed`', async () => {
    const rec = await recordingBus();
    const module = buildWhatsAppAdapter({
      config: whatsappConfig(wa.url),
      bus: rec.bus,
      log: testLogger('wa-out', 'silent'),
      blobs: new MemoryBlobs(),
      outboundGuard: loopbackOutboundGuard(),
      outbound: { initialBackoffMs: 1, rateLimitDelayMs: 1, maxAttempts: 5 },
    });
    await module.start?.();
    const app = await serveModule(module);

    wa.failNext(CLOUD_ERRORS.pairRateLimit, CLOUD_ERRORS.throughput);
    const first = outbound('Ответ');
    await rec.bus.publish(outboundTopic('whatsapp'), [{ key: first.ticketId, value: first }]);
    await waitFor(() => rec.reports.find((r) => r.messageId === first.id), { description: 'the report' });
    expect(rec.reports.find((r) => r.messageId === first.id)).toMatchObject({
      status: 'sent',
      externalId: expect.stringMatching(/^wamid/),
    });
    expect(wa.calls.filter((c) => c.path === `${NUMBER}/messages`).map((c) => c.status)).toEqual([
      400, 400, 200,
    ]);

    // The API's window check raced: the Cloud API takes the message, then fails it with 131047.
    wa.outsideWindow.add('79161234567');
    const late = outbound('Поздний ответ');
    await rec.bus.publish(outboundTopic('whatsapp'), [{ key: late.ticketId, value: late }]);
    await waitFor(() => rec.reports.find((r) => r.messageId === late.id), { description: 'the sent report' });
    const status = wa.takeFailedStatus();
    if (!status) throw new Error('the fake owes a failed status');
    expect((await post(app, status.body)).statusCode).toBe(200);
    expect(rec.reports.filter((r) => r.messageId === late.id).map((r) => [r.status, r.error?.code])).toEqual([
      ['sent', undefined],
      ['failed', 'graph-131047'],
    ]);
    expect(rec.reports.at(-1)?.error?.message).toMatch(/Re-engagement message/);
    await app.close();
  });
});
