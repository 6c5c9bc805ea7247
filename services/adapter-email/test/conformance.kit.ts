import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { startDovecot } from '@omni/testkit/src/dovecot';
import { startSmtpReceiver } from '@omni/testkit/src/smtp-receiver';

/**
 * Email for the conformance suite (services/channels): a real IMAP server (Dovecot) the
 * mailbox watcher logs in to, a real SMTP receiver for replies; messages arrive through
 * the MIME route, as an MTA pipe delivers them — the IMAP path has its own tests.
 */
const kit: ConformanceKit = {
  async start({ apiKey }) {
    const [dovecot, smtp] = await Promise.all([startDovecot(), startSmtpReceiver()]);
    const path = '/channels/email/conformance/mime';
    const mime = (raw: string | Buffer, key = apiKey): PlatformRequest => ({
      path,
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${key}` },
      body: raw,
    });
    const address = (sender: number) => `c${sender}@customer.example.com`;
    const message = (m: ConformanceMessage) =>
      [
        `From: Customer ${m.sender} <${address(m.sender)}>`,
        'To: support@example.com',
        `Subject: Question ${m.id}`,
        `Message-ID: <conformance-${m.id}@customer.example.com>`,
        `Date: ${new Date(1_767_225_600_000 + m.id * 1000).toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        m.text,
        '',
      ].join('\r\n');
    const received = (sender: number) =>
      smtp.messages
        .filter((mail) => mail.to.includes(address(sender)))
        .map((mail) => mail.raw.toString('utf8'));
    return {
      account: {
        account: 'conformance',
        address: 'support@example.com',
        imap: { host: dovecot.host, port: dovecot.port, secure: false, user: 'support', password: 'secret' },
        smtp: { host: smtp.host, port: smtp.port, secure: false },
      },
      message: (m) => mime(message(m)),
      badlySigned: (m) => ({
        ...mime(message(m), 'omni_not-a-key'),
        why: 'the MIME route needs an API key with admin (the IMAP login guards the mailbox itself)',
      }),
      // Mail is never bounced for its form: a body with no header is kept as text, flagged malformed.
      malformed: () => ({
        ...mime('this is not a mail, it has no header\r\n'),
        keptAs: 'this is not a mail, it has no header',
      }),
      busDownStatus: 503,
      repliesTo: received,
      // A copy of our reply coming back (a Bcc to the support mailbox, a list) is our own mail.
      echoOf: (reply) => {
        const raw = received(reply.sender).find((r) => r.includes(reply.text));
        return raw ? mime(raw) : { none: 'the reply never reached the SMTP server' };
      },
      async stop() {
        await Promise.all([dovecot.stop(), smtp.stop()]);
      },
    };
  },
};
export default kit;
