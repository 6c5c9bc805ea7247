import { parseOmniConfig } from '@omni/service-kit';
import { ackBlocker, composeAcknowledgement, pickLanguage } from '../src/acknowledgement';
import { type RoutingInput, route } from '../src/routing';

const { routing } = parseOmniConfig(
  `automation:
  routing:
    defaults: { group: general, priority: normal, tags: [triage] }
    rules:
      - { name: vip, when: { customerDomain: [bigcorp.com] }, set: { group: key-accounts, priority: urgent, tags: [vip] } }
      - { name: billing-topic, when: { topic: [payment] }, set: { group: billing } }
      - { name: refunds, when: { keywords: [refund, возврат] }, set: { group: billing, priority: high, tags: [refund] } }
      - { name: russian-telegram, when: { channel: [telegram], language: [ru] }, set: { group: ru-team } }
      - { name: partner-bot, when: { account: [partners] }, set: { group: partners, tags: [partner] } }
      - { name: any-refund-email, when: { channel: [email], keywords: [refund] }, set: { group: never-reached } }
`,
  {},
).automation;

const input = (over: Partial<RoutingInput> = {}): RoutingInput => ({
  channel: 'webform',
  account: 'default',
  text: 'Hello',
  emailDomains: [],
  ...over,
});

describe('routing rules', () => {
  it('matches each kind of condition', () => {
    expect(route(input({ emailDomains: ['mail.bigcorp.com'] }), routing)).toEqual({
      rule: 'vip',
      group: 'key-accounts',
      priority: 'urgent',
      tags: ['vip'],
    });
    expect(route(input({ emailDomains: ['notbigcorp.com'] }), routing).rule).toBeNull();
    expect(route(input({ topic: 'payment' }), routing)).toEqual({
      rule: 'billing-topic',
      group: 'billing',
      priority: 'normal',
      tags: [],
    });
    expect(route(input({ subject: 'REFUND please' }), routing).rule).toBe('refunds');
    expect(route(input({ text: 'Хочу оформить Возврат' }), routing).rule).toBe('refunds');
    expect(route(input({ channel: 'telegram', language: 'ru-RU' }), routing).rule).toBe('russian-telegram');
    expect(route(input({ channel: 'telegram', language: 'en' }), routing).rule).toBeNull();
    expect(route(input({ channel: 'telegram' }), routing).rule).toBeNull(); // no language known: no match
    expect(route(input({ channel: 'viber', language: 'ru' }), routing).rule).toBeNull();
    expect(route(input({ account: 'partners' }), routing).tags).toEqual(['partner']);
  });

  it('lets the first matching rule win', () => {
    // both `refunds` and `any-refund-email` match; `vip` comes before everything
    expect(route(input({ channel: 'email', text: 'refund' }), routing).rule).toBe('refunds');
    expect(
      route(input({ channel: 'email', text: 'refund', emailDomains: ['bigcorp.com'] }), routing).rule,
    ).toBe('vip');
  });

  it('applies the defaults when nothing matches', () => {
    expect(route(input(), routing)).toEqual({
      rule: null,
      group: 'general',
      priority: 'normal',
      tags: ['triage'],
    });
  });
});

describe('acknowledgement decisions', () => {
  const settings = parseOmniConfig(
    'automation:\n  acknowledgements:\n    - { channel: email, account: support, enabled: true, templates: { en: "Thanks! We will answer {{wait}}. Ticket {{ticketNumber}}.", ru: "Спасибо! Ответим {{wait}}." } }\n',
    {},
  ).automation.acknowledgements[0];
  const ok = { direction: 'inbound', flags: {}, recipientId: 'ann@example.com' };

  it('never answers automatic mail, our own messages or echoes, and is off unless enabled', () => {
    expect(ackBlocker(settings, ok)).toBeNull();
    expect(ackBlocker(settings, { ...ok, flags: { autoReply: true } })).toBe('auto-reply');
    expect(ackBlocker(settings, { ...ok, flags: { bounce: true } })).toBe('bounce');
    expect(ackBlocker(settings, { ...ok, flags: { list: true } })).toBe('list');
    expect(ackBlocker(settings, { ...ok, flags: { ownMessage: true } })).toBe('own-message');
    expect(ackBlocker(settings, { ...ok, direction: 'outbound' })).toBe('not-inbound');
    expect(ackBlocker(undefined, ok)).toBe('disabled');
    expect(ackBlocker(settings && { ...settings, enabled: false }, ok)).toBe('disabled');
  });

  it("picks the customer's language, else the default", () => {
    const templates = { en: 'a', ru: 'b', 'pt-BR': 'c' };
    expect(pickLanguage(templates, 'en', 'ru-RU')).toBe('ru');
    expect(pickLanguage(templates, 'en', 'pt_br')).toBe('pt-BR');
    expect(pickLanguage(templates, 'en', 'de')).toBe('en');
    expect(pickLanguage(templates, 'ru', undefined)).toBe('ru');
  });

  it('carries an active outage notice', () => {
    const base = { template: 'We will answer {{wait}}.', wait: 'on Monday morning', ticketNumber: 7 };
    expect(composeAcknowledgement({ ...base, announcements: [] })).toBe('We will answer on Monday morning.');
    expect(composeAcknowledgement({ ...base, announcements: ['Payments are down.'] })).toBe(
      'We will answer on Monday morning.\n\nPayments are down.',
    );
    expect(
      composeAcknowledgement({
        ...base,
        template: '{{announcement}}\n#{{ticketNumber}} {{wait}}',
        announcements: ['Down.'],
      }),
    ).toBe('Down.\n#7 on Monday morning');
  });
});
