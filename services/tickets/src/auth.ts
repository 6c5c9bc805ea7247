export { requireScope } from '@omni/service-kit';
