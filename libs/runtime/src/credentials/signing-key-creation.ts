import { existsSync } from 'node:fs';
import type { EventStore } from '#event-store';
import type { LedgerConfig } from '../config.js';

/**
 * Whether a process that finds no signing key may create one. On SQLite (and in memory) it
 * may: the key lives beside the one store file it signs for. On KurrentDB every replica and
 * every `ledger` command share one ledger, whose key events (in `access-keys`) and
 * checkpoints are signed with one key; a replica that made a key of its own would refuse the
 * others' key events, sign ones they refuse, and sign checkpoints no verifier ties to the
 * ledger. So on KurrentDB a key is created only for a ledger that has no history yet: the
 * store holds none of its events (the first start of the first replica). Any event at all
 * means some process already ran this ledger with a key, which this one must be given.
 * (Two replicas started together on an empty store would still each make one: start the
 * first alone, then hand its key to the others.)
 */
export async function assertSigningKeyMayBeCreated(store: EventStore, config: Pick<LedgerConfig, 'store'>, keyFile: string): Promise<void> {
  if (config.store !== 'kurrentdb' || existsSync(keyFile)) return;
  const head = await store.headPosition();
  if (head === 0) return;
  throw new Error(
    `No signing key at ${keyFile}, and this KurrentDB ledger already has a history (events up to position ${head}), signed with a key ` +
      'made by the process that started it: a new key here would sign key events and checkpoints that the other replicas and ' +
      "verifiers refuse. Give this process the ledger's key file with LEDGER_SIGNING_KEY_FILE (the same file on every replica, " +
      'read-only); a key is created only on the first start of a new, empty ledger',
  );
}
