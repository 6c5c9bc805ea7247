import { freePort } from '@omni/embedded-postgres';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the SMTP receiver got it: envelope and the raw RFC 822 bytes. */
export interface ReceivedMail {
  from: string | false;
  to: string[];
  raw: Buffer;
  /** `AUTH` user, when the client logged in. */
  user?: string;
}

export interface TestSmtpReceiver {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /**
   * The reply code to answer the next `count` messages with at end of DATA (e.g. 451 for a
   * transient failure, 550 for a permanent one), to test retries and failure reports.
   */
  failNext(code: number, count?: number): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` library) on a free port of 127.0.0.1, without TLS,
 * accepting any login and capturing every message.
 */
export async function startSmtpReceiver(options: { auth?: boolean } = {}): Promise<TestSmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let failures: { code: number; count: number } | undefined;
  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    // Do not wait long for a client's pooled connection to go away on stop.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures && failures.count > 0) {
          failures.count -= 1;
          const err = Object.assign(new Error(`test failure ${failures.code}`), {
            responseCode: failures.code,
          });
          callback(err);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port,
    messages,
    failNext(code, count = 1) {
      failures = { code, count };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
