import { CommonEnv, ConfigError, parseEnv, parseOmniConfig, topicRetentionConfig } from '../src';

const parse = (yaml: string) => parseOmniConfig(yaml, {});

it('reads retention per channel account, with defaults', () => {
  const config = parse(
    'privacy:\n  retention:\n    - { channel: email, account: support, closedTicketDays: 365, fileDays: 90 }\n',
  );
  expect(config.privacy).toEqual({
    retention: [
      {
        channel: 'email',
        account: 'support',
        closedTicketDays: 365,
        closedTicketAction: 'anonymize',
        fileDays: 90,
      },
    ],
    retentionIntervalMinutes: 60,
    tombstoneDays: 30,
  });
  expect(parse('').privacy.retention).toEqual([]);
});

const problems = (yaml: string) => {
  try {
    parse(yaml);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
};

it('refuses a rule without a period, an account twice, and unknown channels, naming each', () => {
  const text = problems(
    [
      'privacy:',
      '  retention:',
      '    - { channel: email, account: support }',
      '    - { channel: email, account: support, fileDays: 10 }',
      '',
    ].join('\n'),
  );
  expect(text).toContain('privacy.retention[0]: a retention rule needs closedTicketDays, fileDays or both');
  expect(text).toContain('privacy.retention[1]: email/support is configured twice');
  expect(problems('privacy:\n  retention:\n    - { channel: pigeon, account: x, fileDays: 10 }\n')).toContain(
    'privacy.retention[0].channel',
  );
});

it('gives each topic class its retention.ms', () => {
  const env = parseEnv(CommonEnv, { KAFKA_RETENTION_EVENTS_MS: '1000' });
  const retention = topicRetentionConfig(env);
  expect(retention('dev.omni.inbound.v1')).toEqual({ 'retention.ms': String(7 * 86_400_000) });
  expect(retention('dev.omni.inbound.v1.dlq')).toEqual({ 'retention.ms': String(30 * 86_400_000) });
  expect(retention('omni.events.v1')).toEqual({ 'retention.ms': '1000' });
  expect(retention('omni.outbound.telegram.v1')).toEqual({ 'retention.ms': String(7 * 86_400_000) });
  expect(retention('omni.delivery.v1')).toEqual({ 'retention.ms': String(7 * 86_400_000) });
});
