import { ApiKeyVerifier } from '@omni/service-kit';
import { type Harness, startHarness } from '@omni/testkit';
import { runCli } from '../src/run-cli';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('cli-api-keys');
});
afterAll(async () => {
  await h?.close();
});

async function omni(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { DATABASE_URL: h.databaseUrl },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    log: h.log,
  });
  return { code, out, err };
}

it('creates a key printed once, lists it without the key, and revokes it', async () => {
  const created = await omni(
    'api-keys',
    'create',
    '--name',
    'helpdesk',
    '--scopes',
    'tickets:read,webhooks:manage',
  );
  expect(created.code).toBe(0);
  const key = created.out.at(-1) as string;
  expect(key).toMatch(/^omni_[A-Za-z0-9_-]{43}$/);
  const id = /created API key ([0-9a-f-]{36})/.exec(created.out[0] as string)?.[1] as string;

  const principal = await new ApiKeyVerifier(h.pool, 0).verify(key);
  expect([...(principal?.scopes ?? [])].sort()).toEqual(['tickets:read', 'webhooks:manage']);

  const listed = await omni('api-keys', 'list');
  expect(listed.out.join('\n')).toContain(id);
  expect(listed.out.join('\n')).not.toContain(key);

  expect((await omni('api-keys', 'revoke', id)).code).toBe(0);
  expect(await new ApiKeyVerifier(h.pool, 0).verify(key)).toBeNull();
  expect((await omni('api-keys', 'revoke', id)).code).toBe(1);
  expect((await omni('api-keys', 'list')).out.join('\n')).not.toContain(id);
  expect((await omni('api-keys', 'list', '--all')).out.join('\n')).toContain('REVOKED');
});
