import {
  DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS,
  MAX_WEBHOOK_SECRET_GRACE_SECONDS,
  rotateWebhookSecret,
} from '@omni/service-kit';
import { type Command, type CommandContext, type CommandGroup, UsageError } from '../command';

/** `--grace <seconds>`, else `OMNI_WEBHOOK_SECRET_GRACE_SECONDS` as the API has it, else 24 hours. */
function graceSeconds(ctx: CommandContext): number {
  const given = ctx.flags.grace ?? ctx.env.OMNI_WEBHOOK_SECRET_GRACE_SECONDS;
  if (given === undefined) return DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS;
  const seconds = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : Number.NaN;
  if (!(seconds <= MAX_WEBHOOK_SECRET_GRACE_SECONDS))
    throw new UsageError(`--grace takes whole seconds from 0 to ${MAX_WEBHOOK_SECRET_GRACE_SECONDS}`);
  return seconds;
}

const rotateSecret: Command = {
  name: 'webhooks rotate-secret',
  summary:
    'Give a webhook subscription a new signing secret (printed once); the old one keeps signing beside it for the grace period',
  usage: `<subscription id> [--grace <seconds>]   (default ${DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS}; 0 cuts over at once)`,
  async run(ctx) {
    const id = ctx.args[0];
    if (!id || !/^[0-9a-f-]{36}$/i.test(id))
      throw new UsageError('give the subscription id (GET /v1/webhooks)');
    const rotated = await rotateWebhookSecret(await ctx.db(), id, graceSeconds(ctx));
    if (!rotated) {
      ctx.out(`no webhook subscription ${id}`);
      return 1;
    }
    ctx.out(
      rotated.previousSecretExpiresAt
        ? `webhook ${id} now signs with a new secret; until ${rotated.previousSecretExpiresAt.toISOString()} deliveries carry a signature with the previous one too.`
        : `webhook ${id} now signs with a new secret only; deliveries from now on use it.`,
    );
    ctx.out('the secret (shown once; give it to the receiver):');
    ctx.out(rotated.secret);
    return 0;
  },
};

export const webhookCommands: CommandGroup = [rotateSecret];
