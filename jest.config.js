// Two tiers (STYLE.md): `*.test.ts` are unit tests, `*.int.test.ts` talk to a real
// PostgreSQL and a real Kafka, started once per run by the testkit's global setup.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const roots = ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/deploy'];
// Every record a test publishes is checked against the AsyncAPI document (packages/asyncapi).
const VALIDATE_PUBLISHED = '<rootDir>/packages/asyncapi/test/validate-published.setup.ts';
// Every test file may connect only to loopback and ask no DNS server (the test kit's tripwire).
const LOOPBACK_ONLY = '<rootDir>/packages/testkit/src/jest/loopback-only.setup.ts';

// Dependencies published as ES modules only: jest's CommonJS runtime needs them compiled.
const ESM_ONLY = ['cookie', 'content-disposition'];
Object.assign(transform, {
  '^.+\\.m?js$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
});
const transformIgnorePatterns = [`/node_modules/(?!(\\.pnpm/)?(${ESM_ONLY.join('|')})[@/])`];
// Sources written for Node's ES module resolution (the publishable client) import `./x.js` for `./x.ts`.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };

// Adapters check their own normalized messages against the contract under tests (off in
// production: threading checks every record anyway). Inherited by workers and child processes.
process.env.OMNI_CHECK_OWN_OUTPUT ??= 'true';

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  // Jest's default (cores - 1) runs a 2-core machine in band, one file at a time; integration
  // files mostly wait on Kafka, PostgreSQL and their own servers, so one worker more than the
  // cores keeps the cores busy. Each file has its own database, topics and consumer groups
  // (the test kit's harness), so files side by side do not see each other.
  maxWorkers: require('node:os').availableParallelism() + 1,
  projects: [
    {
      displayName: 'unit',
      roots,
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      setupFilesAfterEnv: [LOOPBACK_ONLY, VALIDATE_PUBLISHED],
      testMatch: ['**/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      roots,
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testEnvironment: 'node',
      setupFilesAfterEnv: [LOOPBACK_ONLY, VALIDATE_PUBLISHED],
      testMatch: ['**/test/**/*.int.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
      globalSetup: '<rootDir>/packages/testkit/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/testkit/src/jest/global-teardown.ts',
    },
  ],
};
