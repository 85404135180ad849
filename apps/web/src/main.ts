import { signInArea } from './components/sign-in.js';
import { h, replaceChildren } from './dom.js';
import { hrefOf, parseRoute, type Route } from './router.js';
import { compareView } from './views/compare.view.js';
import { dealListView } from './views/deal-list.view.js';
import { dealView } from './views/deal.view.js';
import { figureTimelineView } from './views/figure-timeline.view.js';
import type { View } from './views/view.js';

const main = document.getElementById('main')!;
const account = document.getElementById('account')!;
let view: View | undefined;

function go(route: Route): void {
  const href = hrefOf(route);
  if (location.hash !== href) location.hash = href;
}

function build(route: Route): View {
  switch (route.page) {
    case 'list':
      return dealListView(route, go);
    case 'deal':
      return dealView(route, go);
    case 'figure':
      return figureTimelineView(route);
    case 'compare':
      return compareView(route, go);
    case 'unknown':
      return {
        title: 'Not found',
        element: h('div', {}, h('h1', {}, 'No such page'),
          h('p', {}, `Nothing lives at ${route.fragment}. `, h('a', { href: hrefOf({ page: 'list' }) }, 'Go to the deals'), '.')),
      };
  }
}

/** Shows the page the URL names; a page that can take the new route in place keeps its focus. */
function render(rebuild = false): void {
  const route = parseRoute(location.hash);
  if (!rebuild && view?.update?.(route)) return;
  const first = view === undefined;
  view?.dispose?.();
  view = build(route);
  document.title = `${view.title} · Deal Ledger`;
  replaceChildren(main, view.element);
  // A new page: move the reader to it, as a full page load would (not on the first load).
  if (!first) main.focus({ preventScroll: false });
}

// The skip link must not change the fragment: the fragment is the page's route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
replaceChildren(account, signInArea(() => render(true)));
window.addEventListener('hashchange', () => render());
render();
