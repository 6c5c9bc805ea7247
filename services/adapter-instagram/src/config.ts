import { AccountName } from '@omni/contracts';
import { FetchProfiles, GraphVersion, MaxAttachmentBytes } from '@omni/meta';
import { z } from 'zod';

const secret = z.string().min(1);

/** One Instagram professional account: `channels.instagram[i]` of the YAML file (README). */
export const InstagramAccount = z.strictObject({
  account: AccountName,
  /** The Instagram professional account's id (`entry[].id` and `recipient.id` of its webhooks). */
  instagramAccountId: z.string().regex(/^\d{1,32}$/, 'the numeric Instagram professional account id'),
  /** An Instagram user access token with instagram_business_manage_messages (or a Page token with the Facebook-login API). */
  accessToken: secret,
  appSecret: secret,
  verifyToken: secret,
  /** Instagram API with Instagram Login; `https://graph.facebook.com` for the Facebook-login flavour. */
  apiRoot: z.string().url().default('https://graph.instagram.com'),
  graphVersion: GraphVersion,
  /** HUMAN_AGENT: a person may answer up to 7 days after the customer's last message (Instagram takes no other tag). */
  messageTag: z.enum(['HUMAN_AGENT']).optional(),
  /** Fetch senders' names, usernames and pictures (cached; never blocks ingestion). */
  fetchProfiles: FetchProfiles,
  /** Largest attachment stored at ingestion, bytes. */
  maxAttachmentBytes: MaxAttachmentBytes,
});
export type InstagramAccount = z.infer<typeof InstagramAccount>;
