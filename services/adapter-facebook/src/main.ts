import { runChannel } from '@omni/service-kit';
import { facebookChannel } from './facebook.channel';

runChannel(facebookChannel);
