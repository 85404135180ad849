import { ErrorCodes, conflict } from '../errors.js';
import { assertRequiredText } from '../values/input.js';
import { assertTimestamp } from '../values/timestamp.js';
import type { PartyCommandOf } from './party-commands.js';
import type { PartyEvent } from './party-events.js';
import { assertReported, requireRegisteredParty } from './party-rules.js';
import { nameInEffectAt, type PartyState } from './party-state.js';

export type RenameParty = PartyCommandOf<'RenameParty'>;

/**
 * A new name from `effectiveAt`. The same name as the one already in effect then changes
 * nothing and is refused, so that a retry with a fresh key cannot pile up empty renames.
 */
export function decideRenameParty(command: RenameParty, state: PartyState): PartyEvent[] {
  const party = requireRegisteredParty(state, command.partyId);
  assertRequiredText(command.name, 'name');
  assertTimestamp(command.effectiveAt, 'effectiveAt');
  assertReported(command);
  const current = nameInEffectAt(party.names, command.effectiveAt);
  if (current === command.name) {
    throw conflict(ErrorCodes.renameChangesNothing, `Party ${party.partyId} is already named ${current} at ${command.effectiveAt}`, 'name');
  }
  return [{ type: 'PartyRenamed.v1', data: command }];
}
