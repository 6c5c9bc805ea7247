import { queueAutomaticMessage } from '@omni/customers';
import { type Pool, type PoolClient, withTransaction } from '@omni/db';
import { ConfigError, LeasedJob, type Logger, type OmniConfig } from '@omni/service-kit';
import type { LivechatAccount } from './config';
import { CONVERSATION_LINK_DAYS, conversationLinkUrl, signConversationLink } from './conversation-link';
import type { VisitorProfile } from './normalize';
import type { OfflineEmailMetrics } from './offline-email.metrics';
import { composeOfflineEmail, OFFLINE_EMAIL_TEXTS, offlineEmailLanguage } from './offline-email.text';

/** One live-chat account whose unread replies go out by email. */
export interface OfflineEmailAccount {
  account: string;
  delaySeconds: number;
  /** The `channels.email` account they leave from. */
  emailAccount: string;
  publicUrl?: string;
  language: LivechatAccount['language'];
}

/** Replies older than this are never emailed: enabling the feature does not mail out a backlog. */
const HORIZON_HOURS = 7 * 24;
/** Visitors handled per pass statement; a pass repeats until none is due. */
const GROUPS_PER_QUERY = 50;

/**
 * The accounts that email unread replies: a positive delay and an email account to send
 * from (the named one, else the first configured). Naming an account that does not exist
 * fails the start; having none to send from only switches the feature off (the default
 * setup has no email account), said once in the log.
 */
export function offlineEmailAccounts(
  config: OmniConfig,
  accounts: readonly LivechatAccount[],
  log: Logger,
): OfflineEmailAccount[] {
  const emailAccounts = (config.channels.email ?? []).map((e) => e.account);
  const problems: string[] = [];
  const enabled: OfflineEmailAccount[] = [];
  for (const a of accounts) {
    if (a.offlineEmailAccount && !emailAccounts.includes(a.offlineEmailAccount))
      problems.push(
        `channels.livechat[${a.account}].offlineEmailAccount: no email account "${a.offlineEmailAccount}" is configured`,
      );
    if (a.offlineEmailDelaySeconds === 0) continue;
    const emailAccount = a.offlineEmailAccount ?? emailAccounts[0];
    if (!emailAccount) {
      log.info(
        { account: a.account },
        'no email account is configured: unread live chat replies are not emailed',
      );
      continue;
    }
    enabled.push({
      account: a.account,
      delaySeconds: a.offlineEmailDelaySeconds,
      emailAccount,
      publicUrl: a.publicUrl,
      language: a.language,
    });
  }
  if (problems.length > 0) throw new ConfigError('config', problems);
  return enabled;
}

export interface OfflineEmailDeps {
  pool: Pool;
  accounts: readonly OfflineEmailAccount[];
  /** The account's visitor-token key (the link's key derives from it). */
  tokenKey: (account: string) => Promise<string>;
  metrics?: OfflineEmailMetrics;
  log: Logger;
}

interface DueGroup {
  account: string;
  visitor: string;
  ticket_id: string;
}

/**
 * One pass: every conversation with a reply unread `delaySeconds` after it arrived, whose
 * visitor left an email address, gets one email with all its unread replies not emailed yet
 * (so several replies make one email) — queued as an automatic email reply on the reply's
 * ticket, the way a web form's replies leave, so the customer's answer threads back into
 * that ticket. The replies are marked in the same transaction: each is emailed at most once,
 * whichever replica runs the pass, across restarts. Returns how many emails were queued.
 */
export async function sendOfflineEmails(deps: OfflineEmailDeps, now: Date): Promise<number> {
  const { pool, accounts } = deps;
  if (accounts.length === 0) return 0;
  let sent = 0;
  for (;;) {
    const { rows: due } = await pool.query<DueGroup>(
      `WITH s AS (SELECT * FROM unnest($1::text[], $2::int[]) AS s(account, delay))
       SELECT DISTINCT e.account, e.visitor, e.ticket_id
         FROM livechat_entries e
         JOIN s ON s.account = e.account
         JOIN livechat_visitors v ON v.account = e.account AND v.visitor = e.visitor
        WHERE e.direction = 'outbound' AND e.status IN ('sent', 'delivered') AND e.emailed_in IS NULL
          AND e.ticket_id IS NOT NULL AND v.profile->>'email' IS NOT NULL
          AND e.created_at <= $3::timestamptz - make_interval(secs => s.delay)
          AND e.created_at > $3::timestamptz - make_interval(hours => $4)
        LIMIT $5`,
      [
        accounts.map((a) => a.account),
        accounts.map((a) => a.delaySeconds),
        now,
        HORIZON_HOURS,
        GROUPS_PER_QUERY,
      ],
    );
    deps.metrics?.due.set(due.length);
    if (due.length === 0) break;
    let progress = 0;
    for (const group of due) {
      const settings = accounts.find((a) => a.account === group.account) as OfflineEmailAccount;
      const carried = await withTransaction(pool, (client) => emailGroup(client, deps, settings, group, now));
      if (carried === 0) continue;
      progress++;
      deps.metrics?.due.dec();
      if (carried < 0) {
        deps.log.warn(
          { account: group.account, replies: -carried },
          'unread replies of a deleted ticket not emailed',
        );
        continue;
      }
      sent++;
      deps.metrics?.emails.inc({ account: group.account });
      deps.metrics?.replies.inc({ account: group.account }, carried);
    }
    // Everything found was read or taken meanwhile: the next round finds the rest.
    if (progress === 0 || due.length < GROUPS_PER_QUERY) break;
  }
  deps.metrics?.due.set(0);
  deps.metrics?.lastPass.setToCurrentTime();
  return sent;
}

