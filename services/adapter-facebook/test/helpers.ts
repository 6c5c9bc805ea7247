import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OmniConfig, parseOmniConfig } from '@omni/service-kit';
import { FacebookAccount } from '../src';

export const FIXTURES = join(__dirname, '../../../../shared/fixtures/facebook');
export const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

export const PAGE_ID = '1234567890';
export const SECRETS = {
  pageAccessToken: 'page-token-xyz',
  appSecret: 'app-secret-abc',
  verifyToken: 'verify-me',
};

export function facebookConfig(
  apiRoot: string,
  extra = '',
): OmniConfig<{ facebook: typeof FacebookAccount }> {
  return parseOmniConfig(
    `channels:\n  facebook:\n    - account: main-page\n      pageId: "${PAGE_ID}"\n      pageAccessToken: ${SECRETS.pageAccessToken}\n      appSecret: ${SECRETS.appSecret}\n      verifyToken: ${SECRETS.verifyToken}\n      apiRoot: ${apiRoot}\n${extra}`,
    {},
    { channels: { facebook: FacebookAccount } },
  );
}

// The adapter test harness is the test kit's (one copy for every adapter).
export { brokenBus, MemoryBlobs, recordingBus, serveModule as serve } from '@omni/testkit';
