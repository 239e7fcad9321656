// Two projects: `unit` (pure logic beside the code, no database) and `e2e`
// (the real app on a real PostgreSQL that global setup starts once).
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
const common = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  rootDir: root,
  maxWorkers: 2,
  testTimeout: 60000,
  // Global setup runs in Node's own module system, where ESM packages load
  // natively (require(esm)): transform only our TypeScript there.
  transform: { '^.+\\.ts$': swc },
  transformIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
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
