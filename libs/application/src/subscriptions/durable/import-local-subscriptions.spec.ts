import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '#event-store';
import { DurableSubscriptionStore, openSubscriptionDatabase } from './durable-subscription-store.js';
import { EventStreamSubscriptionStates } from './event-stream-subscription-states.js';
import { importLocalSubscriptions } from './import-local-subscriptions.js';

describe('moving subscriptions.sqlite into the shared store', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A replica's file of an earlier release, holding `risk` at `checkpoint`. */
  function replicaFile(checkpoint: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    dirs.push(dir);
    const file = join(dir, 'subscriptions.sqlite');
    const db = openSubscriptionDatabase(file);
    const local = new DurableSubscriptionStore(db);
    local.insert({ name: 'risk', selection: { categories: ['deal'] }, startPosition: 0, maxRetries: 3, maxInFlight: 10, createdBy: 'risk-service' });
    local.settle('risk', [checkpoint + 2], checkpoint);
    db.close();
    return file;
  }

  it('imports a name once when two replicas start at the same time with it in their files, and renames both files', async () => {
    const events = new InMemoryEventStore();
    const files = [replicaFile(5), replicaFile(7)];
    const imported = await Promise.all(files.map((file) => importLocalSubscriptions(file, new EventStreamSubscriptionStates(events), `${file}.imported`)));
    expect(imported.flat()).toEqual(['risk']);
    const shared = new EventStreamSubscriptionStates(events);
    expect(await shared.list()).toMatchObject([{ name: 'risk', createdBy: 'risk-service' }]);
    const state = await shared.sessionState('risk');
    // One file's state, whole: its checkpoint with its ack above it.
    expect([[5, [7]], [7, [9]]]).toContainEqual([state.checkpoint, [...state.settledAbove]]);
    for (const file of files) expect([existsSync(file), existsSync(`${file}.imported`)]).toEqual([false, true]);
    expect(await importLocalSubscriptions(files[0]!, shared, `${files[0]}.again`)).toEqual([]);
  });
});
