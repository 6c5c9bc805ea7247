import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { outboundTopic } from '@omni/contracts';
import { freePort, type Harness, outboundMessage, startHarness, waitFor } from '@omni/testkit';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';
import { type LivechatApp, startLivechatApp } from './support/livechat-app';

/**
 * The widget in a real browser (Debian's Chromium): embedded on an allowed site by its
 * snippet, a visitor writes, the message is in /v1, an agent's reply through /v1 shows in
 * the page, a reload keeps the conversation; a reply's choices are rating buttons pressed by
 * keyboard, once; a site not allowed cannot frame it.
 */
const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

let h: Harness;
let app: LivechatApp;
let browser: Browser;
let hosts: Server[] = [];
let allowedHost: string;
let foreignHost: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startHarness('livechat-browser');
  const [allowedPort, foreignPort] = [await freePort(), await freePort()];
  // `localhost` vs `127.0.0.1`: other origins than the widget's, as a company's site would be.
  allowedHost = `http://localhost:${allowedPort}`;
  foreignHost = `http://localhost:${foreignPort}`;
  app = await startLivechatApp(
    h,
    `    - account: shop
      language: ru
      allowedOrigins: ["${allowedHost}"]
      topics: [{ id: billing, label: "Billing", labels: { ru: "Оплата" } }]
`,
  );
  const snippet = `<!doctype html><html lang="ru"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title><h1>Our shop</h1><script src="${app.url}/channels/livechat/shop/widget.js" data-account="shop" async></script>`;
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
  await app?.running.stop();
  await h?.close();
});

const chatFrame = (page: Page): FrameLocator => page.frameLocator('iframe[data-omni-livechat]');

/** Each rating button's label, whether it is disabled, and its `aria-pressed`. */
const buttonStates = (chat: FrameLocator) =>
  chat
    .locator('.log li.theirs .choices button')
    .evaluateAll((bs) =>
      bs.map((b) => [b.textContent, b.hasAttribute('disabled'), b.getAttribute('aria-pressed')]),
    );

