import { matchesFilter } from '#event-store';
import { normalizeSelection, storeFilterOf } from './event-selection.js';

const fields = { categories: 'category', types: 'type', dealIds: 'dealId', partyIds: 'partyId' };
const ALL = ['deal', 'party', 'records'];

describe('what a subscriber selects', () => {
  it('selects every published event, deal, party and records, by default, and names the categories it means', () => {
    expect(normalizeSelection({}, fields)).toEqual({ categories: ALL });
    expect(storeFilterOf(normalizeSelection({}, fields))).toEqual({ categories: ALL });
  });

  it('selects one category when asked', () => {
    expect(storeFilterOf(normalizeSelection({ categories: ['party', 'party'] }, fields))).toEqual({ categories: ['party'] });
  });

  it('selects a current type together with the superseded versions read as it', () => {
    const selection = normalizeSelection({ types: ['OfftakeSigned.v3', 'FigureRevised.v2'] }, fields);
    expect(storeFilterOf(selection)).toEqual({
      categories: ALL,
      eventTypes: ['FigureRevised.v2', 'FigureRevised.v1', 'OfftakeSigned.v3', 'OfftakeSigned.v1', 'OfftakeSigned.v2'],
    });
  });

  it('takes party event types as they are (none superseded yet)', () => {
    expect(normalizeSelection({ types: ['PartyRenamed.v1', 'PartyRegistered.v1'] }, fields)).toEqual({ categories: ALL, types: ['PartyRegistered.v1', 'PartyRenamed.v1'] });
  });

  it('takes a superseded name as the current one it is read as', () => {
    expect(normalizeSelection({ types: ['OfftakeSigned.v1', 'OfftakeSigned.v2', 'OfftakeSigned.v3'] }, fields)).toEqual({ categories: ALL, types: ['OfftakeSigned.v3'] });
  });

  it('selects the later versions too for a selection an earlier release stored with the names current then', () => {
    expect(storeFilterOf(normalizeSelection({ categories: ['deal'], types: ['StakeDisclosed.v1'] }, fields))).toEqual({
      categories: ['deal'],
      eventTypes: ['StakeDisclosed.v2', 'StakeDisclosed.v1'],
    });
  });

  it('turns deal ids into their streams, sorted and without repeats', () => {
    const selection = normalizeSelection({ dealIds: ['b', 'a', 'b'] }, fields);
    expect(storeFilterOf(selection)).toEqual({ categories: ALL, streamIds: ['deal-a', 'deal-b'] });
  });

  it('takes deal and party ids together as the streams of any of them', () => {
    const selection = normalizeSelection({ partyIds: ['iwatani', 'carester'], dealIds: ['caremag-2025'] }, fields);
    expect(selection).toEqual({ categories: ALL, dealIds: ['caremag-2025'], partyIds: ['carester', 'iwatani'] });
    expect(storeFilterOf(selection).streamIds).toEqual(['deal-caremag-2025', 'party-carester', 'party-iwatani']);
  });

  it('selects records events by category or by type, and never by deal or party id (they name neither)', () => {
    const erasure = { streamId: 'records-personal-data', type: 'PersonalDataErased.v1' };
    const selects = (selection: Parameters<typeof normalizeSelection>[0]) => matchesFilter(erasure, storeFilterOf(normalizeSelection(selection, fields)));
    expect(selects({})).toBe(true);
    expect(selects({ categories: ['records'] })).toBe(true);
    expect(selects({ types: ['PersonalDataErased.v1'] })).toBe(true);
    expect(normalizeSelection({ types: ['PersonalDataErased.v1'] }, fields)).toEqual({ categories: ALL, types: ['PersonalDataErased.v1'] });
    expect(selects({ categories: ['deal', 'party'] })).toBe(false);
    expect(selects({ types: ['PartyRenamed.v1'] })).toBe(false);
    expect(selects({ dealIds: ['caremag-2025'] })).toBe(false);
    expect(selects({ categories: ['records'], partyIds: ['iwatani'] })).toBe(false);
    // Admin streams stay unpublished, whatever their events are called.
    expect(matchesFilter({ streamId: 'admin-personal-data', type: 'PersonalDataErased.v1' }, storeFilterOf(normalizeSelection({}, fields)))).toBe(false);
  });

  it.each([
    [{ types: ['Nope.v1'] }, 'SUBSCRIPTION.UNKNOWN_EVENT_TYPE', 'type'],
    [{ categories: ['$ce'] }, 'SUBSCRIPTION.UNKNOWN_CATEGORY', 'category'],
    [{ categories: ['admin'] }, 'SUBSCRIPTION.UNKNOWN_CATEGORY', 'category'],
    [{ dealIds: ['../x'] }, 'ID.INVALID', 'dealId'],
    [{ partyIds: ['a b'] }, 'ID.INVALID', 'partyId'],
  ])('refuses %j, naming the field', (selection, code, field) => {
    expect(() => normalizeSelection(selection, fields)).toThrow(expect.objectContaining({ code, field }));
  });
});
