import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubSignature } from '@omni/meta';
import { type OmniConfig, parseOmniConfig } from '@omni/service-kit';
import { FakeWhatsAppApi } from '@omni/testkit/src/fakes/whatsapp-api';
import type { FastifyInstance } from 'fastify';
import { WhatsAppAccount } from '../src';

export const FIXTURES = join(__dirname, 'fixtures');
export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The courier fixtures' phone number id, and the official example's. */
export const NUMBER = '12345';
export const OFFICIAL_NUMBER = '106540352242922';
export const SECRETS = { accessToken: 'wa-token-xyz', appSecret: 'wa-app-secret', verifyToken: 'verify-wa' };
export const PATH = '/channels/whatsapp/wa/webhook';

export function startFake(): Promise<FakeWhatsAppApi> {
  return FakeWhatsAppApi.start({
    accessToken: SECRETS.accessToken,
    appSecret: SECRETS.appSecret,
    phoneNumberId: NUMBER,
  });
}

/** Two numbers of one app: `wa` (the fixtures') and `wa-official`; `extra` is YAML for `wa`. */
export function whatsappConfig(
  apiRoot: string,
  extra = '',
): OmniConfig<{ whatsapp: typeof WhatsAppAccount }> {
  const account = (name: string, number: string) =>
    `    - account: ${name}\n      phoneNumberId: "${number}"\n      accessToken: ${SECRETS.accessToken}\n      appSecret: ${SECRETS.appSecret}\n      verifyToken: ${SECRETS.verifyToken}\n      apiRoot: ${apiRoot}\n`;
  return parseOmniConfig(
    `channels:\n  whatsapp:\n${account('wa', NUMBER)}${extra}${account('wa-official', OFFICIAL_NUMBER)}`,
    {},
    { channels: { whatsapp: WhatsAppAccount } },
  );
}

/** Posts raw bytes as Meta does: signed with the app secret unless told otherwise. */
export function post(
  app: FastifyInstance,
  raw: string,
  opts: { signature?: string | null; path?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.signature !== null)
    headers['x-hub-signature-256'] = opts.signature ?? hubSignature(raw, SECRETS.appSecret);
  return app.inject({ method: 'POST', url: opts.path ?? PATH, payload: raw, headers });
}
