import { generateWebhookSecret } from '@omni/service-kit';
import { type Command, type CommandGroup, UsageError } from '../command';

const rotateSecret: Command = {
  name: 'webhooks rotate-secret',
  summary: 'Give a webhook subscription a new signing secret (printed once)',
  usage: '<subscription id>',
  async run(ctx) {
    const id = ctx.args[0];
    if (!id || !/^[0-9a-f-]{36}$/i.test(id))
      throw new UsageError('give the subscription id (GET /v1/webhooks)');
    const secret = generateWebhookSecret();
    const { rowCount } = await (await ctx.db()).query(
      'UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1',
      [id, secret],
    );
    if (!rowCount) {
      ctx.out(`no webhook subscription ${id}`);
      return 1;
    }
    ctx.out(`webhook ${id} now signs with a new secret; deliveries from now on use it.`);
    ctx.out('the secret (shown once; give it to the receiver):');
    ctx.out(secret);
    return 0;
  },
};

export const webhookCommands: CommandGroup = [rotateSecret];
