import { runChannel } from '@omni/service-kit';
import { viberChannel } from './viber.channel';

// Media is stored in PostgreSQL, and so is the token → message mapping of receipts.
runChannel(viberChannel);
