import type { Filter } from '@kurrent/kurrentdb-client';
import fc from 'fast-check';
import type { EventFilter } from '../../event-store.port.js';
import { matchesFilter } from '../../stream-names.js';
import { escapeRegex, serverFilterFor } from './kurrentdb-filters.js';
import { checkScope, ledgerStreamName, serverStreamName, type StoreScope } from './kurrentdb-scope.js';

/**
 * Whether the server would pass an event. The regexes the adapter builds use only what
 * .NET and JavaScript read alike (anchors, groups, alternation, escapes).
 */
function serverPasses(filter: Filter, event: { streamName: string; type: string }): boolean {
  if (!('regex' in filter)) throw new Error('the adapter builds regex filters only');
  return new RegExp(filter.regex).test(filter.filterOn === 'streamName' ? event.streamName : event.type);
}

describe('server-side filters for reads and subscriptions of $all', () => {
  const plain = checkScope();

  it('always keep system streams out', () => {
    const filter = serverFilterFor(plain, undefined)!;
    expect(filter).toMatchObject({ filterOn: 'streamName' });
    expect(serverPasses(filter, { streamName: 'deal-1', type: 'DealRegistered.v2' })).toBe(true);
    for (const streamName of ['$ce-deal', '$$deal-1', '$et-DealRegistered.v2', '$projections-$all']) {
      expect(serverPasses(filter, { streamName, type: '$>' })).toBe(false);
    }
  });

  it('filter on the category by stream name: the part before the first dash, or the whole name', () => {
    const filter = serverFilterFor(plain, { categories: ['deal'] })!;
    expect(filter).toMatchObject({ filterOn: 'streamName', regex: '^(?:deal)(?:-|$)' });
    const passes = (streamName: string) => serverPasses(filter, { streamName, type: 'X' });
    expect(passes('deal-caremag-2025')).toBe(true);
    expect(passes('deal')).toBe(true);
    expect(passes('dealer-1')).toBe(false);
    expect(passes('$ce-deal')).toBe(false);
  });

  it('filter on event types server-side only when nothing narrows the stream names', () => {
    expect(serverFilterFor(plain, { eventTypes: ['InvestmentAnnounced.v2'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:InvestmentAnnounced\\.v2)$',
    });
    // Both criteria given: the server takes the stream names, the adapter checks the types.
    expect(serverFilterFor(plain, { categories: ['deal'], eventTypes: ['A.v1'] })).toMatchObject({ filterOn: 'streamName' });
  });

  it('say "nothing" for a filter that matches nothing, so the server is not asked', () => {
    expect(serverFilterFor(plain, { categories: [] })).toBeUndefined();
    expect(serverFilterFor(plain, { eventTypes: [] })).toBeUndefined();
    expect(serverFilterFor(plain, { streamIds: [] })).toBeUndefined();
    expect(serverFilterFor(checkScope('', ['deal']), { categories: ['fund'] })).toBeUndefined();
    expect(serverFilterFor(checkScope('', ['deal']), { streamIds: ['fund-1'] })).toBeUndefined();
  });

  it('stay inside the store’s prefix and categories whatever the caller asks', () => {
    const scope = checkScope('t1.', ['deal']);
    const filter = serverFilterFor(scope, undefined)!;
    expect(serverPasses(filter, { streamName: 't1.deal-1', type: 'A' })).toBe(true);
    expect(serverPasses(filter, { streamName: 't1.fund-1', type: 'A' })).toBe(false);
    expect(serverPasses(filter, { streamName: 'deal-1', type: 'A' })).toBe(false);
    expect(serverPasses(filter, { streamName: 't2.deal-1', type: 'A' })).toBe(false);
  });

  it('escape every character a regular expression gives a meaning to', () => {
    const special = 'a.b*c+d?e^f$g|h(i)j[k]l{m}n\\o';
    expect(new RegExp(`^${escapeRegex(special)}$`).test(special)).toBe(true);
    expect(new RegExp(`^${escapeRegex('a.b')}$`).test('axb')).toBe(false);
  });

  describe('never drop an event that the store’s own check keeps (property)', () => {
    const name = fc.stringMatching(/^[a-z.$()|*+?\\^[\]{}é💶-]{1,6}$/);
    const streamId = fc.oneof(name, fc.tuple(name, name).map(([a, b]) => `${a}-${b}`));
    const filterArb: fc.Arbitrary<EventFilter> = fc.record(
      {
        categories: fc.array(name, { maxLength: 3 }),
        eventTypes: fc.array(name, { maxLength: 3 }),
        streamIds: fc.array(streamId, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    const scopeArb: fc.Arbitrary<StoreScope> = fc.record({
      prefix: fc.constantFrom('', 'run_1.', 'x'),
      categories: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    }).map(({ prefix, categories }) => checkScope(prefix, categories));

    it('for any scope, filter, stream and type', () => {
      fc.assert(
        fc.property(scopeArb, filterArb, streamId, name, (scope, filter, id, type) => {
          const streamName = serverStreamName(scope, id);
          const kept = ledgerStreamName(scope, streamName) === id && matchesFilter({ streamId: id, type }, filter);
          const server = serverFilterFor(scope, filter);
          if (kept) {
            expect(server).toBeDefined();
            expect(serverPasses(server!, { streamName, type })).toBe(true);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