async function ticketOfText(text: string): Promise<string> {
  return waitFor(
    async () =>
      (await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE text = $1', [text]))
        .rows[0]?.ticket_id,
    { description: `"${text}" stored` },
  );
}

describe('the live-chat widget in a real browser', () => {
  it('embedded on an allowed site: the visitor writes, an agent answers through /v1, a reload keeps it all', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(allowedHost);
    const chat = chatFrame(page);
    // Keyboard only: the launcher, the pre-chat form, the message.
    await chat.locator('button.launcher').press('Enter');
    await chat.locator('#omni-name').fill('Мария');
    await chat.locator('#omni-topic').selectOption('billing');
    await chat.locator('button.start').press('Enter');
    await chat.locator('#omni-text').fill('Где мой заказ 2077?');
    await chat.locator('#omni-text').press('Enter');
    const ticketId = await ticketOfText('Где мой заказ 2077?');
    const ticket = await app.api<{ topic: string | null }>(`/v1/tickets/${ticketId}`);
    expect(ticket.topic).toBe('billing');
    await page.screenshot({ path: join(ARTIFACTS, 'livechat-asked.png') });

    await app.api(`/v1/tickets/${ticketId}/replies`, { body: { text: 'Заказ уже в пути', author: 'Катя' } });
    await chat.locator('.log li.theirs', { hasText: 'Заказ уже в пути' }).waitFor();
    // Announced to screen readers: the list is a polite live region.
    expect(await chat.locator('.log').getAttribute('aria-live')).toBe('polite');
    await waitFor(
      async () =>
        (
          await app.api<{ data: Array<{ text: string; deliveryStatus: string }> }>(
            `/v1/tickets/${ticketId}/messages`,
          )
        ).data.find((m) => m.text === 'Заказ уже в пути')?.deliveryStatus === 'read',
      { description: 'the reply read (the panel is open)' },
    );
    await page.screenshot({ path: join(ARTIFACTS, 'livechat-answered.png') });

    await page.reload();
    const again = chatFrame(page);
    await again.locator('button.launcher').press('Enter');
    await again.locator('.log li', { hasText: 'Заказ уже в пути' }).waitFor();
    expect(await again.locator('.log li').allTextContents()).toEqual([
      'ВыГде мой заказ 2077?',
      'ПоддержкаЗаказ уже в пути',
    ]);
    // The site itself and our origin only.
    expect(requested.every((url) => url.startsWith(app.url) || url.startsWith(allowedHost))).toBe(true);
    await page.close();
  });

  it('shows a reply’s choices as rating buttons: pressed by keyboard once, still answered after a reload', async () => {
    const page = await browser.newPage();
    await page.goto(allowedHost);
    const chat = chatFrame(page);
    await chat.locator('button.launcher').press('Enter');
    await chat.locator('#omni-name').fill('Пётр');
    await chat.locator('button.start').press('Enter');
    await chat.locator('#omni-text').fill('Спасибо, всё пришло');
    await chat.locator('#omni-text').press('Enter');
    const ticketId = await ticketOfText('Спасибо, всё пришло');
    const { rows } = await h.pool.query<{ visitor: string }>(
      `SELECT sender->>'externalId' AS visitor FROM messages WHERE text = 'Спасибо, всё пришло'`,
    );
    // The survey as automation sends it: a reply with choices on the channel's outbound topic.
    const choices = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), payload: `csat:${ticketId}:${n}` }));
    const survey = outboundMessage(
      { channel: 'livechat', account: 'shop', recipient: { externalId: rows[0]?.visitor as string } },
      'Оцените, пожалуйста, ответ',
      { ticketId, choices, automatic: true },
    );
    await app.bus.publish(outboundTopic('livechat'), [{ key: ticketId, value: survey }]);

    const group = chat.locator('.log li.theirs .choices');
    await group.locator('button').nth(4).waitFor();
    expect(await group.getAttribute('role')).toBe('group');
    expect(await group.getAttribute('aria-label')).toBe('Ваш ответ');
    await group.locator('button', { hasText: '4' }).press('Enter');
    await group.locator('.thanks').waitFor();
    const answered = [1, 2, 3, 4, 5].map((n) => [String(n), true, String(n === 4)]);
    expect(await buttonStates(chat)).toEqual(answered);
    await page.screenshot({ path: join(ARTIFACTS, 'livechat-rated.png') });
    const entry = await h.pool.query('SELECT chosen FROM livechat_entries WHERE message_id = $1', [
      survey.id,
    ]);
    expect(entry.rows[0]?.chosen).toBe(`csat:${ticketId}:4`);

    await page.reload();
    const again = chatFrame(page);
    await again.locator('button.launcher').press('Enter');
    await again.locator('.log li.theirs .choices .thanks').waitFor();
    expect(await buttonStates(again)).toEqual(answered);
    // The press is not the visitor's message: not in their conversation, not in the ticket.
    expect(await again.locator('.log li.mine').allTextContents()).toEqual(['ВыСпасибо, всё пришло']);
    const pressed = await h.pool.query(
      `SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'inbound' AND content_kind <> 'postback' AND text <> 'Спасибо, всё пришло'`,
      [ticketId],
    );
    expect(pressed.rows[0]?.n).toBe(0);
    await page.close();
  });

  it('fills a phone screen when open', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(allowedHost);
    await chatFrame(page).locator('button.launcher').press('Enter');
    await waitFor(
      async () =>
        (await page.evaluate<number>('document.querySelector("iframe[data-omni-livechat]").offsetWidth')) ===
        390,
      { description: 'the frame as wide as the screen' },
    );
    await page.screenshot({ path: join(ARTIFACTS, 'livechat-phone.png') });
    await page.close();
  });

  it('cannot be framed by a site that is not allowed', async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.goto(foreignHost);
    await waitFor(() => console.some((text) => text.includes('frame-ancestors')), {
      description: 'Chromium refusing the frame',
    });
    expect(await chatFrame(page).locator('button.launcher').count()).toBe(0);
    await page.close();
  });
});
