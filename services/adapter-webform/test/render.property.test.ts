import { parseOmniConfig } from '@omni/service-kit';
import fc from 'fast-check';
import { WebformAccount } from '../src/config';
import { renderFormPage } from '../src/form-page';
import { resolveFormSettings } from '../src/form-settings';
import { textsFor } from '../src/texts';
import { checkSubmission } from '../src/webform.schema';

const config = parseOmniConfig(
  'channels:\n  webform:\n    - account: a\n      topics: [{ id: billing, label: Billing }]\n',
  {},
  { channels: { webform: WebformAccount } },
);
const settings = resolveFormSettings(config.channels.webform[0] as (typeof config.channels.webform)[0]);
const tags = (html: string) => (html.match(/<(script|style|iframe|img|a)\b/gi) ?? []).length;
const baseline = tags(renderFormPage({ settings, lang: 'en', embed: false, submissionId: 'x', maxFiles: 1 }));

describe('whatever a customer types', () => {
  it('is shown back as text: the page keeps exactly its own elements', () => {
    const field = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
        "'</textarea><a href=x>",
        '{{x}}',
      ),
    );
    fc.assert(
      fc.property(
        fc.record({ name: field, email: field, subject: field, message: field, id: field }),
        (v) => {
          const html = renderFormPage({
            settings,
            lang: 'en',
            embed: false,
            submissionId: v.id,
            maxFiles: 1,
            values: { name: v.name, email: v.email, subject: v.subject, message: v.message },
            errors: { '(form)': v.message },
          });
          expect(tags(html)).toBe(baseline);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is judged, never thrown on: any JSON value gives a submission or field errors', () => {
    const t = textsFor('en', {});
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom('name', 'email', 'phone', 'topic', 'message', 'submissionId'),
          fc.jsonValue(),
        ),
        (any, shaped) => {
          for (const input of [any, shaped]) {
            const result = checkSubmission(input, ['billing'], t);
            if (!result.ok) expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
