import { h } from '../dom.js';
import type { FigureValue } from '../types.js';

const STATUS_WORDS: Record<string, string> = {
  current: 'current',
  revised: 'revised',
  corrected: 'corrected',
  retracted: 'retracted',
};

/**
 * The status of a figure in words. "Undisclosed" (or "withheld") is a value, not a status
 * of the record, so it is shown beside the record status, never instead of it.
 */
export function statusBadges(status: string, value: FigureValue): HTMLElement {
  const hidden = value.qualifier === 'undisclosed' || value.qualifier === 'withheld';
  return h('span', { class: 'badges' },
    h('span', { class: `badge status-${status}` }, STATUS_WORDS[status] ?? status),
    hidden ? h('span', { class: 'badge status-undisclosed' }, value.qualifier) : null,
  );
}
