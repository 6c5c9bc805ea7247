import { replyWindows } from '../src';

describe('replyWindows: the traits plus what each account configures', () => {
  it('reads only the keys the traits name, the first extension that applies counting', () => {
    const w = replyWindows({
      facebook: [
        { account: 'agent', messageTag: 'HUMAN_AGENT' },
        { account: 'update', messageTag: 'ACCOUNT_UPDATE' },
        { account: 'plain', fetchProfiles: true },
      ],
      whatsapp: [{ account: 'tpl', windowTemplate: { name: 'x', language: 'en' } }, { account: 'bare' }],
      instagram: [{ account: 'ig', messageTag: 'SOMETHING_ELSE' }],
      telegram: [{ account: 'bot' }],
    });
    expect(w.facebook).toEqual({
      agent: { hours: 24, extendedHours: 168 },
      update: { hours: 24, extendedHours: null },
      plain: { hours: 24, extendedHours: undefined },
    });
    expect(w.whatsapp).toEqual({
      tpl: { hours: 24, extendedHours: null },
      bare: { hours: 24, extendedHours: undefined },
    });
    // Instagram takes only HUMAN_AGENT: another value extends nothing.
    expect(w.instagram).toEqual({ ig: { hours: 24, extendedHours: undefined } });
    // Channels without a window have no entry at all.
    expect(w.telegram).toBeUndefined();
  });
});
