import { getJson } from '../api.js';
import { failure, loading } from '../components/states.js';
import { h, replaceChildren } from '../dom.js';
import { changeInWords, fieldName, fieldValueInWords, formatInstant, instantFromInput, sourceInWords } from '../format.js';
import { loadRecordMoments, momentInWords, type RecordMoment } from '../record-moments.js';
import { hrefOf, type Route } from '../router.js';
import type { Deal, DealDiff, FigureDiff, HistoryEntry } from '../types.js';
import type { View } from './view.js';

type CompareRoute = Extract<Route, { page: 'compare' }>;

/** Two moments of a deal's record side by side: every field that changed, and why. */
export function compareView(route: CompareRoute, go: (route: Route) => void): View {
  const { dealId } = route;
  const crumbs = h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
    h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', h('a', { href: hrefOf({ page: 'deal', dealId }) }, dealId), ' › Compare');
  const formArea = h('div', {}, loading('the record moments'));
  const result = h('section', { id: 'compare-result', 'aria-live': 'polite', 'aria-labelledby': 'compare-result-heading' });
  const element = h('div', { class: 'compare-page' }, crumbs, h('h1', {}, 'Compare two moments of the record'), formArea, result);
  const controller = new AbortController();
  let deal: Deal | undefined;
  let fill: ((route: CompareRoute) => void) | undefined;
  let request = 0;

  const run = async (next: CompareRoute) => {
    fill?.(next);
    if (next.from === undefined || next.to === undefined) {
      replaceChildren(result, h('p', { id: 'compare-result-heading' }, 'Choose two moments, then Compare.'));
      return;
    }
    const mine = ++request;
    replaceChildren(result, loading('the changes between the two moments'));
    try {
      const { body } = await getJson<DealDiff>(`/deals/${encodeURIComponent(dealId)}/diff`, { from: next.from, to: next.to }, controller.signal);
      if (mine === request) replaceChildren(result, ...diffResult(body));
    } catch (error) {
      if (mine === request && !controller.signal.aborted) replaceChildren(result, failure('the comparison', error));
    }
  };

  void (async () => {
    try {
      const [current, moments] = await Promise.all([
        getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, {}, controller.signal),
        loadRecordMoments(dealId, controller.signal),
      ]);
      deal = current.body;
      document.title = `Compare · ${deal.title} · Deal Ledger`;
      replaceChildren(crumbs, h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', h('a', { href: hrefOf({ page: 'deal', dealId }) }, deal.title), ' › Compare');
      const form = compareForm(moments, (from, to) => go({ page: 'compare', dealId, from, to }));
      fill = form.fill;
      replaceChildren(formArea, form.element);
      await run(route);
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(formArea, failure(`the deal ${dealId}`, error));
    }
  })();

  return {
    element,
    title: 'Compare',
    update(next) {
      if (next.page !== 'compare' || next.dealId !== dealId || !fill) return false;
      void run(next);
      return true;
    },
    dispose: () => controller.abort(),
  };
}

/** Each side: a record moment from the list, or a date typed in (which wins when given). */
function compareForm(moments: readonly RecordMoment[], submit: (from: string, to: string) => void) {
  const side = (id: 'from' | 'to', label: string, preset: number) => {
    const select = h('select', { id: `${id}-moment`, name: `${id}-moment` },
      moments.map((m, i) => h('option', { value: m.position, selected: i === preset }, momentInWords(m))));
    const date = h('input', { id: `${id}-date`, name: `${id}-date`, type: 'text', inputmode: 'numeric', autocomplete: 'off',
      placeholder: 'e.g. 2025-08-01', 'aria-describedby': `${id}-date-hint` });
    const fieldset = h('fieldset', { class: 'side' },
      h('legend', {}, label),
      h('label', { for: `${id}-moment` }, 'Record moment'),
      select,
      h('label', { for: `${id}-date` }, 'or a date or date-time'),
      h('span', { class: 'hint', id: `${id}-date-hint` }, 'ISO 8601: 2025-08-01 (start of that day, UTC) or 2025-08-01T12:00:00Z; a date given here is used instead of the moment above'),
      date,
    );
    const value = () => (date.value.trim() ? (instantFromInput(date.value) ?? date.value.trim()) : select.value);
    const set = (point: string | undefined) => {
      if (point === undefined) return;
      if (moments.some((m) => m.position === point)) {
        select.value = point;
        date.value = '';
      } else date.value = point;
    };
    return { fieldset, value, set };
  };
  const from = side('from', 'From', 0);
  const to = side('to', 'To', moments.length - 1);
  const element = h('form', {
    class: 'compare panel',
    onsubmit: (event: Event) => {
      event.preventDefault();
      submit(from.value(), to.value());
    },
  }, h('div', { class: 'sides' }, from.fieldset, to.fieldset), h('button', { type: 'submit' }, 'Compare'));
  return {
    element,
    fill: (route: CompareRoute) => {
      from.set(route.from);
      to.set(route.to);
    },
  };
}

