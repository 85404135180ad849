/**
 * Where an `effectiveAt` is plausible: a date a fact applies in the world that falls
 * outside it is far more often a typo (1800 for 2018, 2205 for 2025) than a fact, so it
 * is recorded only with an explicit override. Each bound is a fixed date or a number of
 * years from the moment the command is received, so that "50 years ahead" moves with time.
 */
export type WindowBound = { at: string } | { yearsFromNow: number };

export interface EffectiveWindow {
  from: WindowBound;
  to: WindowBound;
}

/** 1950-01-01 to 50 years after the moment of recording (LEDGER_EFFECTIVE_WINDOW changes it). */
export const DEFAULT_EFFECTIVE_WINDOW: EffectiveWindow = { from: { at: '1950-01-01' }, to: { yearsFromNow: 50 } };

/** The window's bounds at `now`, in milliseconds since the epoch, both included. */
export function effectiveWindowAt(window: EffectiveWindow, now: string): { from: number; to: number } {
  return { from: instantOf(window.from, now), to: instantOf(window.to, now) };
}

/** `1950-01-01`, `P50Y` (50 years after now), `-P10Y` (10 years before now): the setting's spelling. */
export function describeWindowBound(bound: WindowBound): string {
  if ('at' in bound) return bound.at;
  return `${bound.yearsFromNow < 0 ? '-' : ''}P${Math.abs(bound.yearsFromNow)}Y`;
}

function instantOf(bound: WindowBound, now: string): number {
  if ('at' in bound) return Date.parse(bound.at);
  const moved = new Date(Date.parse(now));
  moved.setUTCFullYear(moved.getUTCFullYear() + bound.yearsFromNow);
  return moved.getTime();
}
