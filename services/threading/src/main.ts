import { runMain } from '@omni/service-kit';
import { buildThreadingService } from './threading.service';

runMain({
  name: 'threading',
  database: 'required',
  build: ({ pool, bus, log, config }) => [
    buildThreadingService({ pool, bus, log, settings: config.threading }),
  ],
});
