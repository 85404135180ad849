import type { AddressInfo } from 'node:net';
import { LedgerClient, type ReconnectOptions } from '#client';
import type { JwtSettings } from '#runtime';
import type { SubscriptionOptions } from '../../../apps/api/src/index.js';
import { WRITER_KEY, startTestLedger, type TestLedger } from '../../support/test-ledger.js';

export interface StreamingLedger extends TestLedger {
  /** http://127.0.0.1:<port>: the ledger listens for real, as SSE needs a socket. */
  url: string;
  client(options?: { reconnect?: ReconnectOptions }): LedgerClient;
}

/** The test ledger on a real port, with a short heartbeat unless told otherwise. */
export async function startStreamingLedger(options: {
  dataDir: string;
  store?: 'sqlite' | 'memory';
  subscriptions?: SubscriptionOptions;
  jwt?: JwtSettings;
}): Promise<StreamingLedger> {
  const ledger = await startTestLedger({ ...options, subscriptions: { heartbeatMs: 200, ...options.subscriptions } });
  await ledger.app.listen(0, '127.0.0.1');
  const { port } = ledger.app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    ...ledger,
    url,
    client: (clientOptions = {}) =>
      new LedgerClient({ baseUrl: url, apiKey: WRITER_KEY, reconnect: { initialDelayMs: 20, maxDelayMs: 200, ...clientOptions.reconnect } }),
  };
}
