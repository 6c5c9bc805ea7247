import { runChannel } from '@omni/service-kit';
import { maxChannel } from './max.channel';

// Attachments, dialog state and the polling marker live in PostgreSQL.
runChannel(maxChannel);
