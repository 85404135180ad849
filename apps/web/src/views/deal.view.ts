import { ApiError, getJson } from '../api.js';
import { asOfControl, type AsOfControl } from '../components/as-of-control.js';
import { exportEvidence } from '../components/export-evidence.js';
import { figuresTable } from '../components/figures-table.js';
import { failure, loading } from '../components/states.js';
import { verificationBadge } from '../components/verification-badge.js';
import { h, replaceChildren, scrollBox } from '../dom.js';
import { formatInstant, formatReportedDate, sourceInWords, staleInWords } from '../format.js';
import { loadRecordMoments, type RecordMoment } from '../record-moments.js';
import { hrefOf, type Route } from '../router.js';
import type { Deal, DealLink, Note, Party } from '../types.js';
import type { View } from './view.js';

type DealRoute = Extract<Route, { page: 'deal' }>;

/** The deal page: parties, every figure, notes; now or as on record at any moment. */
export function dealView(route: DealRoute, go: (route: Route) => void): View {
  const { dealId } = route;
  const head = h('div', { class: 'deal-head' }, loading(`the deal ${dealId}`));
  const content = h('div', { id: 'deal-content', class: 'deal-content', 'aria-live': 'polite' });
  const element = h('div', { class: 'deal' },
    h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' }, h('a', { href: hrefOf({ page: 'list' }) }, 'Deals'), ' › ', dealId),
    head,
    content,
  );

  let control: AsOfControl | undefined;
  let request = 0;
  const controller = new AbortController();

  const show = async (knownAt: string | undefined) => {
    const mine = ++request;
    content.setAttribute('aria-busy', 'true');
    content.classList.add('stale');
    try {
      // Now or as on record at a moment: the same answer shape, as-of answers adding `asOf`.
      const view = await getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, { knownAt }, controller.signal);
      if (mine !== request) return; // a later choice is already on its way
      renderContent(content, dealId, view.body, knownAt, view.etag);
      control?.show(view.body.asOf?.position, knownAt);
    } catch (error) {
      if (mine !== request || controller.signal.aborted) return;
      replaceChildren(content, failure(knownAt === undefined ? `the deal ${dealId}` : `the deal as on record at ${knownAt}`, error),
        error instanceof ApiError ? adviceFor(error.code) : null);
      control?.show(undefined, knownAt);
    } finally {
      if (mine === request) {
        content.removeAttribute('aria-busy');
        content.classList.remove('stale');
      }
    }
  };

  void (async () => {
    try {
      const [deal, moments] = await Promise.all([
        getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, {}, controller.signal),
        loadRecordMoments(dealId, controller.signal),
      ]);
      control = asOfControl(moments, (knownAt) => go({ page: 'deal', dealId, ...(knownAt !== undefined ? { knownAt } : {}) }));
      replaceChildren(head, dealHeader(deal.body, deal.etag), toolbar(dealId, moments), control.element);
      document.title = `${deal.body.title} · Deal Ledger`;
      await show(route.knownAt);
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(head, failure(`the deal ${dealId}`, error));
    }
  })();

  return {
    element,
    title: dealId,
    update(next) {
      if (next.page !== 'deal' || next.dealId !== dealId || !control) return false;
      void show(next.knownAt);
      return true;
    },
    dispose: () => controller.abort(),
  };
}

function dealHeader(deal: Deal, etag: string | undefined): HTMLElement {
  return h('header', {},
    h('h1', {}, deal.title),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Deal id'), h('dd', {}, h('code', {}, deal.dealId)),
      deal.site ? [h('dt', {}, 'Site'), h('dd', {}, deal.site)] : null,
      h('dt', {}, 'Commodities'), h('dd', {}, deal.commodities.join(', ')),
      h('dt', {}, 'First reported'), h('dd', {}, `${formatReportedDate(deal.reportedAt)} — ${sourceInWords(deal.source)}`),
      h('dt', {}, 'Registered'), h('dd', {}, `${formatInstant(deal.registeredAt)} by ${deal.registeredBy}`),
      h('dt', {}, 'Revision now'), h('dd', {}, `${deal.revision}${etag ? ` (ETag ${etag})` : ''}, last recorded ${formatInstant(deal.updatedAt)}`),
    ),
  );
}

function toolbar(dealId: string, moments: readonly RecordMoment[]): HTMLElement {
  return h('div', { class: 'toolbar' },
    verificationBadge(),
    h('div', { class: 'toolbar-actions' },
      h('a', { class: 'button secondary', href: hrefOf({ page: 'compare', dealId }) }, 'Compare two moments'),
      exportEvidence(dealId),
    ),
    h('p', { class: 'sub' }, `${moments.length} events on record for this deal.`),
  );
}

