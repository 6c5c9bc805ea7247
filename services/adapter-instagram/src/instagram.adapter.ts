import { buildMessengerAdapter } from '@omni/meta';
import { type AdapterDeps, channelAccounts, type ServiceModule } from '@omni/service-kit';
import { InstagramAccount } from './config';
import { INSTAGRAM_PLATFORM } from './normalize';
import { MAX_TEXT } from './send';

export type InstagramAdapterDeps = AdapterDeps;

/**
 * The Instagram Direct channel: `GET|POST /channels/instagram/{account}/webhook` for intake,
 * the Send API (`me/messages` of the Instagram account) for replies consumed from
 * `omni.outbound.instagram.v1` — the Messenger Platform adapter of @omni/meta with an
 * Instagram account's settings and Instagram's own attachment types.
 */
export function buildInstagramAdapter(deps: InstagramAdapterDeps): ServiceModule {
  const accounts = channelAccounts(deps.config, 'instagram', InstagramAccount).map((a) => ({
    ...a,
    ownId: a.instagramAccountId,
  }));
  return buildMessengerAdapter({
    ...deps,
    platform: INSTAGRAM_PLATFORM,
    service: 'adapter-instagram',
    accounts,
    maxText: MAX_TEXT,
    profileFields: 'name,username,profile_pic',
  });
}
