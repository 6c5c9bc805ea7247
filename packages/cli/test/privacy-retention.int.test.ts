import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Channel, InboundMessage, messageId } from '@omni/contracts';
import { PgBlobStore, withTransaction } from '@omni/db';
import { type Harness, startHarness } from '@omni/testkit';
import { threadBatch } from '@omni/threading';
import { runCli } from '../src/run-cli';

let h: Harness;
let configPath: string;
beforeAll(async () => {
  h = await startHarness('cli-retention');
  configPath = join(mkdtempSync(join(tmpdir(), 'omni-retention-')), 'omni.config.yaml');
  writeFileSync(
    configPath,
    [
      'privacy:',
      '  retention:',
      '    - { channel: email, account: support, closedTicketDays: 30, closedTicketAction: erase, fileDays: 10 }',
      '    - { channel: telegram, account: main, closedTicketDays: 30 }',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await h?.close();
});

async function omni(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { DATABASE_URL: h.databaseUrl, OMNI_CONFIG: configPath },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    log: h.log,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);
let n = 0;

/** A message stored by threading in a ticket of its own, received `days` ago; the ticket resolved `closedDays` ago, if given. */
async function ticketWith(spec: {
  channel: Channel;
  account: string;
  from: string;
  days: number;
  closedDays?: number;
  raw?: boolean;
}): Promise<{ ticketId: string; messageId: string; customerId: string; rawId?: string }> {
  const externalId = `r-${++n}`;
  const at = daysAgo(spec.days).toISOString();
  const raw = spec.raw
    ? await new PgBlobStore(h.pool).put(Buffer.from(`raw mail ${n} of ${spec.from}`))
    : undefined;
  const kind = spec.channel === 'email' ? 'email' : 'telegram';
  const m = InboundMessage.parse({
    version: 1,
    id: messageId(spec.channel, spec.account, externalId),
    channel: spec.channel,
    account: spec.account,
    externalId,
    sentAt: at,
    receivedAt: at,
    sender: { externalId: spec.from, displayName: `Name ${spec.from}` },
    identities: [{ kind, value: spec.from, verified: true }],
    // A new subject each time: email threading starts a new ticket for it.
    thread: { subject: `subject ${n}` },
    content: { kind: 'text', text: `text ${n} from ${spec.from}` },
    ...(raw ? { rawRef: raw.id } : {}),
  });
  await withTransaction(h.pool, (c) =>
    threadBatch(c, [m], { reopenWindowDays: 0, defaultPhoneRegion: 'RU' }, new Date(at)),
  );
  const { rows } = await h.pool.query<{ ticket_id: string; customer_id: string }>(
    'SELECT ticket_id, customer_id FROM messages WHERE id = $1',
    [m.id],
  );
  const row = rows[0] as { ticket_id: string; customer_id: string };
  await h.pool.query('UPDATE tickets SET created_at = $2, last_message_at = $2 WHERE id = $1', [
    row.ticket_id,
    at,
  ]);
  if (spec.closedDays !== undefined) {
    const closed = daysAgo(spec.closedDays);
    await h.pool.query(
      `UPDATE tickets SET status = 'closed', resolved_at = $2, updated_at = $2 WHERE id = $1`,
      [row.ticket_id, closed],
    );
  }
  return { ticketId: row.ticket_id, messageId: m.id, customerId: row.customer_id, rawId: raw?.id };
}

const messageText = async (id: string) =>
  (
    await h.pool.query<{ text: string; raw: string | null }>(
      `SELECT text, extra->>'rawRef' AS raw FROM messages WHERE id = $1`,
      [id],
    )
  ).rows[0];
const customerState = async (id: string) =>
  (
    await h.pool.query<{ erased: boolean; identities: number }>(
      `SELECT erased_at IS NOT NULL AS erased, (SELECT count(*)::int FROM identities WHERE customer_id = $1) AS identities
         FROM customers WHERE id = $1`,
      [id],
    )
  ).rows[0];

it('empties only what is due, per account; a dry run says so and changes nothing', async () => {
  // email/support (erase after 30 days closed, files after 10 days)
  const onlyOld = await ticketWith({
    channel: 'email',
    account: 'support',
    from: 'old@example.com',
    days: 50,
    closedDays: 40,
  });
  const oldOfTwo = await ticketWith({
    channel: 'email',
    account: 'support',
    from: 'two@example.com',
    days: 50,
    closedDays: 40,
  });
  const openOfTwo = await ticketWith({
    channel: 'email',
    account: 'support',
    from: 'two@example.com',
    days: 15,
    raw: true,
  });
  const freshRaw = await ticketWith({
    channel: 'email',
    account: 'support',
    from: 'new@example.com',
    days: 5,
    raw: true,
  });
  // telegram/main (anonymize after 30 days closed)
  const tgOld = await ticketWith({
    channel: 'telegram',
    account: 'main',
    from: '9001',
    days: 60,
    closedDays: 35,
  });
  const tgRecent = await ticketWith({
    channel: 'telegram',
    account: 'main',
    from: '9002',
    days: 25,
    closedDays: 20,
  });
  // telegram/other: no retention at all
  const unruled = await ticketWith({
    channel: 'telegram',
    account: 'other',
    from: '9003',
    days: 200,
    closedDays: 100,
    raw: true,
  });
  expect(openOfTwo.customerId).toBe(oldOfTwo.customerId);
  expect(openOfTwo.ticketId).not.toBe(oldOfTwo.ticketId);

  const snapshot = async () =>
    (await h.pool.query('SELECT id, text, extra, erased_at FROM messages ORDER BY id')).rows;
  const before = await snapshot();
  const dry = await omni('privacy', 'retention', '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.out).toContain(
    'email/support: tickets closed > 30 days: erase; files and raw mail > 10 days: delete',
  );
  expect(dry.out).toContain(
    'would empty: 3 ticket(s), 3 message(s), 1 customer(s) erased, files of 1 message(s), 0 erasure tombstone(s)',
  );
  expect(await snapshot()).toEqual(before);

  const run = await omni('privacy', 'retention');
  expect(run.code).toBe(0);
  expect(run.out).toContain(
    'emptied: 3 ticket(s), 3 message(s), 1 customer(s) erased, files of 1 message(s) (1 blob(s) deleted)',
  );

  // Due: emptied.
  for (const t of [onlyOld, oldOfTwo, tgOld]) expect((await messageText(t.messageId))?.text).toBe('');
  expect(await customerState(onlyOld.customerId)).toEqual({ erased: true, identities: 0 });
  // Anonymized only: the customer with an open ticket, and every telegram/main customer, stay.
  expect(await customerState(oldOfTwo.customerId)).toEqual({ erased: false, identities: 1 });
  expect(await customerState(tgOld.customerId)).toEqual({ erased: false, identities: 1 });
  // Raw mail older than 10 days gone (the text stays), younger kept.
  expect(await messageText(openOfTwo.messageId)).toEqual({
    text: expect.stringContaining('text'),
    raw: null,
  });
  const { rows: blobs } = await h.pool.query<{ id: string }>('SELECT id FROM blobs');
  expect(blobs.map((b) => b.id).sort()).toEqual([freshRaw.rawId, unruled.rawId].sort());
  // Not due, or no rule: untouched.
  for (const t of [tgRecent, freshRaw, unruled])
    expect((await messageText(t.messageId))?.text).toContain('text');
  const { rows: shells } = await h.pool.query(
    'SELECT message_count, status FROM tickets WHERE id = ANY($1::uuid[])',
    [[onlyOld.ticketId, oldOfTwo.ticketId, tgOld.ticketId]],
  );
  expect(shells).toEqual(Array(3).fill({ message_count: 1, status: 'closed' }));
  const { rows: audit } = await h.pool.query(`SELECT counts FROM privacy_audit WHERE action = 'retention'`);
  expect(audit).toHaveLength(1);

  // The next pass finds nothing more.
  const again = await omni('privacy', 'retention');
  expect(again.out).toContain(
    'emptied: 0 ticket(s), 0 message(s), 0 customer(s) erased, files of 0 message(s)',
  );
});
