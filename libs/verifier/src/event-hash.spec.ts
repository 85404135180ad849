import { createHash } from 'node:crypto';
import { eventHash, EVENT_HASH_ALGORITHM, GENESIS_HASH, type HashedEventFields } from './event-hash.js';

const fields: HashedEventFields = {
  previousHash: GENESIS_HASH,
  streamId: 'deal-caremag-2025',
  revision: 0,
  eventId: '0190f5d2-0000-7000-8000-000000000001',
  type: 'DealRecorded.v1',
  data: { value: '110000000', figure: 'amount' },
  metadata: { actor: 'analyst-1', commandId: 'c', correlationId: 'c', causationId: 'c' },
  recordedAt: '2025-03-17T09:00:00.000Z',
};

describe('eventHash (sha256-canonical-json-v1)', () => {
  it('is named, and starts each stream from 64 zeros', () => {
    expect(EVENT_HASH_ALGORITHM).toBe('sha256-canonical-json-v1');
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is SHA-256 in hex over the canonical JSON of exactly the eight hashed fields', () => {
    const canonical =
      '{"data":{"figure":"amount","value":"110000000"},"eventId":"0190f5d2-0000-7000-8000-000000000001",' +
      '"metadata":{"actor":"analyst-1","causationId":"c","commandId":"c","correlationId":"c"},' +
      `"previousHash":"${GENESIS_HASH}","recordedAt":"2025-03-17T09:00:00.000Z","revision":0,"streamId":"deal-caremag-2025","type":"DealRecorded.v1"}`;
    expect(eventHash(fields)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('leaves out anything else an event carries: its position and its own hash', () => {
    expect(eventHash({ ...fields, position: '17', hash: 'f'.repeat(64) } as HashedEventFields)).toBe(eventHash(fields));
  });

  it('chains: the same event after another previous hash hashes differently', () => {
    expect(eventHash({ ...fields, previousHash: eventHash(fields) })).not.toBe(eventHash(fields));
  });
});
