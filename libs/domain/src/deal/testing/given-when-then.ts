import { DomainError } from '../../errors.js';
import type { DealCommand } from '../deal-commands.js';
import type { DealEvent } from '../deal-events.js';
import type { DealState } from '../deal-state.js';
import { decideDeal } from '../decide.js';
import type { DecisionContext } from '../decision-context.js';
import { foldDeal } from '../evolve.js';
import { caught } from './caught.js';
import { decisionContextAt } from './decision-context.js';

export { caught } from './caught.js';
export { TEST_NOW, decisionContextAt } from './decision-context.js';

/**
 * Test-only: given past events, when a command, then the new events or the error.
 * It throws plain Errors rather than calling `expect`, so that it compiles without the
 * test runner's types (the build includes it); specs assert on what it returns:
 *
 *   expect(given(registered).when(command).thenEvents()).toEqual([...]);
 *   expect(given(registered).when(command).thenError()).toMatchObject({ code, field });
 *
 * The command is received at TEST_NOW unless a context says otherwise.
 */
export function given(...history: DealEvent[]): { state: DealState; when(command: DealCommand, context?: DecisionContext): Outcome } {
  const state = foldDeal(history);
  return { state, when: (command, context = decisionContextAt()) => new Outcome(() => decideDeal(command, state, context)) };
}

/** What a command did, for any decider: its events, or its DomainError. */
export class Outcome<Event = DealEvent> {
  constructor(private readonly decide: () => Event[]) {}

  thenEvents(): Event[] {
    try {
      return this.decide();
    } catch (error) {
      throw new Error(`expected events, but the command failed: ${explain(error)}`);
    }
  }

  thenError(): DomainError {
    return caught(() => this.decide());
  }
}

function explain(error: unknown): string {
  return error instanceof DomainError ? `${error.code} at ${error.field ?? '-'}: ${error.message}` : String(error);
}
