import type { ReplyChannelSettings } from '@omni/customers';
import type { BlobStore, Pool } from '@omni/db';
import type { ApiKeyVerifier } from '../api-keys';

/** What every route plugin of the API gets. */
export interface RouteDeps {
  pool: Pool;
  verifier: ApiKeyVerifier;
  blobs: BlobStore;
  /** Where replies to web-form tickets leave (email accounts from the configuration). */
  replyChannels: ReplyChannelSettings;
}
