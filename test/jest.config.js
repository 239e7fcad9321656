// Two projects: `unit` (pure logic beside the code, no database) and `e2e`
// (the real app on a real PostgreSQL that global setup starts once).
// The browser tests have their own config (test/browser/jest.config.js).
const { common, run } = require('./jest.common');

module.exports = {
  ...run,
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      testTimeout: 60000,
    },
  ],
};
