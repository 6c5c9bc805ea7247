import { runMain } from '@omni/service-kit';
import { buildAutomationService } from './automation.service';

runMain({
  name: 'automation',
  database: 'required',
  build: ({ pool, bus, log, config, metrics }) => [
    buildAutomationService({ pool, bus, log, metrics, config: config.automation, channels: config.channels }),
  ],
});
