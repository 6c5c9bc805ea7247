import { runMain } from '@omni/service-kit';
import { buildWebformAdapter } from './webform.adapter';

runMain({
  name: 'adapter-webform',
  database: 'none',
  build: ({ config, bus, log }) => [buildWebformAdapter({ config, bus, log })],
});
