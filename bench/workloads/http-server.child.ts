// The ledger's real HTTP server, alone in its process so that the load generator does not
// share its event loop. Prints {"url"} once listening; closes when stdin ends.
import 'reflect-metadata';
import { ApiKeyRegistry, loadConfig, openLedgerRuntime, parseApiKeysSetting } from '#runtime';
import { createHttpApp } from '../../apps/api/src/index.js';
import { closeWhenStdinEnds, listenOnLoopback } from './server-child.js';

const [dataDir, writerKey] = process.argv.slice(2);
if (!dataDir || !writerKey) throw new Error('usage: http-server.child.js <data dir> <writer key>');

const config = loadConfig({
  LEDGER_DATA_DIR: dataDir,
  LEDGER_STORE: 'sqlite',
  LEDGER_SQLITE_SYNCHRONOUS: 'FULL',
  LEDGER_SEED: 'none',
  HOST: '127.0.0.1',
  PORT: '0',
});
const runtime = await openLedgerRuntime(config);
// The read models first catch up with the copied store, so reads see every deal.
await runtime.runner.catchUp();
// One writer key for every request (writes and reads: the writer role grants deals:read).
const apiKeys = new ApiKeyRegistry(parseApiKeysSetting(`bench-writer:writer:${writerKey}`), runtime.keyEvents.trust);
// The load comes from that one identity: a limit far above any run keeps 429s out of what is measured.
const app = await createHttpApp({ runtime, apiKeys, rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } }, false);
const url = await listenOnLoopback(app);
closeWhenStdinEnds(app, runtime);
console.log(JSON.stringify({ url, pid: process.pid }));
