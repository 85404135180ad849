/**
 * The layer arrows of ../shared/design/architecture.md, checked on every test run:
 *   apps/cli → apps/api → libs/application → libs/{domain, event-store, projections}
 *   apps/cli builds the runtime (libs/runtime) and hands it to apps/api; both apps hold to
 *   libs/contract (command bodies, validation, error body, cursors).
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
      to: { path: '^(libs/(domain|application|projections|testing)|apps)/', pathNot: '^libs/domain/src/ledger-error\\.ts$' }, // the error base every layer extends; it imports nothing
    },
    {
      name: 'projections-below-application',
      severity: 'error',
      from: { path: '^libs/projections/src' },
      to: { path: '^(libs/application|apps)/|node_modules/@nestjs' },
    },
    {
      name: 'api-below-cli',
      severity: 'error',
      from: { path: '^apps/api/src' },
      to: { path: '^apps/cli/' },
    },
    {
      name: 'libs-below-apps',
      comment: 'No lib reaches up into an app: what both apps need lives in a lib.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'cli-builds-the-runtime-not-the-http-app',
      comment:
        'The `ledger` command takes the runtime from libs/runtime and the wire contract from libs/contract; ' +
        'only `ledger serve` starts the HTTP app.',
      severity: 'error',
      from: { path: '^apps/cli/', pathNot: '^apps/cli/src/serve\\.command\\.ts$' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'serve-takes-the-http-app-entry-only',
      severity: 'error',
      from: { path: '^apps/cli/src/serve\\.command\\.ts$' },
      to: { path: '^apps/api/', pathNot: '^apps/api/src/index\\.ts$' },
    },
    {
      name: 'core-libs-below-runtime-and-contract',
      comment: 'The runtime wires the core libs and the contract maps onto them: never the other way round.',
      severity: 'error',
      from: { path: '^libs/(domain|event-store|application|projections|verifier|client)/' },
      to: { path: '^libs/(runtime|contract)/' },
    },
    {
      name: 'contract-knows-no-runtime',
      comment: 'The wire contract is shapes and their checks: it opens no store and reads no configuration.',
      severity: 'error',
      from: { path: '^libs/contract/' },
      to: { path: '^libs/runtime/' },
    },
    {
      name: 'client-stands-alone',
      comment: 'The client runs in other services: it takes only types from the domain, and nothing of the ledger itself.',
      severity: 'error',
      from: { path: '^libs/client/src', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|libs/(application|event-store|projections|testing))/' },
    },
    {
      name: 'client-takes-domain-types-only',
      severity: 'error',
      from: { path: '^libs/client/src', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'verifier-stands-alone',
      comment:
        'An outside auditor runs the verifier without the ledger: it imports nothing of the repository ' +
        'and no package but the ASN.1/CMS library it checks timestamps with.',
      severity: 'error',
      from: { path: '^libs/verifier/src', pathNot: '\\.spec\\.ts$|/testing/' },
      to: {
        pathNot: ['^libs/verifier/src', '^(node:)?[a-z_]+$', 'node_modules/(pkijs|asn1js|@peculiar|pvtsutils|pvutils|bytestreamjs|@noble)/'],
      },
    },
    {
      name: 'nothing-ships-the-client',
      comment: 'The ledger does not call itself through its client; tests and examples do.',
      severity: 'error',
      from: { path: '^(apps|libs/(domain|event-store|application|projections))/' },
      to: { path: '^libs/client/' },
    },
    {
      name: 'web-page-is-self-contained',
      comment: 'The web page runs in the browser as plain ES modules, unbundled: it can load only its own files.',
      severity: 'error',
      from: { path: '^apps/web/src' },
      to: { pathNot: '^apps/web/src' },
    },
    {
      name: 'server-does-not-import-the-web-page',
      comment: 'The server serves the built page as files; only tests import its modules.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^apps/web/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'no-test-code-in-production',
      comment:
        'Shipped code never imports specs, the testing lib, a testing/ folder of a lib (the contracts, ' +
        'the KurrentDB client double) or test/ helpers.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|e2e-spec)\\.ts$', '^libs/testing/', '/testing/'] },
      to: { path: ['\\.(spec|e2e-spec)\\.ts$', '^libs/testing/', '^libs/[^/]+/src/.*testing/', '^test/'] },
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
    // Fixtures are data an earlier release wrote, with the scripts that wrote them: not code of this one.
    exclude: { path: '^(dist|test/fixtures)/' },
  },
};