interface ReplyRow {
  message_id: string;
  text: string;
  author: string | null;
  created_at: Date;
}

/**
 * One conversation's unread replies → one email. Returns how many replies it carries; 0:
 * nothing left to send (read or taken meanwhile); negative: that many could not be sent.
 */
async function emailGroup(
  client: PoolClient,
  deps: OfflineEmailDeps,
  settings: OfflineEmailAccount,
  group: DueGroup,
  now: Date,
): Promise<number> {
  // Locked, and re-checked under the lock: a reply read meanwhile is not emailed, and a
  // receipt that comes after this commits finds it emailed (it is read then too).
  const { rows: replies } = await client.query<ReplyRow>(
    `SELECT message_id, text, author, created_at FROM livechat_entries
      WHERE account = $1 AND visitor = $2 AND ticket_id = $3 AND direction = 'outbound'
        AND status IN ('sent', 'delivered') AND emailed_in IS NULL
        AND created_at > $4::timestamptz - make_interval(hours => $5)
      ORDER BY seq FOR UPDATE SKIP LOCKED`,
    [group.account, group.visitor, group.ticket_id, now, HORIZON_HOURS],
  );
  if (replies.length === 0) return 0;
  const { rows: visitors } = await client.query<{ profile: VisitorProfile; token_version: number }>(
    'SELECT profile, token_version FROM livechat_visitors WHERE account = $1 AND visitor = $2',
    [group.account, group.visitor],
  );
  const visitor = visitors[0];
  const address = visitor?.profile.email?.trim().toLowerCase();
  // A ticket merged into another goes on there: the answer must thread into the survivor.
  const { rows: tickets } = await client.query<{
    id: string;
    number: string;
    customer_id: string;
    subject: string | null;
  }>(
    `SELECT t.id, t.number, t.customer_id, t.subject FROM tickets o
       JOIN tickets t ON t.id = COALESCE(o.merged_into, o.id) WHERE o.id = $1`,
    [group.ticket_id],
  );
  const ticket = tickets[0];
  if (!visitor || !address || !ticket) {
    // Nothing to send them with (the ticket was deleted by retention): taken out of the scan
    // for good, so that such replies never crowd out the ones that can go.
    await markEmailed(client, replies, UNSENDABLE);
    return -replies.length;
  }
  const language = offlineEmailLanguage(settings.language, visitor.profile.locale);
  const link = settings.publicUrl
    ? conversationLinkUrl(
        settings.publicUrl,
        group.account,
        signConversationLink(
          {
            account: group.account,
            visitor: group.visitor,
            version: visitor.token_version,
            expiresAt: new Date(now.getTime() + CONVERSATION_LINK_DAYS * 86_400_000),
          },
          await deps.tokenKey(group.account),
        ),
      )
    : undefined;
  const texts = OFFLINE_EMAIL_TEXTS[language];
  const id = await queueAutomaticMessage(client, {
    ticket,
    way: {
      channel: 'email',
      account: settings.emailAccount,
      recipient: { externalId: address, email: address },
    },
    thread: { subject: ticket.subject ?? texts.subject },
    content: { text: composeOfflineEmail({ language, name: visitor.profile.name, replies, link }) },
    author: 'livechat',
    recipients: { to: [address] },
    now,
  });
  await markEmailed(client, replies, id);
  return replies.length;
}

/** `emailed_in` of replies that cannot be emailed: the nil UUID, no message's id. */
const UNSENDABLE = '00000000-0000-0000-0000-000000000000';

async function markEmailed(client: PoolClient, replies: ReplyRow[], emailId: string): Promise<void> {
  await client.query('UPDATE livechat_entries SET emailed_in = $1 WHERE message_id = ANY($2::uuid[])', [
    emailId,
    replies.map((r) => r.message_id),
  ]);
}

/** The pass on one replica at a time (advisory lease), every `intervalMs`. */
export function offlineEmailJob(deps: OfflineEmailDeps & { intervalMs: number; now: () => Date }): LeasedJob {
  return new LeasedJob({
    pool: deps.pool,
    log: deps.log,
    name: 'omni-livechat-offline-email',
    intervalMs: deps.intervalMs,
    run: async () => {
      const sent = await sendOfflineEmails(deps, deps.now());
      if (sent > 0) deps.log.info({ emails: sent }, 'unread live chat replies emailed');
    },
  });
}
