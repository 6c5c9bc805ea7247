import { InProcessBus } from '@omni/bus';
import { parseOmniConfig } from '@omni/service-kit';
import { testLogger } from '@omni/testkit';
import { buildWebformAdapter } from '../src';
import { type FormApp, multipartBody, startFormApp } from './support/form-app';

const CONFIG = `
channels:
  webform:
    - account: shop
      language: ru
      topics:
        - { id: billing, label: "Оплата и счета", labels: { en: "Payment and invoices" } }
        - { id: site-error, label: "Ошибка на сайте", labels: { en: "The site shows an error" } }
      allowedOrigins: ["https://shop.example.com"]
      expectedWait: { ru: "два часа", en: "two hours" }
      texts: { en: { title: "Write to Example Shop" } }
      attachments: { maxFiles: 2, maxFileBytes: 1000, maxTotalBytes: 1500, allowedTypes: ["image/*", "application/pdf", "text/plain"] }
      rateLimit: { perIp: { max: 3, windowSeconds: 60 }, perContact: { max: 2, windowSeconds: 60 } }
    - account: auto
      language: auto
      contactFields: phone
`;

let f: FormApp;
let ipCounter = 0;
/** Each test posts from its own address, so the per-IP limit is tested only where meant. */
const nextIp = () => `10.0.0.${++ipCounter}`;

beforeEach(async () => {
  f = await startFormApp(CONFIG);
});
afterEach(async () => {
  await f.close();
});

const valid = {
  name: 'Анна',
  email: 'anna@example.com',
  topic: 'billing',
  message: 'Не прошла оплата заказа 1042',
};

function postForm(
  fields: Record<string, string>,
  opts: { ip?: string; headers?: Record<string, string>; account?: string } = {},
) {
  return f.app.inject({
    method: 'POST',
    url: `/channels/webform/${opts.account ?? 'shop'}/submissions`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
    remoteAddress: opts.ip ?? nextIp(),
  });
}

async function postMultipart(
  fields: Record<string, string>,
  files: Parameters<typeof multipartBody>[1],
  opts: { ip?: string; json?: boolean } = {},
) {
  const body = await multipartBody(fields, files);
  return f.app.inject({
    method: 'POST',
    url: '/channels/webform/shop/submissions',
    payload: body.payload,
    headers: { 'content-type': body.contentType, ...(opts.json ? { accept: 'application/json' } : {}) },
    remoteAddress: opts.ip ?? nextIp(),
  });
}

