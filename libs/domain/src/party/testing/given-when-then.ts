import { decisionContextAt } from '../../deal/testing/decision-context.js';
import { Outcome } from '../../deal/testing/given-when-then.js';
import { decideParty } from '../decide-party.js';
import type { PartyCommand } from '../party-commands.js';
import type { PartyEvent } from '../party-events.js';
import { foldParty, type PartyState } from '../party-state.js';

/** Test-only: given past party events (and the parties registered elsewhere), when a command, then its events or error. */
export function given(...history: PartyEvent[]): {
  state: PartyState;
  knowing(...partyIds: string[]): { when(command: PartyCommand): Outcome<PartyEvent> };
  when(command: PartyCommand): Outcome<PartyEvent>;
} {
  const state = foldParty(history);
  const whenKnown = (known: ReadonlySet<string>) => (command: PartyCommand) => new Outcome(() => decideParty(command, state, decisionContextAt(), known));
  return { state, knowing: (...partyIds) => ({ when: whenKnown(new Set(partyIds)) }), when: whenKnown(new Set()) };
}
