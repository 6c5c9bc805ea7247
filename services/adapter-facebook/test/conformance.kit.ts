import { messengerConformanceKit } from '@omni/testkit';

/** Facebook Messenger for the conformance suite (services/channels): the Graph API fake, signed Page webhooks. */
export default messengerConformanceKit({
  channel: 'facebook',
  object: 'page',
  ownId: '7000',
  account: (token) => ({ pageId: '7000', pageAccessToken: token }),
});
