import { runRetention } from '@omni/customers';
import { PgBlobStore } from '@omni/db';
import { loadOmniConfig, resolveConfigPath } from '@omni/service-kit';
import type { Command, CommandGroup } from '../command';

const retention: Command = {
  name: 'privacy retention',
  summary: 'Apply the retention of `privacy.retention` now, or with --dry-run say what it would empty',
  usage: '[--dry-run]   (the configuration: OMNI_CONFIG, else ./omni.config.yaml)',
  async run(ctx) {
    const config = loadOmniConfig(resolveConfigPath(ctx.env), ctx.env);
    const { retention: rules, tombstoneDays } = config.privacy;
    const dryRun = ctx.flags['dry-run'] === true;
    const pool = await ctx.db();
    const totals = await runRetention(pool, {
      rules,
      tombstoneDays,
      now: new Date(),
      dryRun,
      blobs: new PgBlobStore(pool),
    });
    if (rules.length === 0) ctx.out('no retention configured (privacy.retention is empty)');
    for (const r of rules) {
      const parts = [
        r.closedTicketDays !== undefined
          ? `tickets closed > ${r.closedTicketDays} days: ${r.closedTicketAction}`
          : undefined,
        r.fileDays !== undefined ? `files and raw mail > ${r.fileDays} days: delete` : undefined,
      ].filter(Boolean);
      ctx.out(`${r.channel}/${r.account}: ${parts.join('; ')}`);
    }
    ctx.out(
      `${dryRun ? 'would empty' : 'emptied'}: ${totals.tickets} ticket(s), ${totals.messages} message(s), ${totals.customers} customer(s) erased, files of ${totals.fileMessages} message(s)${dryRun ? '' : ` (${totals.blobs} blob(s) deleted)`}, ${totals.tombstones} erasure tombstone(s) older than ${tombstoneDays} days`,
    );
    return 0;
  },
};

export const privacyCommands: CommandGroup = [retention];
