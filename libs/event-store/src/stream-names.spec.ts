import { InvalidStreamNameError } from './event-store.errors.js';
import { assertWritableStreamName, categoryOf, matchesFilter } from './stream-names.js';

describe('categoryOf', () => {
  it.each([
    ['deal-123', 'deal'],
    ['deal-abc-def', 'deal'],
    ['deal', 'deal'],
    ['-x', ''],
    ['deal-', 'deal'],
  ])('%s → %s', (streamId, category) => {
    expect(categoryOf(streamId)).toBe(category);
  });
});

describe('assertWritableStreamName', () => {
  it.each(['', '$ce-deal', '$', 'x'.repeat(201), 42 as unknown as string])('refuses %p', (streamId) => {
    expect(() => assertWritableStreamName(streamId)).toThrow(InvalidStreamNameError);
  });

  it.each(['deal-1', 'x'.repeat(200), 'a$b', 'déal-€'])('accepts %p', (streamId) => {
    expect(() => assertWritableStreamName(streamId)).not.toThrow();
  });
});

describe('matchesFilter', () => {
  const event = { streamId: 'deal-1', type: 'StakeDisclosed.v2' };

  it('matches everything without a filter or with an empty one', () => {
    expect(matchesFilter(event, undefined)).toBe(true);
    expect(matchesFilter(event, {})).toBe(true);
  });

  it('needs every given criterion to hold, any value of each', () => {
    expect(matchesFilter(event, { categories: ['fund', 'deal'], eventTypes: ['StakeDisclosed.v2'] })).toBe(true);
    expect(matchesFilter(event, { categories: ['deal'], eventTypes: ['Other.v1'] })).toBe(false);
    expect(matchesFilter(event, { streamIds: ['deal-2'] })).toBe(false);
  });

  it('matches nothing with an empty list', () => {
    expect(matchesFilter(event, { streamIds: [] })).toBe(false);
  });
});
