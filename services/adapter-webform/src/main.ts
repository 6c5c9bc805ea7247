import { runChannel } from '@omni/service-kit';
import { webformChannel } from './webform.channel';

runChannel(webformChannel);