function diffResult(diff: DealDiff): HTMLElement[] {
  const summary = h('h2', { id: 'compare-result-heading' },
    `${diff.figures.length} figure${diff.figures.length === 1 ? '' : 's'} changed, ${diff.notesAdded.length} note${diff.notesAdded.length === 1 ? '' : 's'} added`);
  const between = h('p', {}, `Between position ${diff.from} and position ${diff.to} of the record.`);
  if (diff.figures.length === 0 && diff.notesAdded.length === 0) return [summary, between, h('p', {}, 'Nothing was recorded for this deal between these two moments.')];
  return [
    summary,
    between,
    ...diff.figures.map((f) => figureDiff(f)),
    diff.notesAdded.length > 0
      ? h('section', { 'aria-labelledby': 'notes-added' }, h('h3', { id: 'notes-added' }, 'Notes added'),
        h('ul', {}, diff.notesAdded.map((n) => h('li', {}, n.text, h('span', { class: 'sub' }, ` — ${sourceInWords(n.source)}, recorded ${formatInstant(n.recordedAt)} by ${n.recordedBy}`)))))
      : h('span'),
  ];
}

function figureDiff(diff: FigureDiff): HTMLElement {
  const label = diff.label;
  return h('article', { class: 'figure-diff', 'data-figure-id': diff.figureId },
    h('h3', {}, label, ' ', h('span', { class: 'badge' }, diff.kind), h('span', { class: 'sub heading-sub' }, ` ${diff.figureId}`)),
    h('p', { class: 'before-after' },
      diff.displayBefore !== undefined
        ? h('span', { class: 'before' }, h('span', { class: 'label' }, 'Before: '), diff.displayBefore, ` (${diff.statusBefore})`)
        : h('span', { class: 'before' }, h('span', { class: 'label' }, 'Before: '), 'not on record'),
      h('span', { class: 'after' }, h('span', { class: 'label' }, 'After: '), h('strong', {}, diff.displayAfter ?? ''), ` (${diff.statusAfter})`),
    ),
    diff.changes.length > 0
      ? h('table', { class: 'changes' },
        h('caption', {}, 'Fields that changed'),
        h('thead', {}, h('tr', {}, ['Field', 'Before', 'After'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, diff.changes.map((c) => h('tr', { 'data-field': c.field },
          h('th', { scope: 'row' }, fieldName(c.field)),
          h('td', {}, fieldValueInWords(c.field, c.before)),
          h('td', {}, fieldValueInWords(c.field, c.after)),
        ))))
      : null,
    h('h4', {}, diff.causes.length === 1 ? 'Cause' : `Causes (${diff.causes.length})`),
    h('ol', { class: 'causes' }, diff.causes.map(cause)),
  );
}

function cause(entry: HistoryEntry): HTMLElement {
  return h('li', { 'data-position': entry.position },
    h('span', { class: `badge change-badge change-${entry.change}` }, entry.change), ' ',
    h('strong', {}, entry.display), ` — ${changeInWords(entry.change)}`,
    entry.reason ? h('div', { class: 'reason' }, `Why: ${entry.reason}`) : null,
    h('div', { class: 'sub' }, `Recorded ${formatInstant(entry.recordedAt)} by ${entry.recordedBy} · ${sourceInWords(entry.source)}`),
    h('div', { class: 'sub' }, `${entry.eventType}, position ${entry.position}, event `, h('span', { class: 'mono' }, entry.eventId)),
  );
}
