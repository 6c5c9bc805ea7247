import type { OutboundMessage } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { createMessengerSender, type MessengerClient, type SentLog } from '@omni/meta';
import type { ReplyProgress, SendResult } from '@omni/service-kit';
import type { FacebookAccount } from './config';

/** The Send API's limit on a Messenger text message. */
export const MAX_TEXT = 2000;

/** Replies to Messenger: the Messenger Platform sender (@omni/meta) with Messenger's text limit. */
export function createSender(deps: {
  accounts: ReadonlyMap<string, FacebookAccount>;
  sentLog?: SentLog;
  clients: ReadonlyMap<string, MessengerClient>;
  blobs: BlobStore;
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  return createMessengerSender({ ...deps, channel: 'facebook', maxText: MAX_TEXT });
}
