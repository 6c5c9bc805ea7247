import type { CommandGroup } from '../command';
import { apiKeyCommands } from './api-keys.commands';
import { dlqCommands } from './dlq.commands';
import { lagCommands } from './lag.commands';
import { mailboxCommands } from './mailbox.commands';
import { privacyCommands } from './privacy.commands';
import { topicCommands } from './topics.commands';
import { webhookCommands } from './webhooks.commands';

/** Every command group of `pnpm omni`. A new group is one file and one line here. */
export const COMMAND_GROUPS: CommandGroup[] = [
  apiKeyCommands,
  dlqCommands,
  lagCommands,
  mailboxCommands,
  privacyCommands,
  topicCommands,
  webhookCommands,
];
