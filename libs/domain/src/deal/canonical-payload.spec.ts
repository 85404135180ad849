import type { DealEvent } from './deal-events.js';
import { decideDeal } from './decide.js';
import { foldDeal } from './evolve.js';
import { decisionContextAt } from './testing/decision-context.js';
import { FACTS_AS_REPORTED } from './testing/caremag.js';

/** The value with an unknown member and an undefined one added to every object in it, at every depth. */
function spoiled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(spoiled);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, member]) => [key, spoiled(member)]);
  // Unknown members first: a copy that kept the caller's order would show it in the JSON.
  return Object.fromEntries([['smuggled', 'dropped'], ['absent', undefined], ...entries]);
}

function decideAll(spoil: (command: unknown) => unknown): DealEvent[] {
  let history: DealEvent[] = [];
  for (const step of FACTS_AS_REPORTED) {
    const command = { ...(spoil(step.command) as object), type: step.command.type };
    history = [...history, ...decideDeal(command as typeof step.command, foldDeal(history), decisionContextAt())];
  }
  return history;
}

describe('event payloads are copied by their schema', () => {
  it('store only the members the schema names, in its order, whatever else a command carries at any depth', () => {
    const clean = decideAll((command) => command);
    const fromSpoiled = decideAll(spoiled);
    expect(JSON.stringify(fromSpoiled)).toBe(JSON.stringify(clean));
    expect(JSON.stringify(fromSpoiled)).not.toContain('smuggled');
  });

  it('leave absent optionals out rather than undefined', () => {
    for (const event of decideAll(spoiled)) {
      expect(JSON.stringify(event.data, (_key, value: unknown) => (value === undefined ? '<undefined>' : value))).not.toContain(
        '<undefined>',
      );
    }
  });
});
