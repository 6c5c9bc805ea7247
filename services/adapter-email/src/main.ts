import { runChannel } from '@omni/service-kit';
import { emailChannel } from './email.channel';

runChannel(emailChannel);
