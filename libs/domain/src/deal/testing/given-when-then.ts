import { DomainError } from '../../errors.js';
import type { DealCommand } from '../deal-commands.js';
import type { DealEvent } from '../deal-events.js';
import type { DealState } from '../deal-state.js';
import { decideDeal } from '../decide.js';
import { foldDeal } from '../evolve.js';
import { caught } from './caught.js';

export { caught } from './caught.js';

/**
 * Test-only: given past events, when a command, then the new events or the error.
 * It throws plain Errors rather than calling `expect`, so that it compiles without the
 * test runner's types (the build includes it); specs assert on what it returns:
 *
 *   expect(given(registered).when(command).thenEvents()).toEqual([...]);
 *   expect(given(registered).when(command).thenError()).toMatchObject({ code, field });
 */
export function given(...history: DealEvent[]): { state: DealState; when(command: DealCommand): Outcome } {
  const state = foldDeal(history);
  return { state, when: (command) => new Outcome(() => decideDeal(command, state)) };
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
