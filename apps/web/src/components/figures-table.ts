import { h } from '../dom.js';
import { changeInWords } from '../format.js';
import { hrefOf } from '../router.js';
import type { Figure } from '../types.js';
import { sourceBlock } from './source-block.js';
import { statusBadges } from './status-badge.js';
import { recordTime, reportedDate } from './time.js';

/** Every figure: value in words, status, source and attribution, times, and a way to its timeline. */
export function figuresTable(dealId: string, figures: readonly Figure[], knownAt: string | undefined): HTMLElement {
  if (figures.length === 0) return h('p', {}, 'No figure was on record at this moment.');
  return h('table', { class: 'figures' },
    h('caption', { class: 'visually-hidden' }, 'Figures of the deal'),
    h('thead', {}, h('tr', {}, ['Figure', 'Value as reported', 'Status', 'Source', 'Reported / in effect', 'Recorded', 'History'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, figures.map((f) => {
      const label = f.label;
      return h('tr', { 'data-figure-id': f.figureId, class: `row-${f.status}` },
        h('th', { scope: 'row' }, label, h('div', { class: 'sub' }, f.figureId)),
        h('td', { class: 'value' }, h('span', { class: 'display' }, f.display)),
        h('td', {},
          statusBadges(f.status, f.value),
          f.change !== 'initial' ? h('div', { class: 'sub' }, changeInWords(f.change)) : null,
          f.reason ? h('div', { class: 'reason' }, `Why: ${f.reason}`) : null,
        ),
        h('td', { class: 'source' }, sourceBlock(f.source)),
        h('td', {}, 'reported ', reportedDate(f.reportedAt), f.effectiveAt ? h('div', {}, 'in effect from ', reportedDate(f.effectiveAt)) : null),
        h('td', {}, recordTime(f.recordedAt), h('div', { class: 'sub' }, `by ${f.recordedBy} · position ${f.position}`)),
        h('td', {}, h('a', {
          href: hrefOf({ page: 'figure', dealId, figureId: f.figureId, ...(knownAt !== undefined ? { knownAt } : {}) }),
          'aria-label': `Timeline of ${label}`,
        }, 'Timeline')),
      );
    })),
  );
}

