// Classic (CommonJS) Jest: SWC turns our TypeScript and the ESM-only packages that Nest 12
// ships into CommonJS. ESM-mode Jest breaks on several Nest add-ons.
// pkijs 4 (RFC 3161 timestamps in libs/verifier) and its dependencies are ESM-only too.
const esmOnlyPackages = [
  '@nestjs', 'uuid', 'file-type', 'load-esm', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras',
  'pkijs', 'asn1js', '@peculiar/utils', 'bytestreamjs', '@noble/hashes',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.api-spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^#(domain|event-store|application|projections|testing|client|verifier|contract|runtime)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/global-setup.cjs',
  // Most suites wait on child processes (ledger servers, Chromium, fsync) more than they use a
  // core, so two workers even on two cores (Jest's default there is one): a full run in CI
  // stays well inside its time.
  maxWorkers: Math.max(2, require('node:os').cpus().length - 1),
  testTimeout: 60000,
};
