import { runChannel } from '@omni/service-kit';
import { whatsappChannel } from './whatsapp.channel';

runChannel(whatsappChannel);
