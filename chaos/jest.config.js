// `pnpm test:chaos`: fault injection against the whole system in distributed mode. A config
// of its own so that `pnpm test` (the root config) never runs it: it takes minutes and
// starts its own Kafka and PostgreSQL, which it stops and restarts on purpose.
const path = require('node:path');
const root = require('../jest.config.js');
const integration = root.projects.find((p) => p.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testTimeout: 20 * 60_000,
  projects: [
    {
      displayName: 'chaos',
      rootDir: path.resolve(__dirname, '..'),
      roots: ['<rootDir>/chaos'],
      transform: integration.transform,
      transformIgnorePatterns: integration.transformIgnorePatterns,
      testEnvironment: 'node',
      // The test process itself connects only to loopback and asks no DNS server (test kit tripwire).
      setupFilesAfterEnv: ['<rootDir>/packages/testkit/src/jest/loopback-only.setup.ts'],
      testMatch: ['**/*.chaos.test.ts', '**/hostile/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
