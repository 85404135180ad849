import { h } from '../dom.js';
import { formatInstant, formatReportedDate } from '../format.js';

/**
 * A record time: "2026-11-26 10:36:25.543 UTC" in a <time> element that carries the exact
 * instant; it may break between date and time, never inside either.
 */
export function recordTime(iso: string): HTMLElement {
  const [date = '', ...rest] = formatInstant(iso).split(' ');
  return h('time', { datetime: iso }, h('span', { class: 'nowrap' }, date), ' ', h('span', { class: 'nowrap' }, rest.join(' ')));
}

/** A date as the source gave it ("2025-03-17"), kept on one line. */
export function reportedDate(value: string): HTMLElement {
  return h('time', { datetime: value, class: 'nowrap' }, formatReportedDate(value));
}
