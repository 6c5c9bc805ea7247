import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@omni/service-kit';

/**
 * A real pino logger (with the production redaction rules) whose lines are kept in
 * memory: tests assert on them, and scan them for secrets that must never appear.
 */
export function testLogger(
  service = 'test',
  level = process.env.TEST_LOG_LEVEL ?? 'warn',
): Logger & { lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = chunk.toString('utf8');
      lines.push(...text.split('\n').filter(Boolean));
      if (process.env.TEST_LOG_ECHO) process.stderr.write(text);
      done();
    },
  });
  // Keep every line for scanning, filter only what is echoed.
  const log = createLogger({ service, level: level === 'silent' ? 'silent' : 'trace', destination });
  return Object.assign(log, { lines });
}
