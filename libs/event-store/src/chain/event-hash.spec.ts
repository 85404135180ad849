import { createHash } from 'node:crypto';
import { eventHash, GENESIS_HASH, type HashedEventFields } from './event-hash.js';

const fields: HashedEventFields = {
  previousHash: GENESIS_HASH,
  streamId: 'deal-1',
  revision: 0,
  eventId: '0190f5d2-0000-7000-8000-000000000001',
  type: 'SomethingHappened.v1',
  data: { amount: '110000000', nested: { b: 1, a: [2, 'x'] } },
  metadata: { actor: 'analyst-1', commandId: 'c', correlationId: 'c', causationId: 'c' },
  recordedAt: '2025-03-17T09:00:00.000Z',
};

describe('eventHash', () => {
  it('starts every stream from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is SHA-256 (hex) over the canonical JSON of the fields: sorted keys, no white space', () => {
    const canonical =
      '{"data":{"amount":"110000000","nested":{"a":[2,"x"],"b":1}},"eventId":"0190f5d2-0000-7000-8000-000000000001",' +
      '"metadata":{"actor":"analyst-1","causationId":"c","commandId":"c","correlationId":"c"},' +
      `"previousHash":"${GENESIS_HASH}","recordedAt":"2025-03-17T09:00:00.000Z","revision":0,"streamId":"deal-1","type":"SomethingHappened.v1"}`;
    expect(eventHash(fields)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on the order of keys', () => {
    const reordered = { ...fields, data: { nested: { a: [2, 'x'], b: 1 }, amount: '110000000' } };
    expect(eventHash(reordered)).toBe(eventHash(fields));
  });

  it.each<[string, Partial<HashedEventFields>]>([
    ['the previous hash', { previousHash: '1'.repeat(64) }],
    ['the stream', { streamId: 'deal-2' }],
    ['the revision', { revision: 1 }],
    ['the event id', { eventId: '0190f5d2-0000-7000-8000-000000000002' }],
    ['the type', { type: 'SomethingElse.v1' }],
    ['one character of the data', { data: { ...fields.data, amount: '110000001' } }],
    ['a metadata field', { metadata: { ...fields.metadata, actor: 'someone-else' } }],
    ['the recorded time', { recordedAt: '2025-03-17T09:00:00.001Z' }],
  ])('changes when %s changes', (_, change) => {
    expect(eventHash({ ...fields, ...change })).not.toBe(eventHash(fields));
  });

  it('covers a "__proto__" member, which JSON.parse creates as an ordinary key', () => {
    const withProto = (value: number) => JSON.parse(`{"__proto__": {"amount": ${value}}}`);
    expect(eventHash({ ...fields, data: withProto(1) })).not.toBe(eventHash({ ...fields, data: withProto(2) }));
  });
});
