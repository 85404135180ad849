import {
  assertList,
  assertOneOf,
  assertOptionalText,
  assertRecord,
  assertRequiredText,
  assertTextList,
} from './input.js';

describe('input shape checks', () => {
  it('requires non-blank text (VALUE.REQUIRED)', () => {
    expect(() => assertRequiredText('  ', 'title')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED', field: 'title' }));
    expect(() => assertRequiredText(42, 'title')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED' }));
    expect(() => assertRequiredText('Caremag', 'title')).not.toThrow();
  });

  it('says a missing member is required, and a wrong one what it must be', () => {
    expect(() => assertRequiredText(undefined, 'reason')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED', message: 'reason is required' }));
    expect(() => assertRequiredText(' ', 'reason')).toThrow(expect.objectContaining({ message: 'reason must be non-empty text' }));
    expect(() => assertRecord(undefined, 'source')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED', message: 'source is required' }));
    expect(() => assertRecord('Reuters', 'source')).toThrow(expect.objectContaining({ message: 'source must be an object' }));
  });

  it('treats null as a value, not as absent', () => {
    expect(() => assertOptionalText(undefined, 'site')).not.toThrow();
    expect(() => assertOptionalText(null, 'site')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED', field: 'site' }));
  });

  it('requires an object', () => {
    expect(() => assertRecord([], 'source')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED', field: 'source' }));
    expect(() => assertRecord(null, 'source')).toThrow(expect.objectContaining({ code: 'VALUE.REQUIRED' }));
  });

  it('accepts only listed choices (VALUE.NOT_ALLOWED unless told otherwise)', () => {
    expect(() => assertOneOf('tertiary', ['primary', 'secondary'], 'source.tier')).toThrow(
      expect.objectContaining({ code: 'VALUE.NOT_ALLOWED', field: 'source.tier' }),
    );
    expect(() => assertOneOf('x', ['a'], 'q', 'X.CODE')).toThrow(expect.objectContaining({ code: 'X.CODE' }));
    expect(() => assertOneOf('primary', ['primary', 'secondary'], 'source.tier')).not.toThrow();
  });

  it('checks lists and their entries', () => {
    expect(() => assertList([], 'investors', { nonEmpty: true })).toThrow(
      expect.objectContaining({ code: 'VALUE.INVALID_LIST', field: 'investors' }),
    );
    expect(() => assertList('jogmec', 'investors', { nonEmpty: false })).toThrow(
      expect.objectContaining({ code: 'VALUE.INVALID_LIST' }),
    );
    expect(() => assertTextList(['equity', ' '], 'instruments', { nonEmpty: false })).toThrow(
      expect.objectContaining({ code: 'VALUE.REQUIRED', field: 'instruments[1]' }),
    );
    expect(() => assertTextList([], 'instruments', { nonEmpty: false })).not.toThrow();
  });
});
