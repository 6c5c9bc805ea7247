import {
  createApiKey,
  createHttpServer,
  createMetrics,
  findUnstorableText,
  parseOmniConfig,
} from '@omni/service-kit';
import { type Harness, hostileText, recordingBus, startHarness } from '@omni/testkit';
import fc from 'fast-check';
import { buildEmailAdapter } from '../src/email.adapter';

/**
 * The MIME route (an MTA pipe) under hostile text in every part of a mail: the display name,
 * the subject (raw and as an encoded word), the Message-ID, the body (8bit, quoted-printable,
 * base64). Mail is never bounced for its form, so each must be answered 202 and published —
 * repaired, storable — or dead-lettered with its reason.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness('email-mime-prop');
});
afterAll(() => h?.close());

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const qp = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      b >= 33 && b <= 126 && b !== 61
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

describe('hostile text in every part of a piped mail', () => {
  it('is answered 202 and published storable, or dead-lettered — never a 5xx, never lost', async () => {
    const { bus, inbound, deadLetters } = await recordingBus();
    const config = parseOmniConfig(
      'channels:\n  email:\n    - account: pipe\n      address: support@example.com\n      # Never started: only the MIME route is exercised.\n      imap: { host: 127.0.0.1, port: 9, secure: false, user: u, password: p }\n',
      {},
    );
    const adapter = buildEmailAdapter({ config, bus, pool: h.pool, log: h.log });
    const app = createHttpServer({ log: h.log, metrics: createMetrics('email-mime-prop'), readiness: [] });
    await app.register(adapter.routes ?? (async () => undefined));
    await app.ready();
    const { key } = await createApiKey(h.pool, 'mta-prop', ['admin']);
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          hostileText,
          hostileText,
          hostileText,
          hostileText,
          fc.constantFrom('8bit', 'quoted-printable', 'base64'),
          fc.boolean(),
          async (name, subject, body, idPart, encoding, encodedWords) => {
            const seq = ++n;
            const header = (s: string) =>
              encodedWords ? `=?utf-8?B?${b64(s)}?=` : s.replace(/[\r\n]/g, ' ');
            const text =
              encoding === 'base64' ? b64(body) : encoding === 'quoted-printable' ? qp(body) : body;
            const raw = Buffer.from(
              [
                `From: ${header(name)} <c${seq}@customer.example.com>`,
                'To: support@example.com',
                `Subject: ${header(subject)}`,
                `Message-ID: <p${seq}.${idPart.replace(/[\r\n<>]/g, '')}@customer.example.com>`,
                'MIME-Version: 1.0',
                'Content-Type: text/plain; charset=utf-8',
                `Content-Transfer-Encoding: ${encoding}`,
                '',
                text,
                '',
              ].join('\r\n'),
              'utf8',
            );
            const published = inbound.length;
            const letters = deadLetters.length;
            const res = await app.inject({
              method: 'POST',
              url: '/channels/email/pipe/mime',
              headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${key}` },
              payload: raw,
            });
            expect(res.statusCode).toBe(202);
            const { id, status } = res.json() as { id?: string; status: string };
            if (status === 'dead-lettered') {
              expect(deadLetters.length).toBeGreaterThan(letters);
              return;
            }
            const fresh = inbound.slice(published);
            expect(fresh.map((m) => m.id)).toContain(id);
            for (const m of fresh) expect(findUnstorableText(m, 'message')).toBeUndefined();
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await adapter.stop?.();
      await app.close();
    }
  });
});
