import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { InProcessBus } from '@omni/bus';
import { PgBlobStore } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { freePort, type Harness, startHarness, waitFor } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, createApiKey } from '@omni/tickets';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWebformAdapter } from '../src';

/**
 * The form in a real browser (Debian's Chromium, one launch for the file): with and
 * without JavaScript, by keyboard only, embedded in an allowed and a foreign site; each
 * message is then checked where a helpdesk reads it, through `/v1`.
 */
const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let h: Harness;
let running: RunningServices;
let browser: Browser;
let apiKey: string;
let hosts: Server[] = [];
let allowedHost: string;
let foreignHost: string;
let formUrl: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startHarness('webform-browser');
  const [allowedPort, foreignPort] = [await freePort(), await freePort()];
  // `localhost` vs `127.0.0.1`: other origins than the form's, as a company's site would be.
  allowedHost = `http://localhost:${allowedPort}`;
  foreignHost = `http://localhost:${foreignPort}`;
  const config = parseOmniConfig(
    `channels:
  webform:
    - account: shop
      language: ru
      topics:
        - { id: billing, label: "Оплата и счета" }
        - { id: site-error, label: "Ошибка на сайте" }
      allowedOrigins: ["${allowedHost}"]
      expectedWait: "два часа"
`,
    {},
  );
  const bus = new InProcessBus(h.log);
  running = await runServices({
    log: h.log,
    metrics: createMetrics('webform-browser'),
    bus,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildWebformAdapter({ config, bus, log: h.log, blobs: new PgBlobStore(h.pool) }),
      buildThreadingService({ pool: h.pool, bus, log: h.log, settings: config.threading }),
      buildTicketsService({ pool: h.pool, log: h.log }),
    ],
  });
  formUrl = `${running.url}/channels/webform/shop`;
  apiKey = (await createApiKey(h.pool, 'webform-browser', ['tickets:read'])).key;
  const snippet = `<!doctype html><title>Shop</title><h1>Our shop</h1><script src="${formUrl}/embed.js"></script>`;
  hosts = [allowedPort, foreignPort].map((port) => {
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(snippet),
    );
    server.listen(port, '127.0.0.1');
    return server;
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(hosts.map((s) => new Promise((resolve) => s.close(resolve))));
  // runServices was given no pool, so stopping it leaves the harness's pool to the harness.
  await running?.stop();
  await h?.close();
});

async function api(path: string) {
  const res = await fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(res.status).toBe(200);
  return res;
}

/** The ticket of the one message sent from this address, with its messages. */
async function ticketOf(email: string) {
  const customerId = await waitFor(
    async () =>
      (await h.pool.query('SELECT customer_id FROM identities WHERE value = $1', [email])).rows[0]
        ?.customer_id as string | undefined,
    { description: `the message from ${email} stored` },
  );
  const tickets = (await (await api(`/v1/tickets?customerId=${customerId}`)).json()) as {
    data: Array<{ id: string; topic: string | null }>;
  };
  expect(tickets.data).toHaveLength(1);
  const ticket = tickets.data[0] as { id: string; topic: string | null };
  const messages = (await (await api(`/v1/tickets/${ticket.id}/messages`)).json()) as {
    data: Array<{
      id: string;
      text: string;
      attachments: Array<{ name: string; mimeType: string; size: number; url: string | null }>;
    }>;
  };
  return { ticket, messages: messages.data };
}

/** The page's focused element (evaluated in the browser, so written as an expression). */
const focusedId = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id');

async function fillForm(page: Page, email: string) {
  await page.fill('#f-name', 'Мария Иванова');
  await page.fill('#f-email', email);
  await page.selectOption('#f-topic', 'billing');
  await page.fill('#f-subject', 'Двойное списание');
  await page.fill('#f-message', 'С карты списали деньги дважды за заказ 2077.');
  await page.setInputFiles('#f-attachments', { name: 'выписка.png', mimeType: 'image/png', buffer: PNG });
}

