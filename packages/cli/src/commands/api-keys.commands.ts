import { createApiKey, listApiKeys, revokeApiKey, SCOPES } from '@omni/service-kit';
import { type Command, type CommandGroup, requireFlag, UsageError } from '../command';

const create: Command = {
  name: 'api-keys create',
  summary: 'Create an API key (printed once; only its hash is stored)',
  usage: `--name <name> --scopes <scope,…>   scopes: ${SCOPES.join(', ')}`,
  async run(ctx) {
    const name = requireFlag(ctx, 'name');
    const scopes = requireFlag(ctx, 'scopes')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (scopes.length === 0 || unknown.length > 0)
      throw new UsageError(
        `unknown scope(s): ${unknown.join(', ') || '(none given)'}; use ${SCOPES.join(', ')}`,
      );
    const { id, key } = await createApiKey(await ctx.db(), name, scopes);
    ctx.out(`created API key ${id} "${name}" with scopes ${scopes.join(',')}`);
    ctx.out('the key (shown once, store it now):');
    ctx.out(key);
    return 0;
  },
};

const list: Command = {
  name: 'api-keys list',
  summary: 'List API keys (prefix, scopes, state; never the key)',
  usage: '[--all]   (--all includes revoked keys)',
  async run(ctx) {
    const keys = await listApiKeys(await ctx.db(), { includeRevoked: ctx.flags.all === true });
    if (keys.length === 0) ctx.out('no API keys');
    for (const k of keys) {
      ctx.out(
        [
          k.id,
          k.prefix.padEnd(12),
          k.name,
          k.scopes.join(','),
          `created ${k.createdAt}`,
          k.revokedAt ? `REVOKED ${k.revokedAt}` : 'active',
        ].join('  '),
      );
    }
    return 0;
  },
};

const revoke: Command = {
  name: 'api-keys revoke',
  summary: 'Revoke an API key by id (stops working within seconds)',
  usage: '<id>',
  async run(ctx) {
    const id = ctx.args[0];
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError('give the key id (from `api-keys list`)');
    if (!(await revokeApiKey(await ctx.db(), id))) {
      ctx.out(`no active API key ${id}`);
      return 1;
    }
    ctx.out(`revoked API key ${id}`);
    return 0;
  },
};

export const apiKeyCommands: CommandGroup = [create, list, revoke];
