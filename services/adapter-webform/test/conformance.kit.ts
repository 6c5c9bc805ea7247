import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';

/**
 * The web form for the conformance suite (services/channels): there is no platform — the
 * customer's browser posts, so the "platform" is a plain HTTP client and nothing is faked.
 */
const kit: ConformanceKit = {
  async start() {
    const path = '/channels/webform/conformance/submissions';
    const post = (body: unknown, headers: Record<string, string> = {}): PlatformRequest => ({
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const submission = (m: ConformanceMessage) => ({
      name: `Customer ${m.sender}`,
      email: `form${m.sender}@example.com`,
      subject: `Question ${m.id}`,
      message: m.text,
      submissionId: `conformance-${m.id}`,
    });
    return {
      // Rate limits well above what the suite posts from one address.
      account: { account: 'conformance', rateLimit: { perIp: { max: 1000, windowSeconds: 60 } } },
      message: (m) => post(submission(m)),
      badlySigned: (m) => ({
        ...post(submission(m), { origin: 'https://attacker.example' }),
        why: 'a web form has no platform signature: posts from origins not in allowedOrigins are refused',
      }),
      malformed: () => post({ name: 'No message', email: 'x@example.com' }),
      busDownStatus: 503,
      // Replies leave by email (traits: replies via email); the form receives none.
      repliesTo: () => [],
      echoOf: () => ({ none: 'a web form never shows our replies back: they leave by email' }),
      async stop() {},
    };
  },
};
export default kit;
