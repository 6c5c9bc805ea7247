import { parseOmniConfig } from '@omni/service-kit';
import { WebformAccount } from '../src/config';
import { renderFormPage } from '../src/form-page';
import { pickLanguage, resolveFormSettings } from '../src/form-settings';

const form = (yaml: string, emailAccounts: string[]) => {
  const config = parseOmniConfig(
    `channels:\n  webform:\n    - account: shop\n${yaml}`,
    {},
    {
      channels: { webform: WebformAccount },
    },
  );
  return resolveFormSettings(config.channels.webform[0] as WebformAccount, emailAccounts);
};
const confirmation = (settings: ReturnType<typeof form>, lang: string) => {
  const page = renderFormPage({ settings, lang, embed: false, submissionId: 's', maxFiles: 0 });
  return page.slice(page.indexOf('<section id="confirm"'));
};

it('promises an emailed answer only when an email account can send one', () => {
  const withEmail = confirmation(form('', ['support']), 'en');
  expect(withEmail).toContain('answer you by email');
  const viaOwnAccount = form('      replyEmailAccount: sales\n', []);
  expect(viaOwnAccount.answersByEmail).toBe(true);
  // The launcher's default: a web form and no email account — replies cannot leave.
  for (const lang of ['en', 'ru']) {
    const none = confirmation(form('', []), lang);
    expect(none).not.toMatch(/answer you|ответит/);
    expect(none).toMatch(/A specialist will read it\.|Специалист прочитает его\./);
  }
});

it('with language auto, the browser’s Accept-Language picks the page language', () => {
  const settings = form('      language: auto\n', []);
  expect(pickLanguage(settings, undefined, 'ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
  expect(pickLanguage(settings, undefined, 'de-DE,en;q=0.5')).toBe('en');
  expect(pickLanguage(form('      language: en\n', []), undefined, 'ru')).toBe('en');
});
