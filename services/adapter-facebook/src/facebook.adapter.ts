import type { Bus } from '@omni/bus';
import type { BlobStore } from '@omni/db';
import { buildMessengerAdapter, type MessengerPlatform } from '@omni/meta';
import {
  channelAccounts,
  type Logger,
  type OmniConfig,
  type OutboundGuard,
  type ServiceModule,
} from '@omni/service-kit';
import { FacebookAccount } from './config';
import { MAX_TEXT } from './send';

export interface FacebookAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Where attachments are stored at ingestion and read from for replies. */
  blobs: BlobStore;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
  fetchImpl?: typeof fetch;
  /** Attachment URLs come from payloads: fetched under this policy (default: no allowlist). */
  outboundGuard?: OutboundGuard;
  /** Outbound retry tuning (tests shorten it). */
  outbound?: {
    maxAttempts?: number;
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    rateLimitDelayMs?: number;
    groupId?: string;
  };
}

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
