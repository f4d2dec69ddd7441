/** @type {import('jest').Config} */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };
// jose ships ES modules only: transformed like our own code, so tests can use it as an independent verifier.
const base = { testEnvironment: 'node', transform, transformIgnorePatterns: ['/node_modules/(?!jose/)'] };

// One real stack for the tiers that need it: integration and browser name the same global setup,
// and jest runs each distinct global setup once, only when a project using it has tests selected.
const stack = {
  setupFiles: ['<rootDir>/test/setup/http-client.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

/**
 * Test tiers (`npm test` runs them all; `--selectProjects <name>` or the npm scripts pick some):
 * - unit: nothing running, seconds (`npm run test:unit`);
 * - replay: committed workflow histories against the workflow bundle, no stack (`npm run test:replay`);
 * - workflow: workflows on Temporal's time-skipping test server with stub activities, no stack
 *   (`npm run test:workflow`; the server runs on Java, resolved from Maven Central on first use);
 * - integration and browser: the real stack, started once for both (`npm run test:integration`).
 */
module.exports = {
  testTimeout: 30_000,
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'replay',
      testMatch: ['<rootDir>/test/replay/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/replay-setup.ts',
      globalTeardown: '<rootDir>/test/setup/replay-teardown.ts',
    },
    {
      ...base,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/workflow-setup.ts',
      globalTeardown: '<rootDir>/test/setup/replay-teardown.ts',
    },
    { ...base, ...stack, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...base, ...stack, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
