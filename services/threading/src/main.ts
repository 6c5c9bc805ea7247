import { runMain } from '@omni/service-kit';
import { buildThreadingService } from './threading.service';

runMain({
  name: 'threading',
  database: 'required',
  build: ({ pool, bus, log, config, metrics }) => [
    buildThreadingService({ pool, bus, log, metrics, settings: config.threading }),
  ],
});