describe('the web form in a real browser', () => {
  it('sends a message with its topic and file and shows the confirmation in place; /v1 shows both', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(formUrl);
    await fillForm(page, 'maria@example.com');
    await page.screenshot({ path: join(ARTIFACTS, 'webform-form.png'), fullPage: true });
    await page.click('button[type="submit"]');
    await page.locator('#confirm').waitFor({ state: 'visible' });
    expect(await page.locator('#confirm').textContent()).toContain('Обычно это занимает два часа.');
    expect(await page.locator('#form-view').isHidden()).toBe(true);
    expect(await focusedId(page)).toBe('confirm-title');
    await page.screenshot({ path: join(ARTIFACTS, 'webform-confirmation.png'), fullPage: true });
    // Nothing but our own origin was asked for anything.
    expect(requested.every((url) => url.startsWith(running.url))).toBe(true);
    await page.close();

    const { ticket, messages } = await ticketOf('maria@example.com');
    expect(ticket.topic).toBe('billing');
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.text).toBe('С карты списали деньги дважды за заказ 2077.');
    expect(message?.attachments).toEqual([
      expect.objectContaining({ name: 'выписка.png', mimeType: 'image/png', size: PNG.length }),
    ]);
    const file = await api(message?.attachments[0]?.url ?? '');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    const stored = await h.pool.query('SELECT topic FROM messages WHERE id = $1', [message?.id]);
    expect(stored.rows[0].topic).toEqual({ id: 'billing', label: 'Оплата и счета' });
  });

  it('can be used by keyboard alone on a phone-sized screen, errors announced and focused', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(formUrl);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await page.keyboard.press('Tab'); // the language switch comes first
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('English');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('f-name');
    await page.keyboard.type('Пётр');
    await page.keyboard.press('Enter');
    // Submitting without a contact: the summary is focused and names the problem.
    await page.locator('#errors li').first().waitFor();
    expect(await focusedId(page)).toBe('errors');
    expect(await page.locator('#errors').textContent()).toContain('Укажите адрес почты или номер телефона.');
    expect(await page.getAttribute('#f-email', 'aria-invalid')).toBe('true');
    // The summary's first entry leads to the field to fix.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('f-email');
    await page.keyboard.type('petr@example.com');
    await page.keyboard.press('Tab'); // phone
    await page.keyboard.press('Tab'); // topic
    expect(await focusedId(page)).toBe('f-topic');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab'); // subject
    await page.keyboard.press('Tab'); // message
    await page.keyboard.type('Сайт показывает ошибку 500 при оплате.');
    await page.keyboard.press('Tab'); // files
    await page.keyboard.press('Tab'); // send (the honeypot is out of the tab order)
    expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('BUTTON');
    await page.screenshot({ path: join(ARTIFACTS, 'webform-mobile.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await page.locator('#confirm').waitFor({ state: 'visible' });
    await page.close();

    const { ticket, messages } = await ticketOf('petr@example.com');
    expect(ticket.topic).toBe('billing');
    expect(messages.map((m) => m.text)).toEqual(['Сайт показывает ошибку 500 при оплате.']);
  });

  it('works without JavaScript: post, redirect to the confirmation, a reload sends nothing again', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(formUrl);
    await fillForm(page, 'nojs@example.com');
    await Promise.all([page.waitForURL(/\/thanks\?/), page.click('button[type="submit"]')]);
    expect(await page.locator('#confirm').textContent()).toContain('Спасибо, сообщение получено');
    await page.reload();
    expect(page.url()).toContain('/channels/webform/shop/thanks?lang=ru');
    await context.close();

    const { messages } = await ticketOf('nojs@example.com');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.attachments.map((a) => a.name)).toEqual(['выписка.png']);
  });

  it('embeds on an allowed site through the snippet, and refuses to be framed by any other', async () => {
    const page = await browser.newPage();
    await page.goto(allowedHost);
    const frame = page.frameLocator('iframe');
    await frame.locator('#f-name').fill('Embedded');
    await frame.locator('#f-email').fill('embedded@example.com');
    await frame.locator('#f-topic').selectOption('site-error');
    await frame.locator('#f-message').fill('Из встроенной формы');
    // Pointer clicks into a cross-site frame are flaky under Playwright's hit-target check; the key works the same.
    await frame.locator('button[type="submit"]').press('Enter');
    await frame.locator('#confirm').waitFor({ state: 'visible' });
    const { ticket } = await ticketOf('embedded@example.com');
    expect(ticket.topic).toBe('site-error');

    const blocked: string[] = [];
    page.on('console', (m) => blocked.push(m.text()));
    await page.goto(foreignHost);
    await waitFor(() => blocked.some((text) => text.includes('frame-ancestors')), {
      description: 'Chromium refusing the frame',
    });
    expect(await page.frameLocator('iframe').locator('#f-name').count()).toBe(0);
    await page.close();
  });
});
