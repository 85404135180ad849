import { getJson } from '../api.js';
import { failure, loading } from '../components/states.js';
import { sourceBlock } from '../components/source-block.js';
import { statusBadges } from '../components/status-badge.js';
import { recordTime, reportedDate } from '../components/time.js';
import { stepChart } from '../components/step-chart.js';
import { entriesOnRecordAt } from '../timeline/step-chart-model.js';
import { h, replaceChildren, scrollBox } from '../dom.js';
import { changeInWords, fieldName, formatInstant } from '../format.js';
import { hrefOf, type Route } from '../router.js';
import type { Deal, HistoryEntry } from '../types.js';
import type { View } from './view.js';

type FigureRoute = Extract<Route, { page: 'figure' }>;

/** One figure: its value over record time as a step chart, and every entry in a table. */
export function figureTimelineView(route: FigureRoute): View {
  const { dealId, figureId } = route;
  const dealHref = hrefOf({ page: 'deal', dealId, ...(route.knownAt !== undefined ? { knownAt: route.knownAt } : {}) });
  const crumbs = h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
    h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', h('a', { href: dealHref }, dealId), ' › ', figureId);
  const body = h('div', {}, loading(`the history of ${figureId}`));
  const element = h('div', { class: 'figure-page' }, crumbs, body);
  const controller = new AbortController();

  void (async () => {
    try {
      const [history, deal] = await Promise.all([
        getJson<{ entries: HistoryEntry[]; label: string }>(`/deals/${encodeURIComponent(dealId)}/figures/${encodeURIComponent(figureId)}/history`, {}, controller.signal),
        getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, {}, controller.signal),
      ]);
      const entries = history.body.entries;
      const onRecord = route.knownAt !== undefined ? entriesOnRecordAt(entries, route.knownAt) : undefined;
      const now = deal.body.figures.find((f) => f.figureId === figureId);
      const label = history.body.label;
      document.title = `${label} · ${deal.body.title} · Deal Ledger`;
      replaceChildren(crumbs, h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', h('a', { href: dealHref }, deal.body.title), ' › ', label);
      replaceChildren(body,
        h('h1', {}, label, h('span', { class: 'sub heading-sub' }, ` ${figureId}`)),
        now
          ? h('p', { class: 'now' }, 'Now: ', h('strong', { class: 'display' }, now.display), ' ', statusBadges(now.status, now.value),
            now.reason ? h('span', { class: 'reason' }, ` Why: ${now.reason}`) : null)
          : null,
        h('section', { 'aria-labelledby': 'timeline-heading' },
          h('h2', { id: 'timeline-heading' }, 'Timeline'),
          onRecord !== undefined && onRecord < entries.length
            ? h('p', { class: 'banner banner-past' }, `You came from the record as at ${momentWords(route.knownAt!)}: ${onRecord} of these ${entries.length} entries were on record then; the rest are marked "later".`)
            : null,
          stepChart(entries, label, onRecord),
        ),
        h('section', { 'aria-labelledby': 'history-heading' },
          h('h2', { id: 'history-heading' }, `History (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'})`),
          scrollBox('History of the figure', historyTable(entries, onRecord)),
        ),
      );
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(body, failure(`the history of ${figureId}`, error));
    }
  })();

  return { element, title: figureId, dispose: () => controller.abort() };
}

function historyTable(entries: readonly HistoryEntry[], onRecord = entries.length): HTMLElement {
  return h('table', { class: 'history' },
    h('thead', {}, h('tr', {}, ['#', 'Change', 'Value as reported', 'Fields changed', 'Source', 'Reported / in effect', 'Recorded', 'Event'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, entries.map((e, i) => h('tr', { 'data-position': e.position, class: `change-row change-${e.change}` },
      h('td', { class: 'num' }, i + 1, i >= onRecord ? h('div', {}, h('span', { class: 'badge later' }, 'later')) : null),
      h('th', { scope: 'row' }, h('span', { class: `badge change-badge change-${e.change}` }, e.change), h('div', { class: 'sub' }, changeInWords(e.change)),
        e.reason ? h('div', { class: 'reason' }, `Why: ${e.reason}`) : null),
      h('td', { class: 'value' }, e.display),
      h('td', {}, e.changed.length > 0 ? e.changed.map(fieldName).join(', ') : '—'),
      h('td', { class: 'source' }, sourceBlock(e.source)),
      h('td', {}, 'reported ', reportedDate(e.reportedAt), e.effectiveAt ? h('div', {}, 'in effect from ', reportedDate(e.effectiveAt)) : null),
      h('td', {}, recordTime(e.recordedAt), h('div', { class: 'sub' }, `by ${e.recordedBy}`)),
      h('td', {}, e.eventType, h('div', { class: 'sub' }, `position ${e.position} · revision ${e.revision}`), h('div', { class: 'sub mono' }, e.eventId)),
    ))),
  );
}

const momentWords = (knownAt: string): string =>
  /^\d+$/.test(knownAt) ? `position ${knownAt}` : /^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? `${knownAt} (start of day, UTC)` : formatInstant(knownAt);
