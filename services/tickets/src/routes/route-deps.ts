import type { ReplyChannelSettings } from '@omni/customers';
import type { BlobStore, Pool } from '@omni/db';
import type { Logger, OutboundGuard } from '@omni/service-kit';
import type { ApiKeyVerifier } from '../api-keys';

/** What every route plugin of the API gets. */
export interface RouteDeps {
  pool: Pool;
  log: Logger;
  verifier: ApiKeyVerifier;
  blobs: BlobStore;
  /** Judges webhook URLs when they are registered. */
  outboundGuard: OutboundGuard;
  /** How long a rotated-out webhook secret keeps signing, unless the rotation says (`OMNI_WEBHOOK_SECRET_GRACE_SECONDS`). */
  webhookSecretGraceSeconds: number;
  /** Where replies to web-form tickets leave (email accounts from the configuration). */
  replyChannels: ReplyChannelSettings;
}
