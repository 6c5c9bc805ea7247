import { randomUUID } from 'node:crypto';
import type { Channel, OutboundMessage } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';

/** A reply as the ticket service puts it on `omni.outbound.<channel>.v1`, for adapters' send tests. */
export function outboundMessage(
  to: { channel: Channel; account: string; recipient: OutboundMessage['recipient'] },
  text: string,
  extra: Partial<OutboundMessage> = {},
): OutboundMessage {
  return {
    version: 1,
    id: randomUUID(),
    ticketId: randomUUID(),
    ticketNumber: 3,
    channel: to.channel,
    account: to.account,
    recipient: to.recipient,
    content: { text, attachments: [] },
    thread: {},
    automatic: false,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

/** The PlatformError a send rejects with (and a test failure if it resolves or throws anything else). */
export async function platformFailure(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(err)}`);
  return err;
}
