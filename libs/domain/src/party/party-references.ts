import { isValidId } from '../values/identifiers.js';
import type { PartyCommand } from './party-commands.js';

/**
 * The other parties a command names, which must be registered. Pure, so the application
 * knows which streams to read before deciding; an id that is not valid is left to the
 * decider, which refuses it by field.
 */
export function referencesOf(command: PartyCommand): string[] {
  return command.type === 'LinkPartyParent' && isValidId(command.parentId) ? [command.parentId] : [];
}
