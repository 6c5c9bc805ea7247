import { checkOrigin, parseOmniConfig, RateLimiter, requestHosts } from '@omni/service-kit';
import { WebformAccount } from '../src/config';
import { pickLanguage, resolveFormSettings } from '../src/form-settings';

const account = (yaml: string) => {
  const config = parseOmniConfig(
    `channels:\n  webform:\n    - account: a\n${yaml}`,
    {},
    { channels: { webform: WebformAccount } },
  );
  return resolveFormSettings(config.channels.webform[0] as (typeof config.channels.webform)[0]);
};

describe('RateLimiter', () => {
  it('allows max hits per sliding window and says when the next one is allowed', () => {
    const limiter = new RateLimiter(2, 1000);
    limiter.record('k', 0);
    limiter.record('k', 400);
    expect(limiter.check('k', 500)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(limiter.check('other', 500)).toEqual({ ok: true });
    expect(limiter.check('k', 1000)).toEqual({ ok: true });
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const limiter = new RateLimiter(1, 60_000, 2);
    limiter.record('a', 0);
    limiter.record('b', 1);
    limiter.record('c', 2);
    expect(limiter.check('a', 3).ok).toBe(true);
    expect(limiter.check('c', 3).ok).toBe(false);
  });
});

describe('checkOrigin', () => {
  const allowed = new Set(['https://shop.example.com']);
  it.each([
    [undefined, 'forms.example.com', 'none'],
    ['https://forms.example.com', 'forms.example.com', 'same'],
    ['https://forms.example.com', 'forms.example.com:443', 'same'],
    ['http://forms.example.com:8080', 'forms.example.com:8080', 'same'],
    ['https://shop.example.com', 'forms.example.com', 'allowed'],
    ['https://shop.example.com.evil.test', 'forms.example.com', 'refused'],
    ['null', 'forms.example.com', 'refused'],
    ['https://forms.example.com', 'adapter-webform:8080, forms.example.com', 'same'],
    ['http://shop.example.com', 'forms.example.com', 'refused'],
  ])('Origin %s on host %s is %s', (origin, host, kind) => {
    // `a, b`: the Host header, then the proxy's X-Forwarded-Host.
    const [own, forwarded] = host.split(', ');
    const hosts = requestHosts({ 'x-forwarded-host': forwarded }, own as string);
    expect(checkOrigin(origin, hosts, allowed).kind).toBe(kind);
  });
});

describe('form settings', () => {
  it('picks ?lang= first, then Accept-Language with language: auto, then the default', () => {
    const auto = account('      language: auto\n');
    expect(pickLanguage(auto, 'ru', 'en')).toBe('ru');
    expect(pickLanguage(auto, 'xx', 'de;q=0.9, ru-RU;q=0.8, en;q=0.7')).toBe('ru');
    expect(pickLanguage(auto, undefined, 'de')).toBe('en');
    const ru = account('      language: ru\n');
    expect(pickLanguage(ru, undefined, 'en')).toBe('ru');
  });

  it('serves a language of its own from texts, falling back to English for missing keys', () => {
    const de = account(
      '      language: de\n      texts: { de: { title: Kontakt } }\n      expectedWait: { de: einen Werktag }\n',
    );
    expect(de.languages[0]).toBe('de');
    expect(de.texts('de')).toMatchObject({ title: 'Kontakt', submit: 'Send', expectedWait: 'einen Werktag' });
  });

  it('lists every bad key at once', () => {
    expect(() =>
      account(
        '      language: fr\n      allowedOrigins: ["shop.example.com"]\n      texts: { ru: { nope: x } }\n',
      ),
    ).toThrow(/texts\.ru\.nope[\s\S]*allowedOrigins[\s\S]*language: "fr"/);
  });

  it('matches allowed types with wildcards and never accepts SVG', () => {
    const s = account(
      '      attachments: { allowedTypes: ["image/*", "application/pdf", "image/svg+xml"] }\n',
    );
    expect(s.typeAllowed('image/png')).toBe(true);
    expect(s.typeAllowed('Application/PDF')).toBe(true);
    expect(s.typeAllowed('application/zip')).toBe(false);
    expect(s.typeAllowed('image/svg+xml')).toBe(false);
  });
});
