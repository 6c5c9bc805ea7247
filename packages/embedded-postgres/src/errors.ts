/**
 * The embedded server cannot run on this machine as things stand; the message says what to
 * do instead (set DATABASE_URL, move the data directory, …). Launchers print it alone.
 */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}
