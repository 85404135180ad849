import type { DealCommand } from './deal-commands.js';
import { DEAL_ID, REGISTERED, firstRefinery } from './testing/caremag.js';
import { given } from './testing/given-when-then.js';

const recordNote = (patch: Record<string, unknown> = {}): DealCommand =>
  ({ type: 'RecordNote', dealId: DEAL_ID, ...firstRefinery, ...patch }) as DealCommand;

describe('RecordNote', () => {
  it('records a fact without a figure (fact 14)', () => {
    expect(given(REGISTERED).when(recordNote()).thenEvents()).toEqual([{ type: 'NoteRecorded.v1', data: firstRefinery }]);
  });

  it('on an unregistered deal fails with DEAL.NOT_FOUND', () => {
    expect(given().when(recordNote()).thenError()).toMatchObject({ code: 'DEAL.NOT_FOUND', kind: 'not_found' });
  });

  it('refuses a note id already used', () => {
    expect(given(REGISTERED, { type: 'NoteRecorded.v1', data: firstRefinery }).when(recordNote()).thenError()).toMatchObject({
      code: 'NOTE.ALREADY_EXISTS',
      kind: 'conflict',
      field: 'noteId',
    });
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ noteId: '..' }, 'ID.INVALID', 'noteId'],
    [{ text: ' ' }, 'VALUE.REQUIRED', 'text'],
    [{ source: { publisher: 'Reuters', tier: 'rumour' } }, 'VALUE.NOT_ALLOWED', 'source.tier'],
    [{ reportedAt: '17/03/2025' }, 'TIME.INVALID_TIMESTAMP', 'reportedAt'],
  ])('refuses %j', (patch, code, field) => {
    expect(given(REGISTERED).when(recordNote(patch)).thenError()).toMatchObject({ code, field });
  });
});
