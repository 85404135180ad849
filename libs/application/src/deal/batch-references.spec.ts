import { DEFAULT_EFFECTIVE_WINDOW, dealStreamName, partyStreamName, type DealCommand, type PartyCommand } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { TEST_NOW } from '#testing';
import { registered } from '../../../domain/src/deal/testing/caremag.js';
import type { CommandContext } from '../command-context.js';
import { recordPartyCommand } from '../party/record-on-party-stream.js';
import { recordInBatch, type BulkOutcome } from './bulk-record.js';

const context = (commandId: string): CommandContext => ({ actor: 'analyst-1', commandId, correlationId: commandId, causationId: commandId, receivedAt: TEST_NOW });
const registerParty: PartyCommand = { type: 'RegisterParty', partyId: 'iwatani', name: 'Iwatani', kind: 'company', source: { publisher: 'GLEIF', tier: 'primary' }, reportedAt: '2025-03-17' };
const registerDeal = (dealId: string): DealCommand => ({ type: 'RegisterDeal', ...registered, dealId });
const refuseAlone = async (): Promise<BulkOutcome> => ({ ok: false, error: new Error('not expected') });
const batch = (store: InMemoryEventStore, ...dealIds: string[]) =>
  recordInBatch(store, dealIds.map((dealId) => ({ command: registerDeal(dealId), context: context(dealId) })), { effectiveWindow: DEFAULT_EFFECTIVE_WINDOW }, refuseAlone);
const iwataniOf = async (store: InMemoryEventStore, dealId: string) =>
  ((await store.readStream(dealStreamName(dealId)))[0]!.data.parties as { partyId: string; registered?: true }[]).find((p) => p.partyId === 'iwatani');

/** The bulk path's reads of the party registry: once per party per batch, and never staler than the batch. */
describe('a batch reads the streams its deals name once', () => {
  it('reads a party named by every deal of the batch once, and marks it registered on each', async () => {
    const store = new InMemoryEventStore();
    await recordPartyCommand(store, registerParty, context('party'), { maxConflictRetries: 1, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW });
    const reads = jest.spyOn(store, 'readStream');
    const outcomes = await batch(store, 'deal-a', 'deal-b', 'deal-c');
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(reads.mock.calls.filter(([streamId]) => streamId === partyStreamName('iwatani'))).toHaveLength(1);
    for (const dealId of ['deal-a', 'deal-b', 'deal-c']) expect(await iwataniOf(store, dealId)).toMatchObject({ registered: true });
  });

  it('sees a party registered between two batches, as an import does with a party line', async () => {
    const store = new InMemoryEventStore();
    await batch(store, 'before');
    await recordPartyCommand(store, registerParty, context('party'), { maxConflictRetries: 1, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW });
    await batch(store, 'after');
    expect(await iwataniOf(store, 'before')).not.toHaveProperty('registered');
    expect(await iwataniOf(store, 'after')).toMatchObject({ registered: true });
  });
});
