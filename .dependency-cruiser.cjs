/**
 * The layer arrows of ../shared/design/architecture.md, checked on every test run:
 *   apps/cli → apps/api → libs/application → libs/{domain, event-store, projections}
 * The domain is pure; the event store knows nothing of deals; nothing ships test code.
 */
const nodeIo = '^(node:)?(fs|net|http|https|child_process|worker_threads|dgram|dns|tls|readline|os)$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports no framework, no store client, no I/O and no other layer.',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$|/testing/' },
      to: {
        pathNot: ['^libs/domain/src', 'node_modules/decimal\\.js'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: { path: nodeIo },
    },
    {
      name: 'event-store-knows-no-deals',
      comment: 'The store is generic: it may not import the domain, the application or the read models.',
      severity: 'error',
      from: { path: '^libs/event-store/src' },
      to: { path: '^(libs/(domain|application|projections|testing)|apps)/' },
    },
    {
      name: 'projections-below-application',
      severity: 'error',
      from: { path: '^libs/projections/src' },
      to: { path: '^(libs/application|apps)/|node_modules/@nestjs' },
    },
    {
      name: 'application-below-apps',
      severity: 'error',
      from: { path: '^libs/application/src' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-below-cli',
      severity: 'error',
      from: { path: '^apps/api/src' },
      to: { path: '^apps/cli/' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Shipped code never imports specs, the testing lib or test/ helpers.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|e2e-spec)\\.ts$', '^libs/testing/', '/testing/'] },
      to: { path: ['\\.(spec|e2e-spec)\\.ts$', '^libs/testing/', '^test/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'],
      exportsFields: ['exports'],
    },
    exclude: { path: '^dist/' },
  },
};
