import { getJson } from '../api.js';
import { momentPicker } from '../components/moment-picker.js';
import { failure, loading } from '../components/states.js';
import { technicalDetails } from '../components/tech-details.js';
import { h, replaceChildren } from '../dom.js';
import { changeInWords, eventTypeInWords, fieldName, fieldValueInWords, formatInstant, formatReportedDate, instantFromInput, MOMENT_EXPECTED, sourceInWords } from '../format.js';
import { loadRecordMoments, momentInWords, type RecordMoment } from '../record-moments.js';
import { hrefOf, type Route } from '../router.js';
import type { Deal, DealDiff, FigureDiff, HistoryEntry } from '../types.js';
import { effectDiff, type EffectChange } from '../valid-diff.js';
import type { View } from './view.js';

type CompareRoute = Extract<Route, { page: 'compare' }>;
type By = 'record' | 'effect';

/**
 * Two moments of a deal side by side, by either time: two moments of the record (what the
 * ledger held then: every field that changed, and the events that changed it), or two dates
 * in effect (what the sources said stood on each day).
 */
export function compareView(route: CompareRoute, go: (route: Route) => void): View {
  const { dealId } = route;
  const crumbs = h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
    h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', h('a', { href: hrefOf({ page: 'deal', dealId }) }, dealId), ' › Compare');
  const formArea = h('div', {}, loading('the record moments'));
  const result = h('section', { id: 'compare-result', 'aria-live': 'polite', 'aria-labelledby': 'compare-result-heading' });
  const element = h('div', { class: 'compare-page' }, crumbs, h('h1', {}, 'Compare two moments'), formArea, result);
  const controller = new AbortController();
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
      if (next.by === 'effect') {
        const [from, to] = await Promise.all([next.from, next.to].map((validAt) =>
          getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, { validAt }, controller.signal)));
        if (mine === request) replaceChildren(result, ...effectResult(next.from, next.to, effectDiff(from!.body.figures, to!.body.figures)));
      } else {
        const { body } = await getJson<DealDiff>(`/deals/${encodeURIComponent(dealId)}/diff`, { from: next.from, to: next.to }, controller.signal);
        if (mine === request) replaceChildren(result, ...diffResult(body));
      }
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
      const deal = current.body;
      document.title = `Compare · ${deal.title} · Deal Ledger`;
      replaceChildren(crumbs, h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', h('a', { href: hrefOf({ page: 'deal', dealId }) }, deal.title), ' › Compare');
      const labels = new Map(deal.figures.map((f) => [f.figureId, f.label]));
      const form = compareForm(moments, (m) => momentInWords(m, (id) => labels.get(id) ?? id), route.by ?? 'record',
        (by, from, to) => go({ page: 'compare', dealId, from, to, ...(by === 'effect' ? { by } : {}) }));
      fill = form.fill;
      replaceChildren(formArea, form.element);
      await run(route);
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(formArea, failure(`comparing moments of the deal ${dealId}`, error));
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

/** By record time: a moment from the list or a date typed in (which wins); by valid time: two dates. */
function compareForm(moments: readonly RecordMoment[], words: (m: RecordMoment) => string, by: By, submit: (by: By, from: string, to: string) => void) {
  const side = (id: 'from' | 'to', label: string, preset: number) => {
    const picker = momentPicker(id, moments, words, preset);
    const date = h('input', { id: `${id}-date`, name: `${id}-date`, type: 'text', inputmode: 'numeric', autocomplete: 'off',
      placeholder: 'e.g. 2025-08-01', 'aria-describedby': `${id}-date-hint` });
    const dateHint = h('span', { class: 'hint', id: `${id}-date-hint` });
    const dateLabel = h('label', { for: `${id}-date` });
    const fieldset = h('fieldset', { class: 'side' }, h('legend', {}, label), picker.element, dateLabel, dateHint, date);
    /** The moment chosen, or undefined (and the field marked, with the rule) when the typed one is not a moment. */
    const value = (): string | undefined => {
      if (!date.value.trim()) return picker.value();
      const instant = instantFromInput(date.value);
      if (instant === undefined) {
        date.setAttribute('aria-invalid', 'true');
        dateHint.textContent = MOMENT_EXPECTED;
      } else date.removeAttribute('aria-invalid');
      return instant;
    };
    const set = (point: string | undefined) => {
      if (point === undefined) return;
      if (moments.some((m) => m.position === point)) {
        picker.set(point);
        date.value = '';
      } else date.value = point;
    };
    const mode = (next: By) => {
      picker.element.hidden = next === 'effect';
      dateLabel.textContent = next === 'effect' ? 'In effect on (a date)' : 'or a date or date-time';
      dateHint.textContent = next === 'effect'
        ? 'e.g. 2025-08-01: the figures as their sources said they stood that day'
        : 'ISO 8601: 2025-08-01 (start of that day, UTC) or 2025-08-01T12:00:00Z; a date given here is used instead of the moment above';
    };
    return { fieldset, value, set, mode };
  };
  const from = side('from', 'From', 0);
  const to = side('to', 'To', moments.length - 1);
  let current: By = by;
  const radio = (value: By, text: string) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'compare-by', value, checked: value === current, onchange: () => setMode(value) }), ` ${text}`);
  const setMode = (next: By) => {
    current = next;
    from.mode(next);
    to.mode(next);
  };
  setMode(by);
  const element = h('form', {
    class: 'compare panel',
    onsubmit: (event: Event) => {
      event.preventDefault();
      const [fromValue, toValue] = [from.value(), to.value()];
      if (fromValue !== undefined && toValue !== undefined) submit(current, fromValue, toValue);
    },
  },
    h('fieldset', { class: 'compare-by' }, h('legend', {}, 'Compare by'),
      radio('record', 'what the ledger had on record at two moments'),
      radio('effect', 'what was in effect on two dates, as the sources reported')),
    h('div', { class: 'sides' }, from.fieldset, to.fieldset), h('button', { type: 'submit' }, 'Compare'));
  return {
    element,
    fill: (route: CompareRoute) => {
      setMode(route.by ?? 'record');
      for (const input of element.querySelectorAll<HTMLInputElement>('input[name="compare-by"]')) input.checked = input.value === (route.by ?? 'record');
      from.set(route.from);
      to.set(route.to);
    },
  };
}

