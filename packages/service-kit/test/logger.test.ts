import { testLogger } from '@omni/testkit';

describe('log redaction', () => {
  it('replaces credentials and signatures wherever a log line carries them', () => {
    const log = testLogger('redaction');
    log.warn(
      {
        account: { token: '123456:bot-token', appSecret: 'fb-app-secret', imap: { password: 'imap-pass' } },
        req: { headers: { authorization: 'Bearer omni_key', 'x-hub-signature-256': 'sha256=abc' } },
        secretToken: 'tg-secret',
      },
      'with secrets',
    );
    const line = log.lines.join('\n');
    for (const secret of ['bot-token', 'fb-app-secret', 'imap-pass', 'omni_key', 'sha256=abc', 'tg-secret']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });
});
