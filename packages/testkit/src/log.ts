/**
 * The test kit's own logger: one line per event on stderr. Library code must not use `console`
 * (STYLE.md) and pulling pino into jest's global setup would be heavier than the need.
 */
export function logLine(message: string): void {
  process.stderr.write(`[testkit] ${message}\n`);
}

/** Milliseconds since `startedAt` (a `performance.now()` reading), rounded. */
export function elapsedMs(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
