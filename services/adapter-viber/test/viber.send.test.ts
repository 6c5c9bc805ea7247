import { outboundMessage, testLogger } from '@omni/testkit';
import { FakeViberApi } from '@omni/testkit/src/fakes/viber-api';
import { createSender, ViberAccount, ViberApi } from '../src';
import { MemoryTokenStore } from './setup';

let viber: FakeViberApi;
beforeAll(async () => {
  viber = await new FakeViberApi().start();
});
afterAll(() => viber.close());

describe('send_message with choices', () => {
  it('offers them as a keyboard of silent reply buttons on the last part', async () => {
    const account = ViberAccount.parse({
      account: 'support',
      authToken: viber.authToken,
      senderName: 'Support',
    });
    const send = createSender({
      accounts: new Map([['support', { ...account, api: new ViberApi(viber.url, viber.authToken) }]]),
      tokens: new MemoryTokenStore(),
      log: testLogger(),
    });
    const choices = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), payload: `csat:t:${n}` }));
    await send(
      outboundMessage(
        { channel: 'viber', account: 'support', recipient: { externalId: 'u1' } },
        'How did we do?',
        {
          choices,
        },
      ),
    );
    const [call] = viber.callsOf('send_message');
    expect(call?.body).toMatchObject({
      text: 'How did we do?',
      keyboard: {
        Type: 'keyboard',
        Buttons: choices.map((c) => ({
          Columns: 1,
          ActionType: 'reply',
          ActionBody: c.payload,
          Text: c.label,
          Silent: true,
        })),
      },
    });
  });
});
