import { ConfigError, channelAccounts, parseOmniConfig } from '@omni/service-kit';
import { testLogger } from '@omni/testkit';
import {
  composeOfflineEmail,
  LivechatAccount,
  offlineEmailAccounts,
  readConversationLink,
  signConversationLink,
  signVisitorToken,
} from '../src';

const KEY = 'k'.repeat(32);
const at = new Date('2026-12-05T10:00:00Z');

describe('conversation links', () => {
  const claims = { account: 'shop', visitor: 'a-1', version: 2, expiresAt: new Date('2026-12-19T10:00:00Z') };

  it('open their one conversation until they expire', () => {
    const link = signConversationLink(claims, KEY);
    expect(link).toMatch(/^lr1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readConversationLink(link, KEY, at)).toEqual(claims);
    expect(readConversationLink(link, KEY, claims.expiresAt)).toBeNull();
  });

  it('refuse another key, a changed claim, and a visitor token (the keys differ by purpose)', () => {
    const link = signConversationLink(claims, KEY);
    expect(readConversationLink(link, 'x'.repeat(32), at)).toBeNull();
    const [prefix, , signature] = link.split('.');
    const other = Buffer.from(JSON.stringify({ a: 'shop', v: 'a-2', n: 2, e: 1_797_674_400 })).toString(
      'base64url',
    );
    expect(readConversationLink(`${prefix}.${other}.${signature}`, KEY, at)).toBeNull();
    const token = signVisitorToken(claims, KEY).replace(/^lc1\./, 'lr1.');
    expect(readConversationLink(token, KEY, at)).toBeNull();
    expect(readConversationLink('lr1..', KEY, at)).toBeNull();
  });
});

describe('offline email settings', () => {
  const accounts = (yaml: string) => {
    const config = parseOmniConfig(yaml, {});
    return { config, livechat: channelAccounts(config, 'livechat', LivechatAccount) };
  };
  const email = `  email:\n    - { account: support, address: s@example.com, imap: { host: h, user: u, password: p } }\n    - { account: sales, address: x@example.com, imap: { host: h, user: u, password: p } }\n`;

  it('default to 10 minutes from the first email account, and are off without one or with 0/false', () => {
    const on = accounts(
      `channels:\n${email}  livechat:\n    - account: a\n    - { account: b, offlineEmailAccount: sales }\n    - { account: c, offlineEmailDelaySeconds: 0 }\n    - { account: d, offlineEmailDelaySeconds: false }\n`,
    );
    expect(offlineEmailAccounts(on.config, on.livechat, testLogger())).toEqual([
      expect.objectContaining({ account: 'a', delaySeconds: 600, emailAccount: 'support' }),
      expect.objectContaining({ account: 'b', delaySeconds: 600, emailAccount: 'sales' }),
    ]);
    const none = accounts('channels:\n  livechat:\n    - account: a\n');
    expect(offlineEmailAccounts(none.config, none.livechat, testLogger())).toEqual([]);
  });

  it('fail the start naming an email account that does not exist', () => {
    const bad = accounts(`channels:\n${email}  livechat:\n    - { account: a, offlineEmailAccount: nope }\n`);
    expect(() => offlineEmailAccounts(bad.config, bad.livechat, testLogger())).toThrow(ConfigError);
    expect(() => offlineEmailAccounts(bad.config, bad.livechat, testLogger())).toThrow(
      'channels.livechat[a].offlineEmailAccount: no email account "nope" is configured',
    );
  });
});

describe('the offline email', () => {
  it('lists every unread reply with who wrote it, then the link', () => {
    const text = composeOfflineEmail({
      language: 'ru',
      name: 'Анна',
      replies: [
        { text: 'Проверяем.', author: null, created_at: new Date('2026-12-05T09:00:00Z') },
        { text: 'Отправим завтра.', author: 'Ольга', created_at: new Date('2026-12-05T09:05:00Z') },
      ],
      link: 'https://chat.example.com/channels/livechat/shop/frame#resume=lr1.x.y',
    });
    expect(text).toBe(
      [
        'Здравствуйте, Анна!',
        '',
        'Вы ещё не прочитали наши ответы в чате (2):',
        '',
        '— Поддержка, 2026-12-05 09:00 UTC:',
        'Проверяем.',
        '',
        '— Ольга, 2026-12-05 09:05 UTC:',
        'Отправим завтра.',
        '',
        'Продолжить разговор:',
        'https://chat.example.com/channels/livechat/shop/frame#resume=lr1.x.y',
        '',
        'Или просто ответьте на это письмо: ответ попадёт в тот же разговор.',
      ].join('\n'),
    );
  });
});
