import { defineChannel } from '@omni/service-kit';
import { LivechatAccount } from './config';
import { buildLivechatAdapter, livechatPath } from './livechat.adapter';

/** The live-chat channel as one unit (registry: services/channels). */
export const livechatChannel = defineChannel({
  name: 'livechat',
  service: 'adapter-livechat',
  accountSchema: LivechatAccount,
  build: ({ config, bus, log, pool, metrics }) => buildLivechatAdapter({ config, bus, log, pool, metrics }),
  banner: (a, url) => [
    `${url}${livechatPath(a.account)}/demo  (the demo page; embed: <script src="${url}${livechatPath(a.account)}/widget.js" data-account="${a.account}">)`,
    `POST ${url}${livechatPath(a.account)}/sessions, …/messages; WebSocket ${url.replace(/^http/, 'ws')}${livechatPath(a.account)}/ws`,
  ],
});
