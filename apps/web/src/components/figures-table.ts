import { h } from '../dom.js';
import { contextInWords } from '../figure-context.js';
import { changeInWords, eventTypeInWords } from '../format.js';
import { hrefOf } from '../router.js';
import type { Figure, Party } from '../types.js';
import { sourceBlock } from './source-block.js';
import { statusBadges } from './status-badge.js';
import { technicalDetails } from './tech-details.js';
import { recordTime, reportedDate } from './time.js';

export interface FiguresTableOptions {
  /** The moment the page shows, kept on the timeline links. */
  knownAt?: string;
  /** The deal's parties, to name the parties a figure is about. */
  parties: readonly Party[];
  /** False for a reader whose key does not open figure histories: no link that would only refuse. */
  timelines: boolean;
}

/** Every figure: what it is about, value in words, status, source and attribution, times, and a way to its timeline. */
export function figuresTable(dealId: string, figures: readonly Figure[], options: FiguresTableOptions): HTMLElement {
  if (figures.length === 0) return h('p', {}, 'No figure was on record at this moment.');
  const names = new Map(options.parties.map((p) => [p.partyId, p.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const columns = ['Figure', 'Value as reported', 'Status', 'Source', 'Reported / in effect', 'Recorded', ...(options.timelines ? ['History'] : [])];
  return h('table', { class: 'figures' },
    h('caption', { class: 'visually-hidden' }, 'Figures of the deal'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, figures.map((f) => {
      const label = f.label;
      const about = contextInWords(f, nameOf);
      return h('tr', { 'data-figure-id': f.figureId, class: `row-${f.status}` },
        h('th', { scope: 'row' }, h('span', { class: 'figure-label' }, label),
          about.length > 0 ? h('dl', { class: 'figure-context' }, about.map(([term, words]) => [h('dt', {}, term), h('dd', {}, words)])) : null),
        h('td', { class: 'value' }, h('span', { class: 'display' }, f.display)),
        h('td', {},
          statusBadges(f.status, f.value),
          f.change !== 'initial' ? h('div', { class: 'sub' }, changeInWords(f.change)) : null,
          f.reason ? h('div', { class: 'reason' }, `Why: ${f.reason}`) : null,
        ),
        h('td', { class: 'source' }, sourceBlock(f.source)),
        h('td', {}, 'reported ', reportedDate(f.reportedAt), f.effectiveAt ? h('div', {}, 'in effect from ', reportedDate(f.effectiveAt)) : null),
        h('td', {}, recordTime(f.recordedAt), h('div', { class: 'sub' }, `by ${f.recordedBy}`),
          technicalDetails([['Figure id', h('code', {}, f.figureId)], ['Fact', f.fact], ['Last change', eventTypeInWords(f.change)],
            ['Log position', f.position], ['Event id', h('code', {}, f.eventId)]], 'Details')),
        options.timelines
          ? h('td', {}, h('a', {
            href: hrefOf({ page: 'figure', dealId, figureId: f.figureId, ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}) }),
            'aria-label': `Timeline of ${label}`,
          }, 'Timeline'))
          : null,
      );
    })),
  );
}
