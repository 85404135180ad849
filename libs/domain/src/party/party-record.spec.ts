import type { Source } from '../values/figure.js';
import { partyRecordOf, type RecordedPartyEvent } from './party-record.js';

const source: Source = { publisher: 'GLEIF', tier: 'primary' };
const at = (recordedAt: string, event: RecordedPartyEvent['event']): RecordedPartyEvent => ({ event, recordedAt });
const history: RecordedPartyEvent[] = [
  at('2025-01-10T00:00:00Z', { type: 'PartyRegistered.v1', data: { partyId: 'caremag', name: 'Caremag', kind: 'company', source, reportedAt: '2025-01-09' } }),
  at('2025-05-01T00:00:00Z', { type: 'PartyRenamed.v1', data: { name: 'Caremag SAS', effectiveAt: '2025-03-01', source, reportedAt: '2025-04-30' } }),
  at('2025-05-02T00:00:00Z', { type: 'PartyParentLinked.v1', data: { parentId: 'carester', effectiveAt: '2022-06-01', source, reportedAt: '2025-05-01' } }),
];

describe('a party record', () => {
  it('names the party as it was in effect at validAt: before the rename, the registered name', () => {
    expect(partyRecordOf(history, '2025-02-28')?.name).toBe('Caremag');
    expect(partyRecordOf(history, '2025-03-01')?.name).toBe('Caremag SAS');
    expect(partyRecordOf(history)?.name).toBe('Caremag SAS');
  });

  it('keeps every name with its effective, reported and recorded dates', () => {
    expect(partyRecordOf(history)?.names).toEqual([
      { name: 'Caremag', reportedAt: '2025-01-09', recordedAt: '2025-01-10T00:00:00Z', source },
      { name: 'Caremag SAS', effectiveAt: '2025-03-01', reportedAt: '2025-04-30', recordedAt: '2025-05-01T00:00:00Z', source },
    ]);
  });

  it('lists the parent links in effect at validAt', () => {
    expect(partyRecordOf(history, '2022-05-31')?.parents).toEqual([]);
    expect(partyRecordOf(history, '2022-06-01')?.parents).toEqual([{ parentId: 'carester', from: '2022-06-01' }]);
  });

  it('is nothing before the registration was on record', () => {
    expect(partyRecordOf([])).toBeUndefined();
  });
});
