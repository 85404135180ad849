import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** An API key as stored: only its SHA-256, never the key itself. */
export interface StoredApiKey {
  actor: string;
  sha256: string;
  createdAt: string;
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Maps bearer keys to the actor every event they write is attributed to. */
export class ApiKeyRegistry {
  private readonly byHash: Map<string, string>;

  constructor(keys: readonly StoredApiKey[]) {
    this.byHash = new Map(keys.map((k) => [k.sha256, k.actor]));
  }

  /** The actor for a presented key, compared in constant time. */
  actorFor(presented: string): string | undefined {
    const digest = Buffer.from(hashApiKey(presented), 'hex');
    for (const [hash, actor] of this.byHash) {
      if (timingSafeEqual(digest, Buffer.from(hash, 'hex'))) return actor;
    }
    return undefined;
  }

  get size(): number {
    return this.byHash.size;
  }
}

/** `actor:key,actor:key` from the environment (for services and tests). */
export function parseApiKeysSetting(setting: string | undefined): StoredApiKey[] {
  if (!setting) return [];
  return setting
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const separator = pair.indexOf(':');
      if (separator <= 0 || separator === pair.length - 1) {
        throw new Error('LEDGER_API_KEYS must be a comma-separated list of actor:key pairs');
      }
      return { actor: pair.slice(0, separator), sha256: hashApiKey(pair.slice(separator + 1)), createdAt: '' };
    });
}

export interface KeyFileResult {
  keys: StoredApiKey[];
  /** Set when a local key was created on this start: where its plain text was written. */
  createdKeyFile?: string;
}

/**
 * Keys kept in `<dataDir>/api-keys.json`. On a fresh data directory one local key is
 * created for the actor `local-analyst`; its plain text goes to `<dataDir>/local-api-key`
 * (mode 0600) so that the README's curl walkthrough can read it.
 */
export function loadOrCreateKeyFile(keysFile: string, localKeyFile: string, now: Date): KeyFileResult {
  if (existsSync(keysFile)) {
    const parsed = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys?: StoredApiKey[] };
    return { keys: parsed.keys ?? [] };
  }
  mkdirSync(dirname(keysFile), { recursive: true });
  const key = `dl_${randomBytes(24).toString('base64url')}`;
  const keys = [{ actor: 'local-analyst', sha256: hashApiKey(key), createdAt: now.toISOString() }];
  writeFileSync(keysFile, JSON.stringify({ keys }, null, 2) + '\n', { mode: 0o600 });
  writeFileSync(localKeyFile, key + '\n', { mode: 0o600 });
  chmodSync(localKeyFile, 0o600);
  return { keys, createdKeyFile: localKeyFile };
}
