import { AccountName } from '@omni/contracts';
import { FetchProfiles, GraphVersion, MaxAttachmentBytes } from '@omni/meta';
import { z } from 'zod';

const apiRoot = (url: string) => z.string().url().default(url);
const secret = z.string().min(1);

/** One Page: `channels.facebook[i]` of the YAML file (README). */
export const FacebookAccount = z.strictObject({
  account: AccountName,
  pageId: z.string().min(1),
  pageAccessToken: secret,
  appSecret: secret,
  verifyToken: secret,
  apiRoot: apiRoot('https://graph.facebook.com'),
  /** Graph API version used in every call path. */
  graphVersion: GraphVersion,
  /** Tag for replies outside the 24-hour window (e.g. HUMAN_AGENT); absent: such replies fail permanently. */
  messageTag: z
    .enum(['HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE'])
    .optional(),
  /** Fetch senders' names and pictures through the Graph API (cached; never blocks ingestion). */
  fetchProfiles: FetchProfiles,
  /** Largest attachment stored at ingestion, bytes. */
  maxAttachmentBytes: MaxAttachmentBytes,
});
export type FacebookAccount = z.infer<typeof FacebookAccount>;
