export { othersCanTraverse } from './access';
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './embedded-postgres';
export { EmbeddedPostgresError } from './errors';
export { freePort } from './free-port';
