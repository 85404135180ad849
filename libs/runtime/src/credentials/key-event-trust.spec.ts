import { randomUUID } from 'node:crypto';
import { ACCESS_KEYS_STREAM } from '#application';
import { InMemoryEventStore } from '#event-store';
import { assertTrustWithinKeyStream } from './key-event-trust.js';

const keyEvent = () => {
  const id = randomUUID();
  return { eventId: id, type: 'ApiKeyIssued.v1', data: { name: 'ops' }, metadata: { actor: 'ops', commandId: id, correlationId: id, causationId: id } };
};

describe('the revision up to which unsigned key events are trusted on KurrentDB', () => {
  it('may name the key stream’s last revision, or one before', async () => {
    const store = new InMemoryEventStore();
    await store.append(ACCESS_KEYS_STREAM, [keyEvent(), keyEvent()], 'no_stream');
    await expect(assertTrustWithinKeyStream(store, { store: 'kurrentdb', trustUnsignedKeyEventsThrough: 1 })).resolves.toBeUndefined();
    await expect(assertTrustWithinKeyStream(store, { store: 'kurrentdb', trustUnsignedKeyEventsThrough: 0 })).resolves.toBeUndefined();
  });

  it('stops the start past the stream’s end, where it would vouch for events not yet written', async () => {
    const store = new InMemoryEventStore();
    await expect(assertTrustWithinKeyStream(store, { store: 'kurrentdb', trustUnsignedKeyEventsThrough: 0 })).rejects.toThrow(/holds nothing/);
    await store.append(ACCESS_KEYS_STREAM, [keyEvent()], 'no_stream');
    await expect(assertTrustWithinKeyStream(store, { store: 'kurrentdb', trustUnsignedKeyEventsThrough: 5 })).rejects.toThrow(/past the last revision/);
  });

  it('is not read on SQLite, where unsigned key events stay trusted', async () => {
    await expect(assertTrustWithinKeyStream(new InMemoryEventStore(), { store: 'sqlite', trustUnsignedKeyEventsThrough: 5 })).resolves.toBeUndefined();
  });
});
