import { runChannel } from '@omni/service-kit';
import { livechatChannel } from './livechat.channel';

runChannel(livechatChannel);
