import net from 'node:net';
import { percentile } from './bench-kit';

export interface ClosedLoopResult {
  requests: number;
  /** Answers other than 200, and connections that failed. */
  errors: number;
  /** Body bytes per answer. */
  bytes: number;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
/** Answers' headers larger than this are a broken server, not a benchmark. */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Closed loop: `connections` keep-alive connections, each with one request in flight, for
 * `seconds`: a GET, or a POST of `body` when given. A load generator as lean as wrk's: every
 * connection reads into one buffer it allocated once (`onread`) and only counts the body's
 * bytes. Node's HTTP client allocated a buffer per read, so at 29 KB answers its own process
 * ran a full GC every ~70 ms (pauses and marking steps of up to 8 ms) and spent more CPU per
 * request than PostgreSQL did: its latencies measured the load generator as much as the server.
 * Every answer must carry
 * `content-length` (ours do; one that does not is counted as an error and its connection
 * dropped).
 */
export async function closedLoopLoad(
  port: number,
  path: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  body?: Buffer,
): Promise<ClosedLoopResult> {
  const head = body ? { ...headers, 'content-length': String(body.length) } : headers;
  const request = Buffer.concat([
    Buffer.from(
      `${body ? 'POST' : 'GET'} ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${Object.entries(head)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n`,
    ),
    body ?? Buffer.alloc(0),
  ]);
  const latencies: number[] = [];
  let errors = 0;
  let bodyBytes = 0;
  const began = Date.now();
  const deadline = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, () =>
      connectionLoop(port, request, deadline, (ms, status, body) => {
        latencies.push(ms);
        bodyBytes += body;
        if (status !== 200) errors++;
      }).catch(() => {
        errors++;
      }),
    ),
  );
  const elapsed = (Date.now() - began) / 1000;
  return {
    requests: latencies.length,
    errors,
    bytes: bodyBytes / Math.max(1, latencies.length),
    rate: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    p999Ms: percentile(latencies, 99.9),
  };
}

/** One connection's requests, one after the other, until the deadline. */
function connectionLoop(
  port: number,
  request: Buffer,
  deadline: number,
  answered: (ms: number, status: number, bodyBytes: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = 0n;
    /** Bytes of the current answer's head read so far (heads are small; bodies are only counted). */
    let head = Buffer.alloc(0);
    let status = 0;
    /** Body bytes still to come; -1 while the head is being read. */
    let remaining = -1;
    let length = 0;
    let ending = false;
    const send = () => {
      head = Buffer.alloc(0);
      remaining = -1;
      started = process.hrtime.bigint();
      socket.write(request);
    };
    const finish = () => {
      answered(Number(process.hrtime.bigint() - started) / 1e6, status, length);
      if (Date.now() < deadline) return send();
      ending = true;
      socket.end();
    };
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(reason));
    };
    const readBuffer = Buffer.allocUnsafe(256 * 1024);
    const socket = net.connect({
      host: '127.0.0.1',
      port,
      noDelay: true,
      onread: {
        buffer: readBuffer,
        // Returning false would pause the socket.
        callback: (read) => {
          onData(readBuffer.subarray(0, read));
          return true;
        },
      },
    });
    const onData = (data: Buffer) => {
      let chunk = data;
      if (remaining < 0) {
        // The read buffer is overwritten by the next read: only a head split over reads is copied.
        const seen = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        const end = seen.indexOf(HEADER_END);
        if (end < 0) {
          head = Buffer.from(seen);
          if (head.length > MAX_HEADER_BYTES) fail('answer head too large');
          return;
        }
        const text = seen.toString('latin1', 0, end);
        status = Number(text.slice(9, 12));
        const contentLength = /\r\ncontent-length:\s*(\d+)/i.exec(text);
        if (!contentLength) return fail(`answer without content-length: ${text.split('\r\n')[0]}`);
        length = Number(contentLength[1]);
        remaining = length;
        chunk = seen.subarray(end + HEADER_END.length);
      }
      remaining -= chunk.length;
      if (remaining < 0) return fail('more bytes than the answer announced');
      if (remaining === 0) finish();
    };
    socket.on('connect', send);
    socket.on('error', (e) => reject(e));
    socket.on('close', () => (ending ? resolve() : reject(new Error('the server closed the connection'))));
  });
}
