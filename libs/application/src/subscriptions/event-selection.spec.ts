import { normalizeSelection, storeFilterOf } from './event-selection.js';

const fields = { categories: 'category', types: 'type', dealIds: 'dealId' };

describe('what a subscriber selects', () => {
  it('selects every deal event by default', () => {
    expect(storeFilterOf(normalizeSelection({}, fields))).toEqual({ categories: ['deal'] });
  });

  it('selects a current type together with the superseded versions read as it', () => {
    const selection = normalizeSelection({ types: ['OfftakeSigned.v3', 'FigureRevised.v2'] }, fields);
    expect(storeFilterOf(selection)).toEqual({
      categories: ['deal'],
      eventTypes: ['FigureRevised.v2', 'FigureRevised.v1', 'OfftakeSigned.v3', 'OfftakeSigned.v1', 'OfftakeSigned.v2'],
    });
  });

  it('takes a superseded name as the current one it is read as', () => {
    expect(normalizeSelection({ types: ['OfftakeSigned.v1', 'OfftakeSigned.v2', 'OfftakeSigned.v3'] }, fields)).toEqual({ types: ['OfftakeSigned.v3'] });
  });

  it('selects the later versions too for a selection an earlier release stored with the names current then', () => {
    expect(storeFilterOf({ types: ['StakeDisclosed.v1'] })).toEqual({ categories: ['deal'], eventTypes: ['StakeDisclosed.v2', 'StakeDisclosed.v1'] });
  });

  it('turns deal ids into their streams, sorted and without repeats', () => {
    const selection = normalizeSelection({ dealIds: ['b', 'a', 'b'] }, fields);
    expect(storeFilterOf(selection)).toEqual({ categories: ['deal'], streamIds: ['deal-a', 'deal-b'] });
  });

  it.each([
    [{ types: ['Nope.v1'] }, 'SUBSCRIPTION.UNKNOWN_EVENT_TYPE', 'type'],
    [{ categories: ['$ce'] }, 'SUBSCRIPTION.UNKNOWN_CATEGORY', 'category'],
    [{ dealIds: ['../x'] }, 'ID.INVALID', 'dealId'],
  ])('refuses %j, naming the field', (selection, code, field) => {
    expect(() => normalizeSelection(selection, fields)).toThrow(expect.objectContaining({ code, field }));
  });
});
