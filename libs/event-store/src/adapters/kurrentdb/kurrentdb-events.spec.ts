import type { EventType, JSONEventData, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { prepareAppend } from '../../append-preparation.js';
import { eventHash, GENESIS_HASH } from '../../chain/event-hash.js';
import { UnreadableEventError } from '../../event-store.errors.js';
import type { EventMetadata, JsonObject, RecordedEvent } from '../../event-store.port.js';
import { metadata, newEvent, newEvents } from '../../testing/contract-fixtures.js';
import { fromKurrentEvent, headOf, toEventData } from './kurrentdb-events.js';
import { exactStreamState, fromCurrentState } from './kurrentdb-expected-revision.js';

const recordedAt = '2025-03-17T09:00:00.000Z';

/** What the server would hand back for an event written as `data`, at `revision` and `offset`. */
function asStored(data: JSONEventData, streamName: string, revision: number, offset: bigint): KurrentRecordedEvent<EventType> {
  const json = JSON.parse(JSON.stringify({ data: data.data, metadata: data.metadata }));
  return {
    streamId: streamName,
    id: data.id,
    isJson: true,
    revision: BigInt(revision),
    type: data.type,
    created: new Date('2025-03-17T09:00:00.123Z'),
    data: json.data,
    metadata: json.metadata,
    position: { commit: offset, prepare: offset },
  } as KurrentRecordedEvent<EventType>;
}

const hashOf = (event: RecordedEvent, previousHash: string) =>
  eventHash({ ...event, previousHash, data: event.data as JsonObject, metadata: event.metadata as EventMetadata });

describe('events written to and read from KurrentDB', () => {
  it('are JSON events with our ids and types, and read back exactly, under our stream name', () => {
    const event = newEvent({ type: 'InvestmentAnnounced.v2', data: { amount: '110000000', nested: { list: [1, 'two', null] } } });
    const [data] = toEventData(prepareAppend('deal-1', [event], 'no_stream').events, { streamId: 'deal-1', head: undefined, recordedAt });
    expect(data).toMatchObject({ id: event.eventId, contentType: 'application/json', type: 'InvestmentAnnounced.v2', data: event.data });

    const read = fromKurrentEvent(asStored(data!, 'run_1.deal-1', 0, 4242n), 'deal-1');
    expect(read).toMatchObject({ eventId: event.eventId, streamId: 'deal-1', revision: 0, position: 4242, type: event.type, recordedAt });
    expect(read.data).toStrictEqual(event.data);
    expect(read.metadata).toStrictEqual(event.metadata);
  });

  it('send what was checked, not what the caller changed afterwards', () => {
    const event = newEvent({ data: { value: 'checked' } });
    const prepared = prepareAppend('deal-1', [event], 'no_stream').events;
    (event.data as { value: string }).value = 'changed';
    expect(toEventData(prepared, { streamId: 'deal-1', head: undefined, recordedAt })[0]!.data).toEqual({ value: 'checked' });
  });

  it('carry hashes chained from the genesis hash, or from the stream’s head, that a verifier recomputes from what reads back', () => {
    const first = toEventData(prepareAppend('deal-1', newEvents(2), 'no_stream').events, { streamId: 'deal-1', head: undefined, recordedAt });
    const stored = first.map((data, i) => fromKurrentEvent(asStored(data, 'deal-1', i, BigInt(100 + i)), 'deal-1'));
    expect(stored[0]!.hash).toBe(hashOf(stored[0]!, GENESIS_HASH));
    expect(stored[1]!.hash).toBe(hashOf(stored[1]!, stored[0]!.hash));

    const later = '2025-03-18T10:00:00.000Z';
    const next = toEventData(prepareAppend('deal-1', newEvents(1), 1).events, { streamId: 'deal-1', head: headOf(stored[1]), recordedAt: later });
    const third = fromKurrentEvent(asStored(next[0]!, 'deal-1', 2, 300n), 'deal-1');
    expect(third).toMatchObject({ revision: 2, recordedAt: later });
    expect(third.hash).toBe(hashOf(third, stored[1]!.hash));
  });

  it('keep the caller’s correlation and causation ids under KurrentDB’s reserved keys', () => {
    const meta = metadata({ correlationId: 'corr-1', causationId: 'cause-1' });
    const [data] = toEventData(prepareAppend('deal-1', [newEvent({ metadata: meta })], 'no_stream').events, { streamId: 'deal-1', head: undefined, recordedAt });
    expect(data!.metadata).toMatchObject({ $correlationId: 'corr-1', $causationId: 'cause-1' });
  });

  it.each<[string, Partial<KurrentRecordedEvent<EventType>>]>([
    ['binary data', { isJson: false, data: new Uint8Array([1]) } as never],
    ['JSON data that is not an object', { data: [1, 2] } as never],
    ['metadata without the ledger’s commit time and hash', { metadata: { actor: 'someone else' } } as never],
    ['no metadata at all', { metadata: undefined } as never],
  ])('hand on an event with %s, as one whose content throws as unreadable where it is read', (_, override) => {
    const [data] = toEventData(prepareAppend('deal-1', [newEvent()], 'no_stream').events, { streamId: 'deal-1', head: undefined, recordedAt });
    const read = fromKurrentEvent({ ...asStored(data!, 'deal-1', 3, 77n), ...override } as never, 'deal-1');
    expect(read).toMatchObject({ eventId: data!.id, streamId: 'deal-1', revision: 3, position: 77, type: data!.type });
    expect(typeof read.recordedAt).toBe('string');
    for (const content of [() => read.data, () => read.metadata, () => read.hash, () => ({ ...read }), () => JSON.stringify(read)]) {
      expect(content).toThrow(UnreadableEventError);
      expect(content).toThrow(/deal-1@3 \(position 77\) cannot be read/);
    }
  });

  it('date an event without the ledger’s metadata by the server’s clock', () => {
    const [data] = toEventData(prepareAppend('deal-1', [newEvent()], 'no_stream').events, { streamId: 'deal-1', head: undefined, recordedAt });
    const read = fromKurrentEvent({ ...asStored(data!, 'deal-1', 0, 1n), metadata: {} } as never, 'deal-1');
    expect(read.recordedAt).toBe('2025-03-17T09:00:00.123Z');
  });
});

describe('expected revisions sent to KurrentDB', () => {
  it('are always the exact revision the hashes were chained to', () => {
    expect(exactStreamState(undefined)).toBe('no_stream');
    expect(exactStreamState(0)).toBe(0n);
    expect(exactStreamState(41)).toBe(41n);
  });

  it('come back from a conflict as the stream’s revision or no_stream', () => {
    expect(fromCurrentState('no_stream')).toBe('no_stream');
    expect(fromCurrentState(7n)).toBe(7);
  });
});
