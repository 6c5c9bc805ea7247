import { InboundMessage, messageId } from '@omni/contracts';
import { csatChoicePayload, parseCsatPress, parseCsatReply } from '../src/csat-answer';

const ticketId = '1c3e5a7c-9e1a-4c3e-8a7c-9e1a3c5e7a9c';

const message = (content: { kind: 'text' | 'postback'; text: string; payload?: string }) =>
  InboundMessage.parse({
    version: 1,
    id: messageId('vk', 'main', 'e1'),
    channel: 'vk',
    account: 'main',
    externalId: 'e1',
    direction: 'inbound',
    sentAt: '2026-03-02T10:00:00Z',
    receivedAt: '2026-03-02T10:00:00Z',
    sender: { externalId: '42' },
    identities: [],
    thread: {},
    content,
    flags: {},
  });

describe('CSAT answers', () => {
  it.each([
    ['5', 'five', 5],
    [' 3 ', 'five', 3],
    ['4️⃣', 'five', 4],
    ['⭐⭐', 'five', 2],
    ['★★★★★', 'five', 5],
    ['👍', 'five', 5],
    ['👍🏽', 'thumbs', 5],
    ['👎', 'thumbs', 1],
    ['5', 'thumbs', undefined],
    ['6', 'five', undefined],
    ['0', 'five', undefined],
    ['5 stars, thanks', 'five', undefined],
    ['⭐⭐⭐⭐⭐⭐', 'five', undefined],
    ['', 'five', undefined],
  ] as const)('reply %j on the %s scale → %s', (text, scale, score) => {
    expect(parseCsatReply(text, scale)).toBe(score);
  });

  it('reads a press from a postback payload, VK-wrapped JSON or Viber text, and nothing else', () => {
    const payload = csatChoicePayload(ticketId, 5);
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
    expect(parseCsatPress(message({ kind: 'postback', text: '5', payload }))).toEqual({ ticketId, score: 5 });
    expect(
      parseCsatPress(message({ kind: 'postback', text: '[button]', payload: JSON.stringify(payload) })),
    ).toEqual({ ticketId, score: 5 });
    expect(parseCsatPress(message({ kind: 'text', text: payload }))).toEqual({ ticketId, score: 5 });
    expect(parseCsatPress(message({ kind: 'text', text: `look: ${payload}` }))).toBeUndefined();
    expect(parseCsatPress(message({ kind: 'postback', text: 'menu', payload: 'MENU' }))).toBeUndefined();
  });
});
