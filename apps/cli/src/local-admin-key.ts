import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyBook, type KeyEvents } from '#application';
import { KEY_NAME, SHA256_HEX } from '#domain';
import type { EventStore } from '#event-store';

export interface LocalKeySetup {
  /** Where a key issued on this start was written in plain text (mode 0600). */
  createdKeyFile?: string;
  /** Keys carried over from an `api-keys.json` of an earlier release. */
  migrated: number;
}

/**
 * On a ledger with no key issued yet, issues one admin key, `local-admin`, and writes it
 * to `<dataDir>/local-api-key` (mode 0600) for the README's walkthrough and the web page.
 * Keys of an earlier release's `api-keys.json` (hashes, no roles: they could write and
 * run admin routes) are issued again with the admin role, and the file is renamed.
 */
export async function setUpLocalKeys(store: EventStore, keys: KeyEvents, dataDir: string): Promise<LocalKeySetup> {
  const book = new ApiKeyBook(store, keys);
  if ((await book.list()).length > 0) return { migrated: 0 };
  const migrated = await migrateKeyFile(book, join(dataDir, 'api-keys.json'));
  if (migrated > 0) return { migrated };
  const { key } = await book.issue({ name: 'local-admin', roles: ['admin'] }, 'ledger:first-start');
  const file = join(dataDir, 'local-api-key');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return { createdKeyFile: file, migrated: 0 };
}

async function migrateKeyFile(book: ApiKeyBook, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const { keys = [] } = JSON.parse(readFileSync(file, 'utf8')) as { keys?: { actor: string; sha256: string }[] };
  // All or none: a key that cannot be carried over stops the start before any is.
  const unfit = keys.filter((key) => !KEY_NAME.test(key.actor) || !SHA256_HEX.test(key.sha256));
  if (unfit.length > 0) {
    throw new Error(`${file}: cannot carry over the keys of ${unfit.map((k) => JSON.stringify(k.actor)).join(', ')} (names must match ${KEY_NAME}); fix or remove them`);
  }
  for (const key of keys) await book.adopt({ name: key.actor, roles: ['admin'], sha256: key.sha256 }, 'ledger:key-file-migration');
  renameSync(file, `${file}.migrated`);
  return keys.length;
}

