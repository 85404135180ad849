import type { RecordedEvent } from '#event-store';
import { toEventEnvelope } from './event-envelope.js';

describe('toEventEnvelope', () => {
  it('sends an event a disposal emptied as stored, with its disposal, rather than failing to decode it', () => {
    const disposal = { disposalEventId: '0190f5d2-0000-7000-8000-00000000d15c', disposalPosition: 40, disposedAt: '2031-04-01T00:00:00.000Z' };
    const emptied: RecordedEvent = {
      eventId: '0190f5d2-0000-7000-8000-000000000001',
      streamId: 'deal-old-2018',
      revision: 0,
      position: 3,
      type: 'DealRegistered.v1',
      data: {},
      metadata: {} as RecordedEvent['metadata'],
      recordedAt: '2018-04-01T09:00:00.000Z',
      hash: 'a'.repeat(64),
      disposal,
    };
    expect(toEventEnvelope(emptied)).toMatchObject({ dealId: 'old-2018', type: 'DealRegistered.v1', data: {}, metadata: {}, hash: 'a'.repeat(64), disposal });
  });
});