function effectResult(from: string, to: string, changes: readonly EffectChange[]): HTMLElement[] {
  const summary = h('h2', { id: 'compare-result-heading' }, `${changes.length} figure${changes.length === 1 ? '' : 's'} differ`);
  const between = h('p', {}, `What the sources said was in effect on ${formatReportedDate(from)}, and on ${formatReportedDate(to)}.`);
  if (changes.length === 0) return [summary, between, h('p', {}, 'The same figures were in effect on both dates.')];
  return [summary, between, ...changes.map((c) => h('article', { class: 'figure-diff', 'data-figure-id': c.figureId },
    h('h3', {}, c.label, ' ', h('span', { class: 'badge' }, c.kind === 'added' ? 'in effect later' : c.kind === 'removed' ? 'no longer in effect' : 'changed')),
    h('p', { class: 'before-after' },
      h('span', { class: 'before' }, h('span', { class: 'label' }, 'Before: '), c.before ? `${c.before.display} (${c.before.status})` : 'nothing in effect'),
      h('span', { class: 'after' }, h('span', { class: 'label' }, 'After: '), c.after ? h('strong', {}, c.after.display) : 'nothing in effect', c.after ? ` (${c.after.status})` : ''),
    ),
    c.after ? h('p', { class: 'sub' }, `Reported ${formatReportedDate(c.after.reportedAt)}${c.after.effectiveAt ? `, in effect from ${formatReportedDate(c.after.effectiveAt)}` : ''}.`) : null,
  ))];
}

function diffResult(diff: DealDiff): HTMLElement[] {
  const summary = h('h2', { id: 'compare-result-heading' },
    `${diff.figures.length} figure${diff.figures.length === 1 ? '' : 's'} changed, ${diff.notesAdded.length} note${diff.notesAdded.length === 1 ? '' : 's'} added`);
  const between = h('div', {}, h('p', {}, 'Between the two moments of the record you chose.'),
    technicalDetails([['Log positions', `from ${diff.from} to ${diff.to}`]]));
  if (diff.figures.length === 0 && diff.notesAdded.length === 0) {
    return [summary, between, h('p', {}, diff.from === diff.to
      ? 'Both moments show the same record. If you meant dates the sources gave (a deal reported in 2025 but recorded later), compare by what was in effect.'
      : 'Nothing was recorded for this deal between these two moments.')];
  }
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
    h('h3', {}, label, ' ', h('span', { class: 'badge' }, diff.kind)),
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
    technicalDetails([['Event', `${entry.eventType} (${eventTypeInWords(entry.eventType)})`], ['Log position', entry.position], ['Event id', h('code', {}, entry.eventId)]], 'Details'),
  );
}
