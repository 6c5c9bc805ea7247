import { type Command, type CommandGroup, requireFlag, UsageError } from '../command';

const rescan: Command = {
  name: 'mailbox rescan',
  summary: 'Re-read an email account’s mailbox from a UID (messages already ingested are skipped)',
  usage: '--account <account> --from-uid <uid> [--mailbox INBOX]',
  async run(ctx) {
    const account = requireFlag(ctx, 'account');
    const fromUid = Number(requireFlag(ctx, 'from-uid'));
    if (!Number.isInteger(fromUid) || fromUid < 1)
      throw new UsageError('--from-uid must be a positive integer');
    const mailbox = typeof ctx.flags.mailbox === 'string' ? ctx.flags.mailbox : 'INBOX';
    const pool = await ctx.db();
    // Only ever moves the cursor back: the adapter's next sync (it reads the cursor each
    // time) fetches from there; `email_ingested` keeps what was published from going twice.
    const { rows } = await pool.query<{ uidvalidity: string; last_uid: string }>(
      `UPDATE email_cursors SET last_uid = LEAST(last_uid, $3::bigint - 1), updated_at = now()
        WHERE account = $1 AND mailbox = $2 RETURNING uidvalidity, last_uid`,
      [account, mailbox, fromUid],
    );
    const cursor = rows[0];
    if (!cursor) {
      ctx.out(`no cursor for ${account}/${mailbox}: the email adapter has not read that mailbox yet`);
      return 1;
    }
    // Messages set aside (too big, unparseable) from that UID on get another chance.
    const retried = await pool.query(
      'DELETE FROM email_set_aside WHERE account = $1 AND mailbox = $2 AND uidvalidity = $3 AND uid >= $4',
      [account, mailbox, cursor.uidvalidity, fromUid],
    );
    ctx.out(
      `${account}/${mailbox}: resumes after UID ${cursor.last_uid} (UIDVALIDITY ${cursor.uidvalidity}); ${retried.rowCount ?? 0} set-aside message(s) will be retried`,
    );
    ctx.out('the running adapter picks this up at its next sync');
    return 0;
  },
};

export const mailboxCommands: CommandGroup = [rescan];
