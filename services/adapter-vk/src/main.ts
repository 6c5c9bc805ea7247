import { runChannel } from '@omni/service-kit';
import { vkChannel } from './vk.channel';

runChannel(vkChannel);
