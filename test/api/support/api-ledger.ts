import { startTestLedger, type TestLedger } from '../../support/test-ledger.js';

type LedgerOptions = Omit<Parameters<typeof startTestLedger>[0], 'dataDir' | 'store'>;

/**
 * One ledger per test file, over the in-memory store: what makes a file of this tier
 * cost ~2 s is loading Nest, Swagger and the libs (~1.8 s), not the app (~0.1–0.2 s), so
 * cases share the app and keep apart by using fresh deal ids.
 * Call at the top of a `describe`; read `.current` inside the tests.
 */
export function useApiLedger(options: LedgerOptions = {}): { readonly current: TestLedger } {
  let ledger: TestLedger | undefined;
  beforeAll(async () => {
    // The memory store opens nothing on disk: the data directory is never created.
    ledger = await startTestLedger({ ...options, dataDir: '/nonexistent/api-tier', store: 'memory' });
  });
  afterAll(async () => {
    await ledger?.close();
  });
  return {
    get current() {
      if (!ledger) throw new Error('useApiLedger: the ledger starts in beforeAll; read .current inside a test');
      return ledger;
    },
  };
}
