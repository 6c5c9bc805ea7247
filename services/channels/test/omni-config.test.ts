import { ConfigError, DEFAULT_CONFIG_TEXT, parseOmniConfig as parse } from '@omni/service-kit';
import { ACCOUNT_SCHEMAS } from '../src';

/** The YAML file as the one-process launcher reads it: every registered channel validated strictly. */
const parseOmniConfig = (text: string, env: Record<string, string | undefined>) =>
  parse(text, env, { channels: ACCOUNT_SCHEMAS });

const yaml = `
threading: { reopenWindowDays: 3 }
channels:
  webform:
    - account: default
      topics: [{ id: billing, label: "Оплата и счета" }]
  telegram:
    - account: support-bot
      token: "\${TELEGRAM_TOKEN}"
      secretToken: "\${TELEGRAM_SECRET:-fallback-secret}"
`;

describe('the YAML configuration', () => {
  it('replaces $-brace VAR placeholders from the environment and fills defaults', () => {
    const config = parseOmniConfig(yaml, { TELEGRAM_TOKEN: '123:abc' });
    expect(config.threading).toEqual({ reopenWindowDays: 3, defaultPhoneRegion: 'RU' });
    expect(config.channels.telegram[0]).toMatchObject({
      token: '123:abc',
      secretToken: 'fallback-secret',
      mode: 'webhook',
      apiRoot: 'https://api.telegram.org',
    });
    expect(config.channels.webform[0]?.topics).toEqual([{ id: 'billing', label: 'Оплата и счета' }]);
    expect(Object.isFrozen(config.channels.telegram[0])).toBe(true);
  });

  it('names every missing variable and every bad key at once', () => {
    const bad = `
threading: { reopenWindowDays: -1 }
channels:
  webform:
    - account: "has spaces"
  telegram:
    - account: bot
      token: "\${MISSING_TOKEN}"
      mode: carrier-pigeon
`;
    expect(() => parseOmniConfig(bad, {})).toThrow(
      /channels\.telegram\[0\]\.token: environment variable MISSING_TOKEN is not set/,
    );
    try {
      parseOmniConfig(bad, { MISSING_TOKEN: 't' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^threading\.reopenWindowDays:/m);
      expect(problems).toMatch(/^channels\.webform\[0\]\.account:/m);
      expect(problems).toMatch(/^channels\.telegram\[0\]\.mode:/m);
    }
  });

  it('rejects unknown keys (a typo is not silently ignored) and accounts configured twice', () => {
    expect(() => parseOmniConfig('channels:\n  webfrom: []\n', {})).toThrow(/channels: Unrecognized key/);
    expect(() => parseOmniConfig('channels:\n  webform:\n    - account: a\n    - account: a\n', {})).toThrow(
      /webform\/a is configured twice/,
    );
  });

  it('serves a web-form and a live-chat account named default when there is no file', () => {
    const { channels } = parseOmniConfig(DEFAULT_CONFIG_TEXT, {});
    expect(channels.webform.map((a) => a.account)).toEqual(['default']);
    expect(channels.livechat.map((a) => a.account)).toEqual(['default']);
  });
});
