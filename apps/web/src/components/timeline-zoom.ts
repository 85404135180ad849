import { h, replaceChildren } from '../dom.js';
import type { TimelineEntry } from '../timeline/step-chart-model.js';
import { stepChart } from './step-chart.js';

/** Above this many changes the chart offers a closer look at the latest ones. */
export const ZOOM_AT = 100;

/**
 * The step chart with a zoom for long histories: all changes (the shape over time), or the
 * latest 100 (each step wide enough to read). Which one shows is a pressed button, so the
 * choice is announced and kept for keyboard users.
 */
export function zoomableChart(entries: readonly TimelineEntry[], label: string, onRecord: number | undefined): HTMLElement {
  const box = h('div', {});
  if (entries.length <= ZOOM_AT) return h('div', {}, stepChart(entries, label, onRecord));
  const buttons: HTMLButtonElement[] = [];
  const draw = (from: number, pressed: number) => {
    buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(i === pressed)));
    const shifted = onRecord === undefined ? undefined : Math.max(0, onRecord - from);
    replaceChildren(box, stepChart(entries.slice(from), from === 0 ? label : `${label}, the latest ${entries.length - from} changes`, shifted));
  };
  buttons.push(
    h('button', { type: 'button', class: 'secondary', onclick: () => draw(0, 0) }, `All ${entries.length.toLocaleString('en')} changes`),
    h('button', { type: 'button', class: 'secondary', onclick: () => draw(entries.length - ZOOM_AT, 1) }, `The latest ${ZOOM_AT}`),
  );
  draw(0, 0);
  return h('div', {}, h('div', { class: 'zoom', role: 'group', 'aria-label': 'How much of the timeline to show' }, buttons), box);
}
