import { StreamSlots } from './stream-slots.js';

describe('StreamSlots', () => {
  it('bounds open streams per identity, apart for each, and frees a slot on release (once)', () => {
    const slots = new StreamSlots(2);
    const first = slots.take('a');
    slots.take('a');
    expect(() => slots.take('a')).toThrow(expect.objectContaining({ code: 'SUBSCRIPTION.TOO_MANY_STREAMS', kind: 'rate_limited' }));
    expect(() => slots.take('b')).not.toThrow();
    first();
    first();
    expect(() => slots.take('a')).not.toThrow();
    expect(() => slots.take('a')).toThrow(expect.objectContaining({ details: { limit: 2, retryAfterSeconds: 1 } }));
  });
});
