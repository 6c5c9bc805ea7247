import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAutomationService } from '@omni/automation';
import { InProcessBus } from '@omni/bus';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, createApiKey } from '@omni/tickets';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';
import { buildLivechatAdapter } from '../src';

/**
 * The widget's notices and files in a real browser, with automation beside the adapter as
 * in the one-process launcher: an active announcement for live chat is in automation's
 * availability payload and on the page (in a live region), outside business hours the
 * widget says when we answer, and a file chosen with the attach button reaches /v1.
 */
const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
// A Saturday: the fallback calendar (Mon–Fri 09:00–18:00 UTC) is closed.
const SATURDAY = new Date('2026-12-05T12:00:00Z');
const MONDAY = new Date('2026-12-07T10:00:00Z');

let h: Harness;
let running: RunningServices;
let browser: Browser;
let apiKey: string;
let clock = SATURDAY;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await startHarness('livechat-widget-extras');
  const config = parseOmniConfig(
    `channels:
  livechat:
    - account: shop
      language: en
automation:
  routing: { defaults: { priority: high } }
`,
    {},
  );
  const bus = new InProcessBus(h.log);
  running = await runServices({
    log: h.log,
    metrics: createMetrics('livechat-extras-test'),
    bus,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildLivechatAdapter({ config, bus, log: h.log, pool: h.pool }),
      buildThreadingService({ pool: h.pool, bus, log: h.log, settings: config.threading }),
      buildTicketsService({ pool: h.pool, log: h.log, bus }),
      buildAutomationService({
        pool: h.pool,
        bus,
        log: h.log,
        config: config.automation,
        metrics: createMetrics('livechat-extras-automation'),
        now: () => clock,
        scheduler: false,
      }),
    ],
  });
  apiKey = (await createApiKey(h.pool, 'extras-test', ['tickets:read', 'tickets:write'])).key;
  await h.pool.query(
    `INSERT INTO announcements (id, texts, channels, starts_at) VALUES
       (gen_random_uuid(), '{"en": "Card payments are failing; we are on it.", "ru": "Не проходят платежи картой."}', '{livechat}', $1),
       (gen_random_uuid(), '{"en": "Only for Telegram"}', '{telegram}', $1)`,
    [new Date(SATURDAY.getTime() - 86_400_000)],
  );
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await h?.close();
});

const chatFrame = (page: Page): FrameLocator => page.frameLocator('iframe[data-omni-livechat]');

describe('the widget with automation beside it', () => {
  it('shows the active announcement and, outside business hours, when we answer', async () => {
    const res = await fetch(`${running.url}/availability/livechat/shop?lang=en`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      open: false,
      wait: 'on Monday morning',
      announcements: [{ id: expect.any(String), text: 'Card payments are failing; we are on it.' }],
    });

    const page = await browser.newPage();
    await page.goto(`${running.url}/channels/livechat/shop/demo?lang=en`);
    const chat = chatFrame(page);
    await chat.locator('button.launcher').press('Enter');
    const notice = chat.locator('.notices .notice');
    await notice.waitFor();
    expect(await notice.allTextContents()).toEqual(['Card payments are failing; we are on it.']);
    // Read out by screen readers once, as it appears.
    expect(await chat.locator('.notices [aria-live="polite"] .notice').count()).toBe(1);
    await chat
      .locator('.notices .wait', { hasText: 'We are away now: we answer on Monday morning.' })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'livechat-closed-hours.png') });

    await page.close();

    // Monday 10:00: open, the target itself (a new page: the answer is cached for 30 s).
    clock = MONDAY;
    const monday = await browser.newPage();
    await monday.goto(`${running.url}/channels/livechat/shop/demo?lang=en`);
    await chatFrame(monday).locator('button.launcher').press('Enter');
    await chatFrame(monday)
      .locator('.notices .wait', { hasText: 'We usually answer within 1 hour.' })
      .waitFor();
    await monday.close();
  });

  it('sends a file chosen with the attach button; it is in /v1 and shown back in the chat', async () => {
    const page = await browser.newPage();
    await page.goto(`${running.url}/channels/livechat/shop/demo?lang=en`);
    const chat = chatFrame(page);
    await chat.locator('button.launcher').press('Enter');
    await chat.locator('button.start').press('Enter');
    await chat.locator('#omni-text').fill('This is what I see');
    expect(await chat.locator('button.attach').getAttribute('aria-label')).toBe('Attach a file');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await chat
      .locator('.compose input[type=file]')
      .setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: png });
    const stored = await waitFor(
      async () =>
        (
          await h.pool.query<{ ticket_id: string; id: string }>(
            'SELECT ticket_id, id FROM messages WHERE text = $1',
            ['This is what I see'],
          )
        ).rows[0],
      { description: 'the message with its file stored' },
    );
    const messages = await fetch(`${running.url}/v1/tickets/${stored.ticket_id}/messages`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const { data } = (await messages.json()) as {
      data: Array<{ id: string; attachments: Array<{ name: string; url: string }> }>;
    };
    const file = data.find((m) => m.id === stored.id)?.attachments[0];
    expect(file?.name).toBe('screen.png');
    const bytes = await fetch(`${running.url}${file?.url}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(png);
    // The visitor's own copy comes back with the image, loaded with the visitor's token.
    await waitFor(
      async () =>
        (await chat
          .locator('.log li.mine .files img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)
          .catch(() => 0)) === 1,
      { description: 'the image shown' },
    );
    await page.screenshot({ path: join(ARTIFACTS, 'livechat-attachment.png') });
    await page.close();
  });
});
