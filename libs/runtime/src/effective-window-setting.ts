import { DEFAULT_EFFECTIVE_WINDOW, effectiveWindowAt, isIsoTimestamp, type EffectiveWindow, type WindowBound } from '#domain';

const SPELLING = '<from>/<to>, each a date (1950-01-01) or years from the moment of recording (P50Y ahead, -P10Y back)';
const YEARS = /^(-?)P(\d{1,4})Y$/;

/**
 * LEDGER_EFFECTIVE_WINDOW: where an `effectiveAt` is plausible without an override.
 * Unset: 1950-01-01/P50Y. A window that is empty at start-up is refused, as a typo would
 * otherwise make every `effectiveAt` need an override.
 */
export function effectiveWindowOf(setting: string | undefined, now: Date = new Date()): EffectiveWindow {
  if (setting === undefined || setting.trim() === '') return DEFAULT_EFFECTIVE_WINDOW;
  const parts = setting.trim().split('/');
  const bounds = parts.length === 2 ? parts.map(boundOf) : [];
  const [from, to] = bounds;
  if (from === undefined || to === undefined) throw new Error(`LEDGER_EFFECTIVE_WINDOW must be ${SPELLING}, not ${setting}`);
  const window = { from, to };
  const at = effectiveWindowAt(window, now.toISOString());
  if (at.from > at.to) {
    throw new Error(`LEDGER_EFFECTIVE_WINDOW must begin before it ends (${SPELLING}), not ${setting}`);
  }
  return window;
}

function boundOf(text: string): WindowBound | undefined {
  const years = YEARS.exec(text.trim());
  if (years) return { yearsFromNow: Number(years[2]) * (years[1] === '-' ? -1 : 1) };
  return isIsoTimestamp(text.trim()) ? { at: text.trim() } : undefined;
}
