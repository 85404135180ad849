import { accountArea } from './components/sign-in.js';
import { signInForm } from './components/sign-in-form.js';
import { h, replaceChildren } from './dom.js';
import { formatInstant } from './format.js';
import { hrefOf, parseRoute, type Route } from './router.js';
import { credential, onCredentialRefused } from './session.js';
import { compareView } from './views/compare.view.js';
import { dealListView } from './views/deal-list.view.js';
import { dealView } from './views/deal.view.js';
import { figureTimelineView } from './views/figure-timeline.view.js';
import type { View } from './views/view.js';

const main = document.getElementById('main')!;
const account = accountArea(() => render(true));
replaceChildren(document.getElementById('account')!, account.element);
let view: View | undefined;

function go(route: Route): void {
  const href = hrefOf(route);
  if (location.hash !== href) location.hash = href;
}

function build(route: Route): View {
  // No key yet (or the last one was refused): the first screen is a welcome with the form.
  if (!credential()) return { title: 'Sign in', element: signInForm(() => { account.refresh(); render(true); }) };
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
// A refused key is dropped (session.ts): the header empties and the form comes back, once.
onCredentialRefused(() => {
  account.refresh();
  render(true);
});
window.addEventListener('hashchange', () => render());
render();

// The print layout's header: when and from which address the page was printed.
const stamp = h('p', { class: 'print-only print-stamp' });
document.body.prepend(stamp);
window.addEventListener('beforeprint', () => {
  stamp.textContent = `Deal Ledger · printed ${formatInstant(new Date().toISOString())} · ${location.href}`;
});
