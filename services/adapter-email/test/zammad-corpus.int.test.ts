import type { Bus } from '@omni/bus';
import type { Pool } from '@omni/db';
import { createApiKey, type RunningServices } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { startDovecot, type TestDovecot } from '@omni/testkit/src/dovecot';
import { startEmailStack, supportAccountConfig } from './email-stack';
import { describeWithCorpus, readCorpus } from './zammad-corpus';

/**
 * The whole peer corpus through the MIME route an MTA pipe uses, as `pnpm start` composes the
 * services (email adapter → Kafka → threading → PostgreSQL): no refusal, no 5xx, every message
 * stored. The fixtures were copied from one another: messages that share a Message-ID (the
 * idempotency key; mail050/065/077/105, mail115/117/118, …) are one message, stored once as
 * the first one sent.
 */
let h: Harness;
let dovecot: TestDovecot;
let bus: Bus;
let pool: Pool;
let running: RunningServices;

describeWithCorpus('the peer corpus through POST /channels/email/{account}/mime', () => {
  beforeAll(async () => {
    [h, dovecot] = await Promise.all([startHarness('email-peer-corpus'), startDovecot()]);
    bus = await h.kafkaBus();
    ({ running, pool } = await startEmailStack(h, bus, supportAccountConfig(dovecot)));
  });

  afterAll(async () => {
    await running?.stop();
    await h?.close();
    await dovecot?.stop();
  });

  it('accepts all 46 messages with 202 and stores each, the malformed ones flagged with their raw form', async () => {
    const { key } = await createApiKey(pool, 'mta', ['admin']);
    const accepted = new Map<string, string>();
    const pairs = readCorpus();
    for (const pair of pairs) {
      const res = await fetch(`${running.url}/channels/email/support/mime`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'message/rfc822' },
        body: pair.raw,
      });
      expect({ name: pair.name, status: res.status }).toEqual({ name: pair.name, status: 202 });
      accepted.set(pair.name, ((await res.json()) as { id: string }).id);
    }
    expect(accepted.size).toBe(46);

    const ids = [...new Set(accepted.values())];
    const stored = await waitFor(
      async () => {
        const { rows } = await pool.query<{
          id: string;
          subject: string | null;
          flags: { malformed?: boolean };
          extra: { rawRef?: string };
        }>('SELECT id, subject, flags, extra FROM messages WHERE id = ANY($1::uuid[])', [ids]);
        return rows.length === ids.length && new Map(rows.map((r) => [r.id, r]));
      },
      { timeoutMs: 60_000, description: 'every accepted message stored' },
    );
    // A raw Shift_JIS subject, stored readable (as the pair's .yml says it reads).
    const mail093 = pairs.find((p) => p.name === 'mail093')?.expected;
    expect(stored.get(accepted.get('mail093') ?? '')?.subject).toBe(mail093?.subject);
    // Malformed ones with a Message-ID of their own (mail105 shares mail050's).
    for (const name of ['mail068', 'mail071', 'mail076', 'mail087']) {
      const row = stored.get(accepted.get(name) ?? '');
      expect({ name, malformed: row?.flags.malformed, raw: row?.extra.rawRef !== undefined }).toEqual({
        name,
        malformed: true,
        raw: true,
      });
    }
    // An address that cannot be read became nobody's identity.
    const { rows: identities } = await pool.query<{ value: string }>(
      "SELECT value FROM identities WHERE kind = 'email'",
    );
    const values = identities.map((i) => i.value);
    expect(values).toContain(mail093?.from_email);
    for (const plausible of ['system@example.com', 'test@example.com', 'agent@example.com'])
      expect(values).not.toContain(plausible);
  });
});
