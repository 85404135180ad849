import { DEFAULT_EFFECTIVE_WINDOW } from '../../values/effective-window.js';
import type { DecisionContext } from '../decision-context.js';

/**
 * Test-only: a moment of recording after every date the fixtures and the arbitraries use
 * (they run to 2030), so that only the specs about time guards meet them.
 */
export const TEST_NOW = '2035-01-01T00:00:00.000Z';

/** The decision context of a command received at `now`, with the default window. */
export function decisionContextAt(now: string = TEST_NOW, more: Partial<DecisionContext> = {}): DecisionContext {
  return { now, effectiveWindow: DEFAULT_EFFECTIVE_WINDOW, ...more };
}
