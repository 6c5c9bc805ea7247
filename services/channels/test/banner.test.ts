import { parseOmniConfig } from '@omni/service-kit';
import { ACCOUNT_SCHEMAS, channelBannerLines } from '../src';

it('prints what every configured account of every registered channel serves', () => {
  const config = parseOmniConfig(
    `channels:
  webform:
    - account: default
  telegram:
    - account: poll-bot
      token: t
      mode: polling
  vk:
    - account: club
      groupId: 1
      accessToken: t
      secret: s
      confirmation: c
`,
    {},
    { channels: ACCOUNT_SCHEMAS },
  );
  const lines = channelBannerLines(config, 'http://127.0.0.1:8080');
  expect(lines).toEqual([
    '  telegram   long polling',
    '  vk         POST http://127.0.0.1:8080/channels/vk/club/callback',
    '  webform    http://127.0.0.1:8080/channels/webform/default  (the page; embed: http://127.0.0.1:8080/channels/webform/default/embed.js)',
    '             POST http://127.0.0.1:8080/channels/webform/default/submissions',
  ]);
});
