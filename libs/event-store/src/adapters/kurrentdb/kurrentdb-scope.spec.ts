import { InvalidArgumentError } from '../../event-store.errors.js';
import { assertInScope, checkScope, ledgerStreamName, serverStreamName } from './kurrentdb-scope.js';

describe('the streams a KurrentDB store owns', () => {
  it('are every non-system stream by default, under their own names', () => {
    const scope = checkScope();
    expect(serverStreamName(scope, 'deal-caremag-2025')).toBe('deal-caremag-2025');
    expect(ledgerStreamName(scope, 'deal-caremag-2025')).toBe('deal-caremag-2025');
    expect(ledgerStreamName(scope, 'fund-1')).toBe('fund-1');
    for (const system of ['$ce-deal', '$$deal-1', '$et-InvestmentAnnounced.v2', '$stats-127.0.0.1:2113']) {
      expect(ledgerStreamName(scope, system)).toBeUndefined();
    }
  });

  it('are only those with the prefix when one is set, and read back without it', () => {
    const scope = checkScope('run_42.');
    expect(serverStreamName(scope, 'deal-1')).toBe('run_42.deal-1');
    expect(ledgerStreamName(scope, 'run_42.deal-1')).toBe('deal-1');
    expect(ledgerStreamName(scope, 'deal-1')).toBeUndefined();
    expect(ledgerStreamName(scope, 'run_43.deal-1')).toBeUndefined();
    expect(ledgerStreamName(scope, 'run_42.')).toBeUndefined();
  });

  it('are only those of its categories when they are named, and writing another is refused', () => {
    const scope = checkScope('', ['deal', 'ledger']);
    expect(ledgerStreamName(scope, 'deal-1')).toBe('deal-1');
    expect(ledgerStreamName(scope, 'ledger-checkpoints')).toBe('ledger-checkpoints');
    expect(ledgerStreamName(scope, 'dealer-1')).toBeUndefined();
    expect(ledgerStreamName(scope, 'fund-1')).toBeUndefined();
    expect(() => assertInScope(scope, 'deal-1')).not.toThrow();
    expect(() => assertInScope(scope, 'fund-1')).toThrow(InvalidArgumentError);
    expect(() => assertInScope(scope, 'fund-1')).toThrow(/category "fund", outside this store's categories \(deal, ledger\)/);
  });

  it.each<[string, unknown, unknown]>([
    ['a prefix with a dash (KurrentDB would take it for the category)', 'run-1', undefined],
    ['a prefix starting with $', '$run', undefined],
    ['an empty list of categories', '', []],
    ['a category with a dash', '', ['deal-x']],
    ['a category that is not a string', '', [7]],
  ])('refuses %s', (_, prefix, categories) => {
    expect(() => checkScope(prefix, categories)).toThrow(InvalidArgumentError);
  });
});
