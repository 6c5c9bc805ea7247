import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import type { Channel } from './channels';

/** Fixed namespace of this product's deterministic ids; never change it (ids would change). */
export const OMNI_ID_NAMESPACE = '6f1c7d1e-4a53-5b7e-9c57-2a0d3c5e8b11';
/** Its bytes, parsed once: given as a string, uuid parses the namespace twice on every id (every webhook). */
const NAMESPACE_BYTES = parseUuid(OMNI_ID_NAMESPACE);

/**
 * The deterministic id of an inbound message: UUIDv5 of channel, account and the
 * platform's own id. A redelivery (platform retry, Kafka rebalance, crash before the
 * offset commit) yields the same id, so storing it twice is impossible.
 */
export function messageId(channel: Channel, account: string, externalId: string): string {
  return uuidv5(utf8(`${channel}\u0000${account}\u0000${externalId}`), NAMESPACE_BYTES);
}

/** A deterministic id for anything else keyed by a stable string (events, deliveries). */
export function deterministicId(...parts: string[]): string {
  return uuidv5(utf8(parts.join('\u0000')), NAMESPACE_BYTES);
}

/**
 * The UTF-8 bytes uuid would hash, computed without its `encodeURIComponent`, which throws
 * on a lone surrogate (a web-form `submissionId` of "\ud800" was a 500). Well-formed
 * strings give the same bytes, hence the same ids; a lone surrogate becomes U+FFFD.
 */
const encoder = new TextEncoder();
function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
