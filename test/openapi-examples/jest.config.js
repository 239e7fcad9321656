// `npm run docs:openapi-examples`: the walks of this folder call every documented response of
// the API once, with OPENAPI_EXAMPLES set so the harness records each exchange
// (test/e2e/support/openapi-recorder.ts); src/cli/openapi-examples.ts then picks the examples
// into src/openapi/api-examples.recorded.json. Not part of `npm test`: the document's test
// (test/e2e/openapi-document.e2e-spec.ts) fails when a response has no recorded example.
const { common, run } = require('../jest.common');

module.exports = {
  ...run,
  ...common,
  displayName: 'openapi-examples',
  testMatch: ['<rootDir>/test/openapi-examples/**/*.examples-spec.ts'],
  maxWorkers: 2,
  testTimeout: 300000,
};