describe('the form page', () => {
  it('is small, self-contained, accessible and in the account language with its topics', async () => {
    const res = await f.app.inject({ url: '/channels/webform/shop' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.rawPayload.length).toBeLessThan(50 * 1024);
    const html = res.body;
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Напишите нам');
    expect(html).toContain('<option value="billing">Оплата и счета</option>');
    // Every visible control has a label bound to it.
    for (const id of ['f-name', 'f-email', 'f-phone', 'f-topic', 'f-subject', 'f-message', 'f-attachments']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toMatch(/id="errors"[^>]*role="alert"/);
    expect(html).toContain('name="viewport"');
    expect(html).toContain('<a href="/channels/webform/shop?lang=en" hreflang="en" lang="en">English</a>');
    // No third-party requests: nothing is loaded from another origin.
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toMatch(/name="submissionId" value="[0-9a-f-]{36}"/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self' https://shop.example.com");
    expect(csp).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('speaks English on request, with the overridden title and topic labels', async () => {
    const res = await f.app.inject({ url: '/channels/webform/shop?lang=en' });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Write to Example Shop');
    expect(res.body).toContain('Payment and invoices');
    const fresh = await f.app.inject({ url: '/channels/webform/shop?lang=en' });
    expect(fresh.body.match(/name="submissionId" value="([^"]+)"/)?.[1]).not.toBe(
      res.body.match(/name="submissionId" value="([^"]+)"/)?.[1],
    );
  });

  it('follows the browser language with language: auto and shows only the configured contact field', async () => {
    const ru = await f.app.inject({
      url: '/channels/webform/auto',
      headers: { 'accept-language': 'de-DE,ru;q=0.8,en;q=0.5' },
    });
    expect(ru.body).toContain('<html lang="ru">');
    const other = await f.app.inject({ url: '/channels/webform/auto', headers: { 'accept-language': 'fr' } });
    expect(other.body).toContain('<html lang="en">');
    expect(other.body).toContain('id="f-phone"');
    expect(other.body).not.toContain('id="f-email"');
  });

  it('hides the file input when there is no blob store, and 404s an unknown account', async () => {
    const noBlobs = await startFormApp(CONFIG, { blobs: false });
    try {
      expect((await noBlobs.app.inject({ url: '/channels/webform/shop' })).body).not.toContain(
        'id="f-attachments"',
      );
    } finally {
      await noBlobs.close();
    }
    const res = await f.app.inject({ url: '/channels/webform/nope' });
    expect(res.statusCode).toBe(404);
  });

  it('serves the embed snippet and a confirmation page with the expected wait', async () => {
    const embed = await f.app.inject({ url: '/channels/webform/shop/embed.js' });
    expect(embed.headers['content-type']).toMatch(/javascript/);
    expect(embed.body).toContain('iframe');
    const thanks = await f.app.inject({ url: '/channels/webform/shop/thanks?lang=ru' });
    expect(thanks.body).toContain('Обычно это занимает два часа.');
    const en = await f.app.inject({ url: '/channels/webform/shop/thanks?lang=en' });
    expect(en.body).toContain('This usually takes two hours.');
  });

  it('refuses a configuration with an unknown text key', () => {
    const config = parseOmniConfig(
      'channels:\n  webform:\n    - account: x\n      texts: { en: { titel: Hi } }\n',
      {},
    );
    const log = testLogger('webform');
    expect(() => buildWebformAdapter({ config, bus: new InProcessBus(log), log })).toThrow(
      /texts\.en\.titel: not a known text key/,
    );
  });
});

describe('posting without JavaScript', () => {
  it('redirects an urlencoded post to the confirmation (PRG) and publishes the topic with its label', async () => {
    const res = await postForm({ ...valid, submissionId: 'page-id-1', lang: 'ru' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/channels/webform/shop/thanks?lang=ru');
    expect(f.published).toHaveLength(1);
    expect(f.published[0]).toMatchObject({
      channel: 'webform',
      account: 'shop',
      topic: { id: 'billing', label: 'Оплата и счета' },
      sender: { displayName: 'Анна', email: 'anna@example.com', locale: 'ru' },
      content: { kind: 'form', text: 'Не прошла оплата заказа 1042', attachments: [] },
    });
    // The same form posted again (a double click, the back button and resend) is one message.
    const again = await postForm({ ...valid, submissionId: 'page-id-1', lang: 'ru' });
    expect(again.statusCode).toBe(303);
    expect(f.published).toHaveLength(1);
  });

  it('keeps an edited form sent again with the same page id (restored by the back button) as a new message', async () => {
    const ip = nextIp();
    await postForm({ ...valid, submissionId: 'restored' }, { ip });
    await postForm({ ...valid, message: 'Исправленный текст', submissionId: 'restored' }, { ip });
    await postForm({ ...valid, submissionId: 'restored' }, { ip });
    expect(f.published.map((m) => [m.externalId, m.content.text])).toEqual([
      ['sub:restored', valid.message],
      [expect.stringMatching(/^sub:restored:[0-9a-f]{16}$/), 'Исправленный текст'],
    ]);
  });

  it('stores multipart files before publishing and references them in the message', async () => {
    const res = await postMultipart({ ...valid, submissionId: 'with-file' }, [
      { name: 'receipt.pdf', type: 'application/pdf', data: '%PDF-1.4 receipt' },
      { name: '', type: 'application/octet-stream', data: '' },
    ]);
    expect(res.statusCode).toBe(303);
    const [message] = f.published;
    expect(message?.content.attachments).toEqual([
      expect.objectContaining({
        name: 'receipt.pdf',
        mimeType: 'application/pdf',
        size: 16,
        blobId: expect.any(String),
      }),
    ]);
    const blobId = message?.content.attachments[0]?.blobId ?? '';
    expect((await f.blobs.get(blobId))?.toString()).toBe('%PDF-1.4 receipt');
  });

  it.each([
    ['a missing contact', { ...valid, email: '' }, 'Укажите адрес почты или номер телефона.'],
    ['an invalid email', { ...valid, email: 'anna@' }, 'Укажите адрес почты в виде name@example.com.'],
    ['an unknown topic', { ...valid, topic: 'refunds' }, 'Выберите тему из списка.'],
    ['a filled honeypot', { ...valid, website: 'http://spam.example' }, 'Сообщение похоже на автоматическое'],
  ])(
    'answers %s with the form again, the values kept and the reason shown',
    async (_case, fields, message) => {
      const res = await postForm({ ...fields, lang: 'ru', submissionId: 'kept-id' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(message);
      expect(res.body).toContain('Не прошла оплата заказа 1042</textarea>');
      expect(res.body).toContain('name="submissionId" value="kept-id"');
      expect(f.published).toHaveLength(0);
    },
  );

  it('names each refused file with its reason and stores none of them', async () => {
    const res = await postMultipart({ ...valid, lang: 'en' }, [
      { name: 'setup.exe', type: 'application/x-msdownload', data: 'MZ' },
      { name: 'huge.pdf', type: 'application/pdf', data: Buffer.alloc(1001) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('“setup.exe”: files of this type are not accepted.');
    expect(res.body).toContain('“huge.pdf”: the file is larger than');
    expect(f.blobs.blobs.size).toBe(0);
    expect(f.published).toHaveLength(0);

    const json = await postMultipart(
      { ...valid, lang: 'en' },
      [
        { name: 'a.txt', type: 'text/plain', data: Buffer.alloc(900) },
        { name: 'b.txt', type: 'text/plain', data: Buffer.alloc(900) },
        { name: 'c.txt', type: 'text/plain', data: 'x' },
        { name: 'page.html', type: 'text/plain', data: '<script>' },
      ],
      { json: true },
    );
    expect(json.statusCode).toBe(400);
    expect(json.json().errors.attachments).toBe(
      '“b.txt”: all files together must not exceed 1 KB. “c.txt”: at most 2 files can be attached. “page.html”: at most 2 files can be attached.',
    );
    expect(f.blobs.blobs.size).toBe(0);
  });

  it('asks uploads beyond the memory budget to retry (503) and frees the budget after each request', async () => {
    const small = await startFormApp(CONFIG, { uploadBudgetBytes: 4000 });
    try {
      const body = await multipartBody({ ...valid, message: 'budget' }, [
        { name: 'a.txt', type: 'text/plain', data: 'x' },
      ]);
      const post = (headers: Record<string, string>) =>
        small.app.inject({
          method: 'POST',
          url: '/channels/webform/shop/submissions',
          payload: body.payload,
          headers: { 'content-type': body.contentType, ...headers },
          remoteAddress: nextIp(),
        });
      expect((await post({ accept: 'application/json' })).statusCode).toBe(202);
      expect((await post({ accept: 'application/json' })).statusCode).toBe(202);
      // Without a declared length the whole cap is reserved, which this budget cannot hold.
      const chunked = await post({ 'content-length': '', 'transfer-encoding': 'chunked' });
      expect(chunked.statusCode).toBe(503);
      expect(chunked.headers['retry-after']).toBe('5');
      expect(chunked.body).toContain('Сейчас не получается принять сообщение');
    } finally {
      await small.close();
    }
  });

  it('answers a body over the form limit with 413 before reading it', async () => {
    const res = await postMultipart(valid, [
      { name: 'big.png', type: 'image/png', data: Buffer.alloc(300 * 1024) },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('Форма с файлами больше');
    expect(f.published).toHaveLength(0);
  });
});

describe('posting with JavaScript or as an API client', () => {
  it('answers JSON to a JSON post: 202 with the id, 400 problem naming fields, 404 unknown account', async () => {
    const ok = await f.app.inject({
      method: 'POST',
      url: '/channels/webform/shop/submissions',
      payload: { ...valid, submissionId: 'js-1' },
    });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toEqual({ id: f.published[0]?.id, status: 'accepted' });
    const bad = await f.app.inject({
      method: 'POST',
      url: '/channels/webform/shop/submissions',
      payload: { name: 'A', message: 'hi' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json().errors).toEqual({ email: 'Укажите адрес почты или номер телефона.' });
    const missing = await f.app.inject({
      method: 'POST',
      url: '/channels/webform/none/submissions',
      payload: valid,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('answers JSON to the page script (multipart with Accept: application/json)', async () => {
    const res = await postMultipart(
      { ...valid, submissionId: 'js-2' },
      [{ name: 'shot.png', type: 'image/png', data: 'PNG' }],
      { json: true },
    );
    expect(res.statusCode).toBe(202);
    expect(res.json().status).toBe('accepted');
    expect(f.published[0]?.content.attachments).toHaveLength(1);
  });

  it('refuses posts from other sites and answers CORS for the allowed one', async () => {
    const evil = await postForm(valid, { headers: { origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.body).toContain('С этого сайта форму отправить нельзя.');
    const evilJson = await f.app.inject({
      method: 'POST',
      url: '/channels/webform/shop/submissions',
      payload: valid,
      headers: { origin: 'null' },
    });
    expect(evilJson.statusCode).toBe(403);
    expect(f.published).toHaveLength(0);

    const preflight = await f.app.inject({
      method: 'OPTIONS',
      url: '/channels/webform/shop/submissions',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const allowed = await f.app.inject({
      method: 'POST',
      url: '/channels/webform/shop/submissions',
      payload: valid,
      headers: { origin: 'https://shop.example.com' },
    });
    expect(allowed.statusCode).toBe(202);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const same = await postForm(
      { ...valid, message: 'same origin' },
      { headers: { origin: 'http://localhost:80', host: 'localhost:80' } },
    );
    expect(same.statusCode).toBe(303);
  });

  it('limits accepted submissions per IP and per contact, with Retry-After, then lets them through again', async () => {
    const ip = nextIp();
    const post = (email: string, message: string) =>
      f.app.inject({
        method: 'POST',
        url: '/channels/webform/shop/submissions',
        payload: { ...valid, email, message },
        remoteAddress: ip,
      });
    expect((await post('a@example.com', 'one')).statusCode).toBe(202);
    expect((await post('a@example.com', 'two')).statusCode).toBe(202);
    const perContact = await post('A@example.com', 'three');
    expect(perContact.statusCode).toBe(429);
    expect(perContact.headers['retry-after']).toBe('60');
    expect(perContact.json().detail).toBe(
      'Отсюда отправлено слишком много сообщений. Попробуйте ещё раз через 1 мин.',
    );
    expect((await post('b@example.com', 'three')).statusCode).toBe(202);
    expect((await post('c@example.com', 'four')).statusCode).toBe(429);
    const page = await postForm({ ...valid, email: 'e@example.com' }, { ip });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('Отсюда отправлено слишком много сообщений. Попробуйте ещё раз через 1 мин.');
    expect(page.body).toContain('Не прошла оплата заказа 1042</textarea>');
    expect(f.published).toHaveLength(3);
    // A retry of an accepted submission is answered again, not counted against the limit.
    expect((await post('a@example.com', 'one')).statusCode).toBe(202);

    f.clock.now = new Date(f.clock.now.getTime() + 61_000);
    expect((await post('c@example.com', 'four')).statusCode).toBe(202);
    const html = await postForm({ ...valid, email: 'd@example.com' }, { ip });
    expect(html.statusCode).toBe(303);
  });

  it('answers 503 when the bus is down: JSON for clients, the form with its values for people', async () => {
    await f.bus.close();
    const json = await f.app.inject({
      method: 'POST',
      url: '/channels/webform/shop/submissions',
      payload: valid,
    });
    expect(json.statusCode).toBe(503);
    const html = await postForm(valid);
    expect(html.statusCode).toBe(503);
    expect(html.body).toContain('Сейчас не получается принять сообщение');
    expect(html.body).toContain('Не прошла оплата заказа 1042</textarea>');
  });
});
