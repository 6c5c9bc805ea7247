import pino, { type Logger } from 'pino';
import { activeTraceIds } from './tracing';

export type { Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever a log line carries them: credentials of
 * every channel, API keys, webhook signatures, and the personal data of message bodies.
 */
export const REDACT_PATHS = [
  'password',
  'token',
  'secret',
  'apiKey',
  'authToken',
  'accessToken',
  'pageAccessToken',
  'appSecret',
  'secretToken',
  'verifyToken',
  'confirmation',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.authToken',
  '*.accessToken',
  '*.pageAccessToken',
  '*.appSecret',
  '*.secretToken',
  '*.verifyToken',
  '*.confirmation',
  '*.*.password',
  '*.*.token',
  '*.*.secret',
  'headers.authorization',
  'headers.cookie',
  'headers["x-telegram-bot-api-secret-token"]',
  'headers["x-hub-signature-256"]',
  'headers["x-viber-content-signature"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-viber-content-signature"]',
];

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where to write (tests capture logs to scan them for secrets). */
  destination?: pino.DestinationStream;
}

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err },
    // Every line logged while a span is active names its trace (tracing.ts).
    mixin: activeTraceIds,
  };
  return destination ? pino(options, destination) : pino(options);
}
