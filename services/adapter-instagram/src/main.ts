import { runChannel } from '@omni/service-kit';
import { instagramChannel } from './instagram.channel';

runChannel(instagramChannel);
