import { buildMessengerAdapter, type MessengerPlatform } from '@omni/meta';
import { type AdapterDeps, channelAccounts, type ServiceModule } from '@omni/service-kit';
import { FacebookAccount } from './config';
import { MAX_TEXT } from './send';

export type FacebookAdapterDeps = AdapterDeps;

/** Messenger on the Messenger Platform: webhooks of `object: "page"`, the Page's Send API. */
export const FACEBOOK_PLATFORM: MessengerPlatform = { channel: 'facebook', object: 'page' };

/**
 * The Facebook Messenger channel: `GET|POST /channels/facebook/{account}/webhook` for
 * intake, the Send API for replies consumed from `omni.outbound.facebook.v1` — the
 * Messenger Platform adapter of @omni/meta with a Page's settings.
 */
export function buildFacebookAdapter(deps: FacebookAdapterDeps): ServiceModule {
  const accounts = channelAccounts(deps.config, 'facebook', FacebookAccount).map((a) => ({
    ...a,
    ownId: a.pageId,
    accessToken: a.pageAccessToken,
  }));
  return buildMessengerAdapter({
    ...deps,
    platform: FACEBOOK_PLATFORM,
    service: 'adapter-facebook',
    accounts,
    maxText: MAX_TEXT,
    profileFields: 'first_name,last_name,profile_pic',
  });
}
