import type { InboundMessageInput } from '@omni/contracts';

/**
 * Largest serialized message we put on the bus. Kafka refuses record batches above
 * `message.max.bytes` (1 MiB by default) and a batch can hold several messages, so one
 * email stays well below it; the watcher also publishes in size-bounded chunks.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

export function serializedSize(message: InboundMessageInput): number {
  return Buffer.byteLength(JSON.stringify(message));
}

/**
 * Shrinks a message that is too big for the bus: first the sanitized HTML goes, then the
 * full body with quoted history, then the text is cut. The caller keeps the raw message in
 * the BlobStore (`rawRef`), so nothing is lost — only the copy on the bus is shorter.
 * Returns the message unchanged when it fits.
 */
export function fitForBus(message: InboundMessageInput, maxBytes = MAX_EVENT_BYTES): InboundMessageInput {
  if (serializedSize(message) <= maxBytes) return message;
  let fitted: InboundMessageInput = { ...message, content: { ...message.content, html: undefined } };
  if (serializedSize(fitted) <= maxBytes) return fitted;
  fitted = { ...fitted, content: { ...fitted.content, fullText: undefined } };
  const size = serializedSize(fitted);
  if (size <= maxBytes) return fitted;
  const text = fitted.content.text;
  // JSON escaping can make a character cost up to 6 bytes; cut by bytes, then re-check.
  let keep = Math.max(0, Buffer.byteLength(JSON.stringify(text)) - (size - maxBytes) - 200);
  for (let i = 0; i < 5; i++) {
    const cut = `${Buffer.from(text)
      .subarray(0, keep)
      .toString('utf8')
      .replace(/\uFFFD$/, '')}\n[…] (truncated: the full message is kept as rawRef)`;
    fitted = { ...fitted, content: { ...fitted.content, text: cut } };
    if (serializedSize(fitted) <= maxBytes) return fitted;
    keep = Math.floor(keep / 2);
  }
  return fitted;
}
