// `npm run test:browser`: Playwright (playwright-core) driving Debian's Chromium against
// the real app on the run's own PostgreSQL. One file at a time: a browser is heavy.
const { common, run } = require('../jest.common');

module.exports = {
  ...run,
  ...common,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  maxWorkers: 1,
  testTimeout: 120000,
};
