import { getJson } from '../api.js';
import { h, replaceChildren, scrollBox } from '../dom.js';
import { DEAL_SORTS, sortDeals, type DealSort } from '../deal-sort.js';
import { formatInstant } from '../format.js';
import { hrefOf, withDefined, type Route } from '../router.js';
import type { DealPage } from '../types.js';

type DealItem = DealPage['items'][number];
import { failure, loading } from '../components/states.js';
import type { View } from './view.js';

type ListRoute = Extract<Route, { page: 'list' }>;

/** Deals, searched by party, commodity and title, a page at a time. */
export function dealListView(route: ListRoute, go: (route: Route) => void): View {
  const field = (id: string, label: string, hint: string, value: string | undefined) =>
    h('div', { class: 'field' },
      h('label', { for: id }, label),
      h('span', { class: 'hint', id: `${id}-hint` }, hint),
      h('input', { id, name: id, type: 'search', value: value ?? '', 'aria-describedby': `${id}-hint`, autocomplete: 'off' }),
    );
  const form = h('form', {
    class: 'search panel',
    role: 'search',
    'aria-label': 'Search deals',
    onsubmit: (event: Event) => {
      event.preventDefault();
      const data = new FormData(event.target as HTMLFormElement);
      const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
      go(withDefined({ page: 'list', title: value('title'), party: value('party')?.toLowerCase(), commodity: value('commodity') }));
    },
  },
    field('title', 'Title contains', 'Any part of the title, e.g. Caremag', route.title),
    field('party', 'Party id', 'Exact id, e.g. jogmec', route.party),
    field('commodity', 'Commodity', 'e.g. dysprosium', route.commodity),
    h('div', { class: 'field actions' }, h('button', { type: 'submit' }, 'Search'),
      h('a', { href: hrefOf({ page: 'list' }), class: 'button secondary' }, 'Clear')),
  );
  const results = h('section', { 'aria-labelledby': 'results-heading', 'aria-live': 'polite' });
  const element = h('div', {}, h('h1', {}, 'Deals'), form, results);

  const controller = new AbortController();
  void (async () => {
    replaceChildren(results, loading('the deals'));
    try {
      const query = { party: route.party, commodity: route.commodity, title: route.title, after: route.after, limit: 50 };
      const { body } = await getJson<DealPage>('/deals', query, controller.signal);
      const filtered = route.party || route.commodity || route.title;
      replaceChildren(results,
        h('h2', { id: 'results-heading' }, body.items.length === 0 ? 'No deals found' : `${body.items.length} deal${body.items.length === 1 ? '' : 's'}${route.after ? ' (next page)' : ''}`),
        body.items.length === 0
          ? h('p', {}, filtered ? 'No deal matches this search. Try fewer words, or clear the search.' : 'The ledger has no deals yet.')
          : sortedDeals(body.items),
        body.next ? h('p', {}, h('a', { href: hrefOf({ ...route, after: body.next }), class: 'button secondary' }, 'Next page')) : null,
      );
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(results, failure('the deals', error));
    }
  })();

  return { element, title: 'Deals', dispose: () => controller.abort() };
}


/** The deals on screen with a choice of order; the choice re-sorts in place. */
function sortedDeals(items: readonly DealItem[]): HTMLElement {
  const select = h('select', { id: 'deal-sort' },
    (Object.entries(DEAL_SORTS) as [DealSort, string][]).map(([value, words]) => h('option', { value }, words)));
  const tbody = h('tbody', {});
  const fill = () => replaceChildren(tbody, sortDeals(items, select.value as DealSort).map((deal) =>
    h('tr', { 'data-deal-id': deal.dealId },
      h('th', { scope: 'row' }, h('a', { href: hrefOf({ page: 'deal', dealId: deal.dealId }) }, deal.title),
        deal.site ? h('div', { class: 'sub' }, deal.site) : null),
      h('td', {}, deal.parties.map((p) => h('div', {}, p.name, h('span', { class: 'sub' }, ` (${p.roles.join(', ')})`)))),
      h('td', {}, deal.commodities.join(', ')),
      h('td', { class: 'num' }, deal.figureCount),
      h('td', {}, formatInstant(deal.updatedAt)),
    )));
  select.addEventListener('change', fill);
  fill();
  return h('div', {},
    h('div', { class: 'sort' }, h('label', { for: 'deal-sort' }, 'Sort by'), select),
    scrollBox('Deals found', h('table', { class: 'deals' },
      h('thead', {}, h('tr', {}, ['Title', 'Parties', 'Commodities', 'Figures', 'Last recorded'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)),
  );
}
