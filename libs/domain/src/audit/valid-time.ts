import type { FigureChangeKind } from './figure-change.js';

/** The minimum the valid-time rules need of one entry of a figure's record. */
export interface TimedEntry {
  change: FigureChangeKind;
  reportedAt: string;
  effectiveAt?: string;
}

/**
 * Which entry was in effect in the world at `at` (valid time), given the entries in
 * record order. A revision starts a new version from its effectiveAt (or, if the source
 * gave none, from when it was reported); a correction puts right the version it
 * corrects and keeps its start unless it says otherwise; a retraction withdraws the
 * figure altogether. Undefined when nothing was in effect yet, or the figure is withdrawn.
 */
export function entryInEffectAt<E extends TimedEntry>(entries: readonly E[], at: string): E | undefined {
  const versions: { from: number; entry: E }[] = [];
  for (const entry of entries) {
    const from = Date.parse(entry.effectiveAt ?? entry.reportedAt);
    switch (entry.change) {
      case 'initial':
      case 'revision':
      case 'disclosure':
        versions.push({ from, entry });
        break;
      case 'correction': {
        const corrected = versions.pop();
        versions.push({ from: entry.effectiveAt ? from : (corrected?.from ?? from), entry });
        break;
      }
      case 'retraction':
        return undefined;
    }
  }
  const instant = Date.parse(at);
  let found: { from: number; entry: E } | undefined;
  for (const version of versions) {
    // Later entries win a tie: they were recorded later about the same moment.
    if (version.from <= instant && (!found || version.from >= found.from)) found = version;
  }
  return found?.entry;
}
