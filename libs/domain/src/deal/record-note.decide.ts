import { ErrorCodes, conflict } from '../errors.js';
import { assertValidSource } from '../values/figure-rules.js';
import { assertValidId } from '../values/identifiers.js';
import { assertRequiredText } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { CommandOf } from './deal-commands.js';
import type { DealEvent } from './deal-events.js';
import { requireRegistered } from './deal-rules.js';
import type { DealState } from './deal-state.js';

export type RecordNote = CommandOf<'RecordNote'>;

export function decideRecordNote(command: RecordNote, state: DealState): DealEvent[] {
  const deal = requireRegistered(state, command.dealId);
  assertValidId(command.noteId, 'noteId');
  assertRequiredText(command.text, 'text');
  assertValidSource(command.source, 'source');
  assertTimestamp(command.reportedAt, 'reportedAt');
  if (deal.noteIds.has(command.noteId)) {
    throw conflict(ErrorCodes.noteAlreadyExists, `Note ${command.noteId} already exists on this deal`, 'noteId');
  }

  return [
    {
      type: 'NoteRecorded.v1',
      data: { noteId: command.noteId, text: command.text, source: command.source, reportedAt: command.reportedAt },
    },
  ];
}
