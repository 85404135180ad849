import { tempDataDir } from '../../support/test-ledger.js';
import { startStreamingLedger, type StreamingLedger } from './streaming-ledger.js';

/**
 * A streaming ledger on a fresh data directory for the enclosing `describe`: started
 * before its tests and handed to `started`, closed (and its directory removed) after them.
 * A spec that seeds the ledger does so in a `beforeAll` of its own, which runs after this one.
 */
export function streamingLedgerPerSuite(
  started: (ledger: StreamingLedger) => void,
  options: Omit<Parameters<typeof startStreamingLedger>[0], 'dataDir'> = {},
): void {
  const data = tempDataDir();
  let ledger: StreamingLedger | undefined;
  beforeAll(async () => {
    ledger = await startStreamingLedger({ ...options, dataDir: data.dir });
    started(ledger);
  });
  afterAll(async () => {
    await ledger?.close();
    data.remove();
  });
}
