import { REGISTERED, firstRefinery } from './testing/caremag.js';
import { commandOn, itNeedsTheDealRegistered, itRefuses } from './testing/command-spec.js';
import { given } from './testing/given-when-then.js';

const recordNote = commandOn('RecordNote', firstRefinery);

describe('RecordNote', () => {
  it('records a fact without a figure (fact 14)', () => {
    expect(given(REGISTERED).when(recordNote()).thenEvents()).toEqual([{ type: 'NoteRecorded.v1', data: firstRefinery }]);
  });

  itNeedsTheDealRegistered(recordNote);

  it('refuses a note id already used', () => {
    expect(given(REGISTERED, { type: 'NoteRecorded.v1', data: firstRefinery }).when(recordNote()).thenError()).toMatchObject({
      code: 'NOTE.ALREADY_EXISTS',
      kind: 'conflict',
      field: 'noteId',
    });
  });

  itRefuses([REGISTERED], recordNote, [
    ['refuses an invalid note id', { noteId: '..' }, { code: 'ID.INVALID', field: 'noteId' }],
    ['refuses a blank text', { text: ' ' }, { code: 'VALUE.REQUIRED', field: 'text' }],
    ['refuses an unknown source tier', { source: { publisher: 'Reuters', tier: 'rumour' } }, { code: 'VALUE.NOT_ALLOWED', field: 'source.tier' }],
    ['refuses a date that is not ISO 8601', { reportedAt: '17/03/2025' }, { code: 'TIME.INVALID_TIMESTAMP', field: 'reportedAt' }],
  ]);
});
