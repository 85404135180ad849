import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ApiKeyBook, keyView, loadOrCreateSigningKey, readSigningKey } from '#application';
import { ROLES } from '#domain';
import { keyEventsOf, loadConfig, openEventStore, tamperEvidenceSettings } from '#runtime';

/** `ledger keys create|list|revoke`: API keys in the ledger's `access-keys` stream, seen by a running server at once. */
export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('issue, list and revoke API keys (LEDGER_DATA_DIR, LEDGER_STORE from the environment)');

  keys
    .command('create')
    .description('issue an API key and print it, once: only its SHA-256 is kept')
    .requiredOption('--name <name>', 'who the key acts as (the actor on what it writes)')
    .requiredOption('--role <role...>', `one or more of ${ROLES.join(', ')}`)
    .option('--json', 'print the key and its record as JSON')
    .action(async (options: { name: string; role: string[]; json?: boolean }) => {
      const { key, record } = await withBook((book) => book.issue({ name: options.name, roles: options.role }, operator()));
      if (options.json) console.log(JSON.stringify({ ...keyView(record), key }));
      else {
        console.log(`Issued ${record.keyId} for ${record.name} (${record.roles.join(', ')}). The key, shown only this once:`);
        console.log(key);
      }
    });

  keys
    .command('list')
    .description('every key issued, with its roles and whether it was revoked')
    .option('--json', 'print the keys as JSON')
    .action(async (options: { json?: boolean }) => {
      const records = await withBook((book) => book.list());
      if (options.json) console.log(JSON.stringify(records.map(keyView)));
      else for (const r of records) console.log(`${r.keyId}  ${r.name}  ${r.roles.join('+')}  issued ${r.issuedAt} by ${r.issuedBy}${r.revokedAt ? `  REVOKED ${r.revokedAt}` : ''}`);
    });

  keys
    .command('revoke')
    .description('revoke a key by id, or by the name of an active key: refused from the next request on')
    .argument('<key>', 'a key id (key-…) or name')
    .option('--reason <text>', 'why (recorded with the revocation)')
    .action(async (key: string, options: { reason?: string }) => {
      const record = await withBook((book) => book.revoke(key, operator(), options.reason));
      console.log(`Revoked ${record.keyId} (${record.name}).`);
    });
}

const operator = (): string => `cli:${userInfo().username}`;

/**
 * Key events are signed with the ledger's key, as `ledger serve` would sign them. On SQLite the
 * key lives with the data, so a first use here creates it, as the server would; on KurrentDB the
 * CLI may run where the servers' key is not, and a key of its own would sign keys they refuse.
 */
function signingKeyFor(config: ReturnType<typeof loadConfig>) {
  const file = tamperEvidenceSettings(config).signingKeyFile;
  if (config.store !== 'kurrentdb') return loadOrCreateSigningKey(file);
  const key = readSigningKey(file);
  if (key === undefined) {
    throw new Error(`No signing key at ${file}: on KurrentDB, give the servers' key (LEDGER_SIGNING_KEY_FILE), so that they believe the keys made here`);
  }
  return key;
}

async function withBook<T>(use: (book: ApiKeyBook) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { privateKey } = signingKeyFor(config);
  const store = await openEventStore(config);
  try {
    return await use(new ApiKeyBook(store, keyEventsOf(config, privateKey)));
  } finally {
    await store.close();
  }
}
