import { h, replaceChildren, scrollBox } from '../dom.js';
import { changeInWords, eventTypeInWords, fieldName } from '../format.js';
import type { HistoryEntry } from '../types.js';
import { sourceBlock } from './source-block.js';
import { technicalDetails } from './tech-details.js';
import { recordTime, reportedDate } from './time.js';

export const HISTORY_PAGE = 50;

/**
 * A figure's history, a page of entries at a time: a figure changed 1,000 times is still a
 * short page. Each entry says the value it replaced, so a correction reads "from … to …".
 */
export function historyTable(entries: readonly HistoryEntry[], onRecord = entries.length): HTMLElement {
  const pages = Math.max(1, Math.ceil(entries.length / HISTORY_PAGE));
  const body = h('div', {});
  const status = h('p', { class: 'pager-status', role: 'status' });
  const earlier = h('button', { type: 'button', class: 'secondary', onclick: () => show(page - 1) }, 'Earlier entries');
  const later = h('button', { type: 'button', class: 'secondary', onclick: () => show(page + 1) }, 'Later entries');
  let page = 0;
  const show = (next: number) => {
    page = Math.min(Math.max(next, 0), pages - 1);
    const from = page * HISTORY_PAGE;
    const slice = entries.slice(from, from + HISTORY_PAGE);
    replaceChildren(body, scrollBox('History of the figure', table(entries, from, slice, onRecord)));
    status.textContent = `Entries ${(from + 1).toLocaleString('en')}–${(from + slice.length).toLocaleString('en')} of ${entries.length.toLocaleString('en')}`;
    earlier.disabled = page === 0;
    later.disabled = page === pages - 1;
  };
  show(0);
  return h('div', { class: 'history-pages' },
    body,
    pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'History pages' }, earlier, status, later) : null,
  );
}

function table(all: readonly HistoryEntry[], from: number, entries: readonly HistoryEntry[], onRecord: number): HTMLElement {
  return h('table', { class: 'history' },
    h('thead', {}, h('tr', {}, ['#', 'Change', 'Value as reported', 'Fields changed', 'Source', 'Reported / in effect', 'Recorded'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, entries.map((e, k) => {
      const i = from + k;
      const before = i > 0 ? all[i - 1] : undefined;
      return h('tr', { 'data-position': e.position, class: `change-row change-${e.change}` },
        h('td', { class: 'num' }, i + 1, i >= onRecord ? h('div', {}, h('span', { class: 'badge later' }, 'later')) : null),
        h('th', { scope: 'row' }, h('span', { class: `badge change-badge change-${e.change}` }, e.change), h('div', { class: 'sub' }, changeInWords(e.change)),
          e.reason ? h('div', { class: 'reason' }, `Why: ${e.reason}`) : null),
        h('td', { class: 'value' }, e.display,
          before && e.change !== 'initial' ? h('div', { class: 'replaced' }, h('span', { class: 'label' }, e.change === 'correction' ? 'Corrected from: ' : 'Before: '), h('del', {}, before.display)) : null),
        h('td', {}, e.changed.length > 0 ? e.changed.map(fieldName).join(', ') : '—'),
        h('td', { class: 'source' }, sourceBlock(e.source)),
        h('td', {}, 'reported ', reportedDate(e.reportedAt), e.effectiveAt ? h('div', {}, 'in effect from ', reportedDate(e.effectiveAt)) : null),
        h('td', {}, recordTime(e.recordedAt), h('div', { class: 'sub' }, `by ${e.recordedBy}`),
          technicalDetails([['Event', `${e.eventType} (${eventTypeInWords(e.eventType)})`], ['Log position', e.position], ['Deal revision', String(e.revision)],
            ['Event id', h('code', {}, e.eventId)]], 'Details')),
      );
    })),
  );
}
