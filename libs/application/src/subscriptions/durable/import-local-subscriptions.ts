import { existsSync, renameSync } from 'node:fs';
import type { DurableSubscriptionStates } from './durable-subscription-states.js';
import { DurableSubscriptionStore, openSubscriptionDatabase } from './durable-subscription-store.js';

/** What an imported `subscriptions.sqlite` is renamed to: never imported again, kept for an operator. */
export const IMPORTED_SUBSCRIPTIONS_FILE = 'subscriptions.imported.sqlite';

/**
 * Moves the durable subscriptions a replica kept in its own `subscriptions.sqlite` (releases
 * before their state lived in KurrentDB) into the shared store, once: a consumer then resumes
 * at its checkpoint rather than finding its subscription gone (and one ensured again with
 * `from: 'end'` skipping what came meanwhile). A name the shared store holds already (another
 * replica's file had it, or it was created there since) is left as it is there. The file is
 * renamed afterwards, so a subscription deleted later is not brought back by the next start.
 * Returns the names imported.
 */
export async function importLocalSubscriptions(file: string, into: DurableSubscriptionStates, renamedTo: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  const db = openSubscriptionDatabase(file);
  const imported: string[] = [];
  try {
    const local = new DurableSubscriptionStore(db);
    for (const record of local.list()) {
      if (await into.get(record.name)) continue;
      const { name, selection, startPosition, maxRetries, maxInFlight, createdBy } = record;
      try {
        await into.insert({ name, selection, startPosition, maxRetries, maxInFlight, createdBy });
      } catch (error) {
        // Another replica starting at the same time imported (or someone created) it first.
        if (await into.get(name)) continue;
        throw error;
      }
      const state = local.sessionState(name);
      const parked = local.listParked(name);
      // Parked first, each with the checkpoint of the file: parking also settles.
      for (const { event, reason, attempts } of parked) await into.park(name, event, reason, attempts, state.checkpoint);
      await into.settle(name, [...state.settledAbove], state.checkpoint);
      for (const [position, nacks] of state.nacks) for (let n = 0; n < nacks; n++) await into.recordNack(name, position, 'imported');
      const replays = parked.filter((p) => p.replayRequestedAt !== undefined).map((p) => p.position);
      if (replays.length > 0) await into.requestReplay(name, replays);
      imported.push(name);
    }
  } finally {
    db.close();
  }
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${renamedTo}${suffix}`);
  return imported;
}
