import { getJson } from '../api.js';
import { failure, loading } from '../components/states.js';
import { saveFile } from '../components/download.js';
import { historyTable } from '../components/history-table.js';
import { statusBadges } from '../components/status-badge.js';
import { zoomableChart } from '../components/timeline-zoom.js';
import { entriesOnRecordAt } from '../timeline/step-chart-model.js';
import { h, replaceChildren } from '../dom.js';
import { figureHistoriesCsv } from '../figure-history-csv.js';
import { formatInstant } from '../format.js';
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
        h('h1', {}, label),
        now
          ? h('p', { class: 'now' }, 'Now: ', h('strong', { class: 'display' }, now.display), ' ', statusBadges(now.status, now.value),
            now.reason ? h('span', { class: 'reason' }, ` Why: ${now.reason}`) : null)
          : null,
        h('section', { 'aria-labelledby': 'timeline-heading' },
          h('h2', { id: 'timeline-heading' }, 'Timeline'),
          onRecord !== undefined && onRecord < entries.length
            ? h('p', { class: 'banner banner-past' }, `You came from the record as at ${momentWords(route.knownAt!)}: ${onRecord} of these ${entries.length} entries were on record then; the rest are marked "later".`)
            : null,
          zoomableChart(entries, label, onRecord),
        ),
        h('section', { 'aria-labelledby': 'history-heading' },
          h('h2', { id: 'history-heading' }, `History (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'})`),
          h('p', {}, h('button', {
            type: 'button',
            class: 'secondary',
            onclick: () => saveFile(`${dealId}-${figureId}-history.csv`,
              new Blob([figureHistoriesCsv(dealId, [{ figureId, label, entries }])], { type: 'text/csv;charset=utf-8' })),
          }, 'Download this history (CSV)')),
          historyTable(entries, onRecord),
        ),
      );
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(body, failure(`the history of ${figureId}`, error));
    }
  })();

  return { element, title: figureId, dispose: () => controller.abort() };
}

const momentWords = (knownAt: string): string =>
  /^\d+$/.test(knownAt) ? `position ${knownAt}` : /^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? `${knownAt} (start of day, UTC)` : formatInstant(knownAt);
