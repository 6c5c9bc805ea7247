import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { runCli } from '../src/run-cli';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('cli-ops');
});
afterAll(async () => {
  await h?.close();
});

async function omni(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { DATABASE_URL: h.databaseUrl },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    log: h.log,
  });
  return { code, out, err };
}

it('mailbox rescan moves the cursor back (never forward) and retries what was set aside after it', async () => {
  await h.pool.query(
    "INSERT INTO email_cursors (account, mailbox, uidvalidity, last_uid) VALUES ('support', 'INBOX', 7, 100)",
  );
  await h.pool.query(
    "INSERT INTO email_set_aside (account, mailbox, uidvalidity, uid, reason) VALUES ('support', 'INBOX', 7, 50, 'too big'), ('support', 'INBOX', 7, 20, 'too big')",
  );
  const result = await omni('mailbox', 'rescan', '--account', 'support', '--from-uid', '40');
  expect(result.code).toBe(0);
  expect(result.out[0]).toContain('resumes after UID 39');
  const cursor = await h.pool.query('SELECT last_uid FROM email_cursors WHERE account = $1', ['support']);
  expect(cursor.rows[0].last_uid).toBe('39');
  const setAside = await h.pool.query('SELECT uid FROM email_set_aside ORDER BY uid');
  expect(setAside.rows.map((r) => r.uid)).toEqual(['20']);

  await omni('mailbox', 'rescan', '--account', 'support', '--from-uid', '90');
  expect((await h.pool.query('SELECT last_uid FROM email_cursors')).rows[0].last_uid).toBe('39');
  expect((await omni('mailbox', 'rescan', '--account', 'nobody', '--from-uid', '1')).code).toBe(1);
  expect((await omni('mailbox', 'rescan', '--account', 'support', '--from-uid', 'zero')).code).toBe(2);
});

it('webhooks rotate-secret gives the subscription a new secret, printed once, the old one signing on for the grace period', async () => {
  const id = randomUUID();
  await h.pool.query(
    "INSERT INTO webhook_subscriptions (id, url, events, secret, start_txid) VALUES ($1, 'https://desk.example.com/hook', '{ticket.created}', 'whsec_b2xk', pg_current_xact_id())",
    [id],
  );
  const result = await omni('webhooks', 'rotate-secret', id);
  expect(result.code).toBe(0);
  const printed = result.out.at(-1) as string;
  expect(printed).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const state = async () =>
    (
      await h.pool.query(
        `SELECT secret, previous_secret,
                extract(epoch FROM previous_secret_expires_at - secret_rotated_at)::int AS grace
           FROM webhook_subscriptions WHERE id = $1`,
        [id],
      )
    ).rows[0];
  expect(await state()).toEqual({ secret: printed, previous_secret: 'whsec_b2xk', grace: 86400 });
  expect(result.out[0]).toContain('carry a signature with the previous one too');

  const cut = await omni('webhooks', 'rotate-secret', id, '--grace', '0');
  expect(cut.out[0]).toContain('with a new secret only');
  expect(await state()).toEqual({ secret: cut.out.at(-1), previous_secret: null, grace: null });
  expect((await omni('webhooks', 'rotate-secret', id, '--grace', '3600')).code).toBe(0);
  expect((await state()).grace).toBe(3600);
  expect((await omni('webhooks', 'rotate-secret', id, '--grace', 'a day')).code).toBe(2);
  expect((await omni('webhooks', 'rotate-secret', randomUUID())).code).toBe(1);
});
