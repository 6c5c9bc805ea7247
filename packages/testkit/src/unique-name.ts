import { randomBytes } from 'node:crypto';

/**
 * A name no other test (in this run or a concurrent one) uses, for topics, groups and databases.
 * Only `[a-z0-9-]` plus the prefix, so it is valid as a Kafka topic and, after swapping `-` for
 * `_`, as an unquoted PostgreSQL identifier.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
