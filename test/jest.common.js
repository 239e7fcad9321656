// What every jest config of this repository shares: TypeScript (and the ESM packages)
// through @swc/jest, and the run's own PostgreSQL from global setup.
const path = require('node:path');
const { esmPackages } = require('./esm-packages');

const root = path.resolve(__dirname, '..');
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** Options of a project (unit, e2e, browser). */
const common = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** Options of the run: global setup runs in Node's own module system (require(esm)). */
const run = {
  rootDir: root,
  transform: { '^.+\\.ts$': swc },
  transformIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = { common, run };