function renderContent(
  content: HTMLElement,
  dealId: string,
  deal: Deal,
  knownAt: string | undefined,
  etag: string | undefined,
): void {
  const { asOf, figures: rows } = deal;
  replaceChildren(content,
    deal.stale ? h('div', { class: 'banner banner-stale', role: 'status' }, h('strong', {}, 'Maybe not the latest: '), staleInWords(deal.stale)) : null,
    h('div', { class: asOf ? 'banner banner-past' : 'banner banner-now', id: 'record-moment' },
      asOf
        ? [h('strong', {}, 'As on record at '), asOf.knownAt ? `${formatInstant(asOf.knownAt)} ` : '',
          `(position ${asOf.position}, deal revision ${deal.revision}). `, 'What was recorded later is not shown.']
        : [h('strong', {}, 'The record now: '), `deal revision ${deal.revision}${etag ? `, ETag ${etag}` : ''}.`],
    ),
    h('section', { 'aria-labelledby': 'figures-heading' },
      h('h2', { id: 'figures-heading' }, `Figures (${rows.length})`),
      scrollBox('Figures of the deal', figuresTable(dealId, rows, knownAt)),
    ),
    h('section', { 'aria-labelledby': 'parties-heading' },
      h('h2', { id: 'parties-heading' }, 'Parties'),
      partiesTable(deal.parties),
    ),
    deal.links.length + deal.linkedFrom.length > 0
      ? h('section', { 'aria-labelledby': 'links-heading' },
        h('h2', { id: 'links-heading' }, 'Other deals'),
        linksList(deal.links, deal.linkedFrom),
      )
      : null,
    h('section', { 'aria-labelledby': 'notes-heading' },
      h('h2', { id: 'notes-heading' }, `Notes (${deal.notes.length})`),
      notesList(deal.notes),
    ),
  );
}

/** What to do when a moment of the record cannot be shown. */
function adviceFor(code: string): HTMLElement | null {
  switch (code) {
    case 'DEAL.NOT_ON_RECORD':
      return h('p', {}, 'Nothing of this deal had been recorded by then. Move the control to a later moment.');
    case 'AUDIT.KNOWN_AT_IN_FUTURE':
    case 'AUDIT.KNOWN_AT_BEYOND_HEAD':
      return h('p', {}, 'The record at that moment is not written yet, so it cannot be shown as fixed. Choose an earlier moment, or End for the record now.');
    default:
      return null;
  }
}

function partiesTable(parties: readonly Party[]): HTMLElement {
  return h('table', { class: 'parties' },
    h('thead', {}, h('tr', {}, ['Party', 'Id', 'Kind', 'Roles in this deal', 'Country'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, parties.map((p) => h('tr', {},
      h('th', { scope: 'row' }, p.name),
      h('td', {}, h('code', {}, p.partyId)),
      h('td', {}, p.kind.replace(/_/g, ' ')),
      h('td', {}, p.roles.join(', ')),
      h('td', {}, p.country ?? '—'),
    ))),
  );
}

/** Each link read as a sentence: "This deal supersedes X", "Y is part of this deal". */
function linksList(links: readonly DealLink[], linkedFrom: readonly DealLink[]): HTMLElement {
  const other = (link: DealLink) => h('a', { href: hrefOf({ page: 'deal', dealId: link.dealId }) }, link.dealId);
  const words = (link: DealLink) => (link.relation === 'part_of' ? 'is part of' : link.relation === 'related' ? 'is related to' : link.relation);
  const source = (link: DealLink) => ` (${link.source.publisher}, reported ${link.reportedAt})`;
  return h('ul', { class: 'links' },
    links.map((link) => h('li', {}, `This deal ${words(link)} `, other(link), source(link))),
    linkedFrom.map((link) => h('li', {}, other(link), ` ${words(link)} this deal`, source(link))),
  );
}

function notesList(notes: readonly Note[]): HTMLElement {
  if (notes.length === 0) return h('p', {}, 'No notes.');
  return h('ul', { class: 'notes' }, notes.map((n) => h('li', {},
    h('p', {}, n.text),
    h('p', { class: 'sub' }, `${sourceInWords(n.source)} · reported ${formatReportedDate(n.reportedAt)} · recorded ${formatInstant(n.recordedAt)} by ${n.recordedBy}`),
  )));
}
