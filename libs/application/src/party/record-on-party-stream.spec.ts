import { DEFAULT_EFFECTIVE_WINDOW, partyStreamName, type PartyCommand } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { TEST_NOW } from '#testing';
import type { CommandContext } from '../command-context.js';
import { recordPartyCommand } from './record-on-party-stream.js';

const source = { publisher: 'GLEIF', tier: 'primary' as const };
const settings = { maxConflictRetries: 3, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW };
const context = (commandId: string, expectedRevision?: number): CommandContext => ({
  actor: 'analyst-1',
  commandId,
  correlationId: commandId,
  causationId: commandId,
  receivedAt: TEST_NOW,
  ...(expectedRevision !== undefined ? { expectedRevision } : {}),
});
const register = (partyId: string): PartyCommand => ({ type: 'RegisterParty', partyId, name: partyId, kind: 'company', source, reportedAt: '2025-03-17' });
const link = (parentId: string): PartyCommand => ({ type: 'LinkPartyParent', partyId: 'caremag', parentId, effectiveAt: '2022-06-01', source, reportedAt: '2025-03-17' });

/** The party command path on the in-memory store (the same contract suite as SQLite and KurrentDB): no store is mocked. */
describe('recording a party command', () => {
  it('appends on the party stream with the command metadata, and replays the same command id', async () => {
    const store = new InMemoryEventStore();
    const first = await recordPartyCommand(store, register('caremag'), context('c-1'), settings);
    expect(first).toMatchObject({ partyId: 'caremag', revision: 0, eventTypes: ['PartyRegistered.v1'], replayed: false });
    const again = await recordPartyCommand(store, register('caremag'), context('c-1'), settings);
    expect(again).toEqual({ ...first, replayed: true });
    const stored = await store.readStream(partyStreamName('caremag'));
    expect(stored.map((e) => [e.type, e.metadata.commandType, e.metadata.actor])).toEqual([['PartyRegistered.v1', 'RegisterParty', 'analyst-1']]);
  });

  it('reads the parent stream before deciding: unknown until it is registered', async () => {
    const store = new InMemoryEventStore();
    await recordPartyCommand(store, register('caremag'), context('c-1'), settings);
    await expect(recordPartyCommand(store, link('carester'), context('c-2'), settings)).rejects.toMatchObject({ code: 'PARTY.UNKNOWN_PARENT' });
    await recordPartyCommand(store, register('carester'), context('c-3'), settings);
    expect(await recordPartyCommand(store, link('carester'), context('c-4'), settings)).toMatchObject({ revision: 1, eventTypes: ['PartyParentLinked.v1'] });
  });

  it('appends only at the If-Match revision: a stale one is a precondition failure naming the party', async () => {
    const store = new InMemoryEventStore();
    await recordPartyCommand(store, register('caremag'), context('c-1'), settings);
    const rename: PartyCommand = { type: 'RenameParty', partyId: 'caremag', name: 'Caremag SAS', effectiveAt: '2025-01-01', source, reportedAt: '2025-03-17' };
    await expect(recordPartyCommand(store, rename, context('c-2', 5), settings)).rejects.toMatchObject({
      code: 'CONCURRENCY.STALE_REVISION',
      kind: 'precondition_failed',
      message: expect.stringContaining('Party caremag'),
    });
    expect(await recordPartyCommand(store, rename, context('c-3', 0), settings)).toMatchObject({ revision: 1 });
  });
});
