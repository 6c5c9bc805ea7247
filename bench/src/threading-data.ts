import {
  CHANNELS,
  type Channel,
  type IdentityClaim,
  InboundMessage,
  type InboundMessageInput,
  inboundKey,
  messageId,
} from '@omni/contracts';
import { seededRandom } from './bench-kit';

export interface BenchRecord {
  key: string;
  message: InboundMessage;
}

export interface DataSpec {
  count: number;
  customers: number;
  seed?: number;
  /** Prefix of the platform message ids, so that a second data set does not repeat the first. */
  prefix?: string;
}

const ACCOUNT: Record<Channel, string> = {
  email: 'support',
  telegram: 'bot',
  viber: 'bot',
  facebook: 'page',
  vk: 'community',
  webform: 'site',
  whatsapp: 'number',
  instagram: 'shop',
  max: 'bot',
  livechat: 'site',
};

interface Person {
  channels: Channel[];
  email: string;
  phone: string;
  lastEmailId?: string;
}

/**
 * `count` records from `customers` people across the six channels, as adapters would
 * publish them: ~2% redeliveries of earlier records, ~40% of emails replying to the
 * person's previous email, web-form submissions with unverified claims, and ~1% of
 * Telegram messages vouching for the person's email too (cross-channel merges).
 */
export function benchData({ count, customers, seed = 42, prefix = '' }: DataSpec): BenchRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const people: Person[] = Array.from({ length: customers }, (_, k) => {
    const primary = CHANNELS[k % CHANNELS.length] as Channel;
    const channels = random() < 0.3 ? [primary, pick(CHANNELS.filter((c) => c !== primary))] : [primary];
    return {
      channels,
      email: `customer${k}@example.com`,
      phone: `+7916${String(1_000_000 + k).padStart(7, '0')}`,
    };
  });
  const base = Date.UTC(2026, 0, 1);
  const records: BenchRecord[] = [];
  const text =
    'Hello! I ordered a blue kettle last week and it still has not arrived. Could you check the delivery status, please?';
  for (let i = 0; records.length < count; i++) {
    if (records.length > 10 && random() < 0.02) {
      records.push(records[Math.floor(random() * records.length)] as BenchRecord);
      continue;
    }
    const k = Math.floor(random() * customers);
    const person = people[k] as Person;
    const channel = pick(person.channels);
    const account = ACCOUNT[channel];
    const externalId = `${prefix}${channel}-${i}`;
    const at = new Date(base + i * 1000).toISOString();
    let senderId = `${channel}-user-${k}`;
    let identities: IdentityClaim[] = [
      { kind: channel as IdentityClaim['kind'], value: senderId, verified: true },
    ];
    const thread: NonNullable<InboundMessageInput['thread']> = {};
    if (channel === 'email') {
      senderId = person.email;
      identities = [{ kind: 'email', value: person.email, verified: true }];
      thread.messageId = `${externalId}@mail.example.com`;
      thread.subject = 'Where is my order?';
      thread.recipients = { to: ['support@shop.example'] };
      if (person.lastEmailId && random() < 0.4) {
        thread.inReplyTo = person.lastEmailId;
        thread.references = [person.lastEmailId];
      }
      person.lastEmailId = thread.messageId;
    } else if (channel === 'webform') {
      senderId = person.email;
      identities = [
        { kind: 'email', value: person.email, verified: false },
        { kind: 'phone', value: person.phone, verified: false },
      ];
    } else if (channel === 'telegram' && person.channels.includes('email') && random() < 0.01) {
      identities.push({ kind: 'email', value: person.email, verified: true });
    }
    const message = InboundMessage.parse({
      version: 1,
      id: messageId(channel, account, externalId),
      channel,
      account,
      externalId,
      sentAt: at,
      receivedAt: at,
      sender: { externalId: senderId, displayName: `Customer ${k}` },
      identities,
      thread,
      content: { kind: 'text', text },
    } satisfies InboundMessageInput);
    records.push({ key: inboundKey(channel, account, senderId), message });
  }
  return records;
}
