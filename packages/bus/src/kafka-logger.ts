import { type logCreator, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

/** Routes kafkajs's own logs into pino (STYLE.md: no console). */
export function kafkaLogCreator(log: Logger): logCreator {
  const child = log.child({ component: 'kafkajs' });
  return () =>
    ({ level, log: entry }) => {
      const { message, ...rest } = entry;
      if (level === logLevel.ERROR) child.error(rest, message);
      else if (level === logLevel.WARN) child.warn(rest, message);
      else if (level === logLevel.INFO) child.debug(rest, message);
      else child.trace(rest, message);
    };
}
