import { runChannel } from '@omni/service-kit';
import { telegramChannel } from './telegram.channel';

// Attachments and the polling lease live in PostgreSQL.
runChannel(telegramChannel);
