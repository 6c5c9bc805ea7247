import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of an IMAP server that cuts connections mid-transfer: while
 * `drops` is above zero, a connection is destroyed (both sides, no goodbye) once the
 * server has sent it `afterBytes` — in the middle of a FETCH of a mailbox of any size.
 */
export class DroppingProxy {
  drops = 0;
  dropped = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly upstream: { host: string; port: number },
    readonly afterBytes: number,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const server = connect(this.upstream.port, this.upstream.host);
      this.sockets.add(client).add(server);
      // Counted only while armed, so a long-lived (IDLE or polling) connection is cut too.
      let bytes = 0;
      const cut = () => {
        client.destroy();
        server.destroy();
      };
      server.on('data', (chunk: Buffer) => {
        if (this.drops > 0) bytes += chunk.length;
        if (this.drops > 0 && bytes > this.afterBytes) {
          this.drops--;
          this.dropped++;
          cut();
          return;
        }
        client.write(chunk);
      });
      client.on('data', (chunk: Buffer) => server.write(chunk));
      client.on('error', cut).on('close', cut);
      server.on('error', cut).on('close', cut);
    });
    this.server.listen(0, '127.0.0.1');
    await new Promise((r) => this.server?.once('listening', r));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** IMAP APPEND over a plain socket (LOGIN, APPEND with a literal, LOGOUT): mail arriving in the mailbox. */
export async function imapAppend(
  at: { host: string; port: number; user: string; password: string },
  messages: string[],
): Promise<void> {
  const socket = connect(at.port, at.host);
  let buffer = '';
  const waiters: Array<{ test: (s: string) => boolean; resolve: () => void; reject: (e: Error) => void }> =
    [];
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    for (const w of [...waiters]) {
      if (w.test(buffer)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const until = (test: (s: string) => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (test(buffer)) return resolve();
      waiters.push({ test, resolve, reject });
      socket.once('error', reject);
    });
  await until((s) => s.includes('* OK'));
  const command = async (tag: string, line: string) => {
    buffer = '';
    socket.write(`${tag} ${line}\r\n`);
    await until((s) => new RegExp(`^${tag} (OK|NO|BAD)`, 'm').test(s));
    if (!new RegExp(`^${tag} OK`, 'm').test(buffer))
      throw new Error(`IMAP ${line.split(' ')[0]} failed: ${buffer}`);
  };
  await command('a1', `LOGIN ${at.user} ${at.password}`);
  for (const [i, raw] of messages.entries()) {
    const bytes = Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8');
    const tag = `b${i}`;
    buffer = '';
    socket.write(`${tag} APPEND INBOX {${bytes.length}}\r\n`);
    await until((s) => s.startsWith('+'));
    buffer = '';
    socket.write(Buffer.concat([bytes, Buffer.from('\r\n')]));
    await until((s) => new RegExp(`^${tag} (OK|NO|BAD)`, 'm').test(s));
    if (!new RegExp(`^${tag} OK`, 'm').test(buffer)) throw new Error(`IMAP APPEND failed: ${buffer}`);
  }
  await command('z', 'LOGOUT').catch(() => undefined);
  socket.destroy();
}
