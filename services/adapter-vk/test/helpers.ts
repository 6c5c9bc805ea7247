import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OmniConfig, parseOmniConfig } from '@omni/service-kit';
import { VkAccount } from '../src';

export const FIXTURES = join(__dirname, '../../../../shared/fixtures/vk');
export const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

export const GROUP_ID = 123456;
export const SECRETS = { accessToken: 'vk-token-xyz', secret: 'abc123xyz', confirmation: 'c0nf1rm' };

export function vkConfig(apiRoot: string, extra = ''): OmniConfig<{ vk: typeof VkAccount }> {
  return parseOmniConfig(
    `channels:\n  vk:\n    - account: club\n      groupId: ${GROUP_ID}\n      accessToken: ${SECRETS.accessToken}\n      secret: ${SECRETS.secret}\n      confirmation: ${SECRETS.confirmation}\n      apiRoot: ${apiRoot}\n${extra}`,
    {},
    { channels: { vk: VkAccount } },
  );
}

// The adapter test harness is the test kit's (one copy for every adapter).
export { brokenBus, MemoryBlobs, recordingBus, serveModule as serve } from '@omni/testkit';
