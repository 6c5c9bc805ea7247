import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWidget, WIDGET_OUT } from '../widget/build';

it('serves the widget built from its current source (else: pnpm --filter @omni/adapter-livechat build-widget)', async () => {
  expect(readFileSync(WIDGET_OUT, 'utf8')).toBe(await buildWidget());
});

it('keeps the widget within its budget of 30 KB gzipped', () => {
  expect(gzipSync(readFileSync(WIDGET_OUT)).length).toBeLessThanOrEqual(30 * 1024);
});
