import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubSignature } from '@omni/meta';
import { type OmniConfig, parseOmniConfig } from '@omni/service-kit';
import { FakeGraphApi, GRAPH_ERRORS } from '@omni/testkit/src/fakes/graph-api';
import type { FastifyInstance } from 'fastify';
import { InstagramAccount, MAX_TEXT } from '../src';

export const FIXTURES = join(__dirname, 'fixtures');
export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The courier fixtures' Instagram account id. */
export const IG_ID = '1234567890';
export const SECRETS = { accessToken: 'ig-token-xyz', appSecret: 'ig-app-secret', verifyToken: 'verify-ig' };
export const PATH = '/channels/instagram/ig/webhook';

/** The Graph API as graph.instagram.com answers: 1000-character texts, its own window error. */
export function startFakeInstagram(): Promise<FakeGraphApi> {
  return FakeGraphApi.start({
    pageAccessToken: SECRETS.accessToken,
    maxText: MAX_TEXT,
    outsideWindow: GRAPH_ERRORS.instagramOutsideWindow,
  });
}

export function instagramConfig(
  apiRoot: string,
  extra = '',
): OmniConfig<{ instagram: typeof InstagramAccount }> {
  return parseOmniConfig(
    `channels:\n  instagram:\n    - account: ig\n      instagramAccountId: "${IG_ID}"\n      accessToken: ${SECRETS.accessToken}\n      appSecret: ${SECRETS.appSecret}\n      verifyToken: ${SECRETS.verifyToken}\n      apiRoot: ${apiRoot}\n${extra}`,
    {},
    { channels: { instagram: InstagramAccount } },
  );
}

/** An `object: "instagram"` webhook of our account with these messaging events. */
export const envelope = (...messaging: unknown[]) => ({
  object: 'instagram',
  entry: [{ id: IG_ID, time: 1, messaging }],
});
export const event = (extra: Record<string, unknown>, sender = '5678') => ({
  sender: { id: sender },
  recipient: { id: IG_ID },
  timestamp: 1764583200000,
  ...extra,
});

export function post(app: FastifyInstance, raw: string, opts: { signature?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.signature !== null)
    headers['x-hub-signature-256'] = opts.signature ?? hubSignature(raw, SECRETS.appSecret);
  return app.inject({ method: 'POST', url: PATH, payload: raw, headers });
}
