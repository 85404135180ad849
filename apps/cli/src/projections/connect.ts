import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type LedgerConfig } from '#runtime';
import { HttpProjectionsClient } from './http-projections-client.js';
import { LocalProjectionsClient } from './local-projections-client.js';
import { ProjectionsCommandError, type ProjectionsClient } from './projections-client.js';

export interface ConnectOptions {
  url?: string;
  key?: string;
  actor?: string;
}

/**
 * Which side does the work. The read-model file is owned by one process (it is opened
 * with an exclusive lock), so:
 *  - with `--url` (or LEDGER_URL), the command asks that server;
 *  - otherwise it opens the data directory itself, and if a server holds it, asks the
 *    server at http://HOST:PORT (the variables `ledger serve` reads).
 * Over HTTP the API key comes from --key, LEDGER_API_KEY or `<data dir>/local-api-key`;
 * the server records the key's actor. Locally the actor is --actor or `cli:<user>`.
 */
export async function connectProjections(options: ConnectOptions, feed: boolean): Promise<ProjectionsClient> {
  const config = loadConfig();
  const url = options.url ?? process.env.LEDGER_URL;
  if (url) return new HttpProjectionsClient(url, adminApiKey(options, config));
  try {
    return await LocalProjectionsClient.open(config, options.actor ?? `cli:${userInfo().username}`, feed);
  } catch (error) {
    if (!isLocked(error)) throw error;
    return new HttpProjectionsClient(`http://${config.host}:${config.port}`, adminApiKey(options, config));
  }
}

function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** The key for a server's admin routes: --key, LEDGER_API_KEY, or the data directory's local admin key. */
export function adminApiKey(options: Pick<ConnectOptions, 'key'>, config: LedgerConfig): string {
  const key = options.key ?? process.env.LEDGER_API_KEY;
  if (key) return key;
  const localKey = join(config.dataDir, 'local-api-key');
  if (existsSync(localKey)) return readFileSync(localKey, 'utf8').trim();
  throw new ProjectionsCommandError(
    'AUTH.NO_KEY',
    'A server holds the data directory and its admin routes need an API key with the admin role: pass --key or set LEDGER_API_KEY',
  );
}
