import { ErrorCodes, invalid } from '../errors.js';
import { effectiveWindowAt, describeWindowBound } from '../values/effective-window.js';
import { assertRecord, assertRequiredText, isRecord } from '../values/input.js';
import { earliestInstantOf } from '../values/timestamp.js';
import type { DecisionContext } from './decision-context.js';

/** When a source said or published something: never after the ledger heard of it. */
const REPORTED_TIMES = new Set(['reportedAt', 'publishedAt']);
/** When a fact applies in the world: inside the plausible window, unless overridden. */
const EFFECTIVE_TIMES = new Set(['effectiveAt']);

/**
 * The time guards, over the events a decision produces rather than per command, so that
 * every fact kind, present or future, is held to them by the names of its members. An
 * event's members are named as its command's, so the field named is the one the caller sent.
 */
export function assertPlausibleTimes(events: readonly { data: unknown }[], context: DecisionContext): void {
  const override = context.plausibilityOverride;
  if (override !== undefined) {
    assertRecord(override, 'plausibilityOverride');
    assertRequiredText(override.reason, 'plausibilityOverride.reason');
  }
  const now = Date.parse(context.now);
  const window = effectiveWindowAt(context.effectiveWindow, context.now);
  for (const event of events) {
    for (const { field, name, value } of timesIn(event.data, '')) {
      if (REPORTED_TIMES.has(name) && earliestInstantOf(value) > now) {
        throw invalid(
          ErrorCodes.reportedAfterRecording,
          `${field} (${value}) is after the moment the ledger received the command (${context.now}): a source cannot report the future`,
          field,
        );
      }
      const at = Date.parse(value);
      if (EFFECTIVE_TIMES.has(name) && override === undefined && (at < window.from || at > window.to)) {
        const { from, to } = context.effectiveWindow;
        throw invalid(
          ErrorCodes.effectiveAtImplausible,
          `${field} (${value}) is outside the plausible window ${describeWindowBound(from)}/${describeWindowBound(to)} ` +
            `(${isoDay(window.from)} to ${isoDay(window.to)}); if it is meant, send plausibilityOverride: { reason }`,
          field,
        );
      }
    }
  }
}

interface TimeMember {
  field: string;
  name: string;
  value: string;
}

/**
 * Every time member in a payload, in the order written, with its `a.b[0].c` path. Gathered
 * into one list, and a member's path made only where it is a time or holds one: this runs
 * on every event decided, and a bulk import decides thousands a second.
 */
function timesIn(value: unknown, field: string, found: TimeMember[] = []): TimeMember[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => timesIn(item, `${field}[${index}]`, found));
    return found;
  }
  if (!isRecord(value)) return found;
  for (const [name, member] of Object.entries(value)) {
    if (typeof member === 'string') {
      if (REPORTED_TIMES.has(name) || EFFECTIVE_TIMES.has(name)) found.push({ field: field ? `${field}.${name}` : name, name, value: member });
    } else if (typeof member === 'object' && member !== null) {
      timesIn(member, field ? `${field}.${name}` : name, found);
    }
  }
  return found;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
