import { ApiError, getJson } from '../api.js';
import { asOfControl, type AsOfControl } from '../components/as-of-control.js';
import { dealVerificationBadge } from '../components/deal-verification-badge.js';
import { evidenceActions } from '../components/evidence-actions.js';
import { figuresTable } from '../components/figures-table.js';
import { legalHoldNotice } from '../components/legal-hold-notice.js';
import { showReplacedValues } from '../components/replaced-values.js';
import { failure, forbiddenDetails, loading } from '../components/states.js';
import { technicalDetails } from '../components/tech-details.js';
import { validAtControl, type ValidAtControl } from '../components/valid-at-control.js';
import { h, replaceChildren, scrollBox } from '../dom.js';
import { formatInstant, formatReportedDate, sourceInWords, staleInWords } from '../format.js';
import { loadRecordMoments, type RecordMoment } from '../record-moments.js';
import { hrefOf, type Route } from '../router.js';
import type { Deal, DealLink, Note, Party } from '../types.js';
import type { View } from './view.js';

type DealRoute = Extract<Route, { page: 'deal' }>;
type Moment = { knownAt?: string; validAt?: string };

/** The deal page: parties, every figure, notes; now, as on record at a moment, or as in effect on a date. */
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
  let validControl: ValidAtControl | undefined;
  let current: Deal | undefined;
  let firstRecordedAt: string | undefined;
  let request = 0;
  const controller = new AbortController();
  const goTo = (moment: Moment) => go({ page: 'deal', dealId, ...moment });

  const show = async (moment: Moment) => {
    const mine = ++request;
    content.setAttribute('aria-busy', 'true');
    content.classList.add('stale');
    validControl?.show(moment.validAt);
    try {
      // Now or at a moment: the same answer shape, as-of answers adding `asOf`.
      const view = moment.knownAt === undefined && moment.validAt === undefined && current
        ? { body: current }
        : await getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, moment, controller.signal);
      if (mine !== request) return; // a later choice is already on its way
      renderContent(content, dealId, view.body, moment, { timelines: true, firstReportedAt: current?.reportedAt });
      void showReplacedValues(content, dealId, view.body.figures, controller.signal, () => mine === request);
      control?.show(view.body.asOf?.position, moment.knownAt);
    } catch (error) {
      if (mine !== request || controller.signal.aborted) return;
      replaceChildren(content, momentRefused(error, moment, firstRecordedAt, goTo)
        ?? failure(moment.knownAt === undefined ? `the deal ${dealId}` : `the deal as on record at ${moment.knownAt}`, error));
      if (error instanceof ApiError && error.code === 'DEAL.NOT_ON_RECORD' && moment.knownAt !== undefined) control?.beforeFirst(moment.knownAt);
      else control?.show(undefined, moment.knownAt);
    } finally {
      if (mine === request) {
        content.removeAttribute('aria-busy');
        content.classList.remove('stale');
      }
    }
  };

  void (async () => {
    try {
      // Viewers may read the deal as it stands now; its events (and so the moments to pick) are not theirs.
      const [deal, moments] = await Promise.all([
        getJson<Deal>(`/deals/${encodeURIComponent(dealId)}`, {}, controller.signal),
        loadRecordMoments(dealId, controller.signal).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 403) return error;
          throw error;
        }),
      ]);
      current = deal.body;
      document.title = `${deal.body.title} · Deal Ledger`;
      if (moments instanceof ApiError) {
        replaceChildren(head, dealHeader(deal.body, deal.etag), legalHoldNotice(dealId, controller.signal), nowOnlyNote(moments, route));
        renderContent(content, dealId, deal.body, {}, { timelines: false });
        return;
      }
      firstRecordedAt = moments[0]?.recordedAt ?? deal.body.registeredAt;
      control = asOfControl(moments, (knownAt) => goTo({ ...(knownAt !== undefined ? { knownAt } : {}), ...(lastValidAt !== undefined ? { validAt: lastValidAt } : {}) }));
      validControl = validAtControl((validAt) => goTo({ ...(lastKnownAt !== undefined ? { knownAt: lastKnownAt } : {}), ...(validAt !== undefined ? { validAt } : {}) }));
      replaceChildren(head, dealHeader(deal.body, deal.etag), legalHoldNotice(dealId, controller.signal), toolbar(dealId, deal.body, moments),
        h('div', { class: 'times' }, validControl.element, control.element));
      await show({ ...(route.knownAt !== undefined ? { knownAt: route.knownAt } : {}), ...(route.validAt !== undefined ? { validAt: route.validAt } : {}) });
    } catch (error) {
      if (!controller.signal.aborted) replaceChildren(head, failure(`the deal ${dealId}`, error));
    }
  })();

  // The times the page shows, kept when the other control moves.
  let lastKnownAt = route.knownAt;
  let lastValidAt = route.validAt;
  return {
    element,
    title: dealId,
    update(next) {
      if (next.page !== 'deal' || next.dealId !== dealId || !control) return false;
      lastKnownAt = next.knownAt;
      lastValidAt = next.validAt;
      void show({ ...(next.knownAt !== undefined ? { knownAt: next.knownAt } : {}), ...(next.validAt !== undefined ? { validAt: next.validAt } : {}) });
      return true;
    },
    dispose: () => controller.abort(),
  };
}

function dealHeader(deal: Deal, etag: string | undefined): HTMLElement {
  return h('header', { class: 'deal-header' },
    h('h1', {}, deal.title),
    h('dl', { class: 'facts' },
      deal.site ? [h('dt', {}, 'Site'), h('dd', {}, deal.site)] : null,
      h('dt', {}, 'Commodities'), h('dd', {}, deal.commodities.join(', ')),
      h('dt', {}, 'First reported'), h('dd', {}, `${formatReportedDate(deal.reportedAt)} — ${sourceInWords(deal.source)}`),
      h('dt', {}, 'First recorded here'), h('dd', {}, `${formatInstant(deal.registeredAt)} by ${deal.registeredBy}`),
      h('dt', {}, 'Last change recorded'), h('dd', {}, formatInstant(deal.updatedAt)),
    ),
    technicalDetails([
      ['Deal id', h('code', {}, deal.dealId)],
      ['Revision now', String(deal.revision)],
      ['Log position', deal.position],
      ...(etag ? [['ETag', h('code', {}, etag)] as const] : []),
    ]),
  );
}

/** For a reader who may read deals now but not their events: what they see, and what is kept for auditors. */
function nowOnlyNote(error: ApiError, route: DealRoute): HTMLElement {
  const asked = route.knownAt !== undefined || route.validAt !== undefined;
  return h('div', { class: 'notice now-only', role: 'status' },
    h('p', {}, h('strong', {}, 'You are reading this deal as it stands now.'),
      asked ? ' The link you followed asks for an earlier moment; your key does not open earlier moments, so the deal is shown as it stands now.' : ''),
    h('p', {}, 'Looking back (as on record at a moment, or in effect on a date), the history of each figure, comparing two moments and the proof of the record are audit reads, open to auditors and each logged. ',
      'If you need them, ask an administrator for an auditor’s key.'),
    technicalDetails(forbiddenDetails(error)),
  );
}

function toolbar(dealId: string, deal: Deal, moments: readonly RecordMoment[]): HTMLElement {
  return h('div', { class: 'toolbar' },
    dealVerificationBadge(dealId),
    h('div', { class: 'toolbar-actions' },
      h('a', { class: 'button secondary', href: hrefOf({ page: 'compare', dealId }) }, 'Compare two moments'),
      evidenceActions(deal),
    ),
    h('p', { class: 'sub' }, `${moments.length} changes on record for this deal.`),
  );
}

interface ContentOptions {
  timelines: boolean;
  /** When the deal was first reported (the "now" answer's date), to explain an empty date. */
  firstReportedAt?: string | undefined;
}

function renderContent(content: HTMLElement, dealId: string, deal: Deal, moment: Moment, options: ContentOptions): void {
  const { asOf, figures: rows } = deal;
  replaceChildren(content,
    deal.stale ? h('div', { class: 'banner banner-stale', role: 'status' }, h('strong', {}, 'Maybe not the latest: '), staleInWords(deal.stale)) : null,
    momentBanner(deal, moment),
    moment.validAt !== undefined && rows.length === 0
      ? h('p', { class: 'notice' }, `Nothing of this deal was reported to be in effect on ${formatReportedDate(moment.validAt)}`,
        options.firstReportedAt ? `; its first report is dated ${formatReportedDate(options.firstReportedAt)}.` : '.')
      : null,
    h('section', { 'aria-labelledby': 'figures-heading' },
      h('h2', { id: 'figures-heading' }, `Figures (${rows.length})`),
      rows.length > 0 || moment.validAt === undefined
        ? scrollBox('Figures of the deal', figuresTable(dealId, rows, {
          ...(moment.knownAt !== undefined ? { knownAt: moment.knownAt } : asOf ? { knownAt: asOf.position } : {}),
          parties: deal.parties,
          timelines: options.timelines,
        }))
        : null,
    ),
    h('section', { 'aria-labelledby': 'parties-heading' },
      h('h2', { id: 'parties-heading' }, 'Parties'),
      scrollBox('Parties of the deal', partiesTable(deal.parties)),
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

/** Which moment the page shows, in words; the log position and revision one click away. */
function momentBanner(deal: Deal, moment: Moment): HTMLElement {
  const { asOf } = deal;
  const recordWords = asOf?.knownAt !== undefined || moment.knownAt !== undefined
    ? [h('strong', {}, 'As on record at '), asOf?.knownAt ? `${formatInstant(asOf.knownAt)}. ` : `a moment of the record. `, 'What was recorded later is not shown.']
    : [h('strong', {}, 'The record now'), '.'];
  return h('div', { class: asOf ? 'banner banner-past' : 'banner banner-now', id: 'record-moment' },
    moment.validAt !== undefined
      ? h('p', {}, h('strong', {}, `In effect on ${formatReportedDate(moment.validAt)}: `), 'the figures as their sources said they stood that day.')
      : null,
    h('p', {}, ...recordWords),
    technicalDetails([
      ['Shown at', asOf ? `position ${asOf.position}, deal revision ${deal.revision}` : `the latest: deal revision ${deal.revision}`],
      ['Query', [moment.knownAt !== undefined ? `knownAt=${moment.knownAt}` : '', moment.validAt !== undefined ? `validAt=${moment.validAt}` : ''].filter(Boolean).join('&') || '(none: now)'],
    ]),
  );
}

/** A moment the ledger cannot show, explained: before the deal was recorded, or not yet past. */
function momentRefused(error: unknown, moment: Moment, firstRecordedAt: string | undefined, goTo: (m: Moment) => void): HTMLElement | null {
  if (!(error instanceof ApiError)) return null;
  const said = technicalDetails([['The ledger said', error.describe()]]);
  switch (error.code) {
    case 'DEAL.NOT_ON_RECORD': {
      const asked = moment.knownAt ?? '';
      const date = /^\d{4}-\d{2}-\d{2}/.exec(asked)?.[0];
      return h('div', { class: 'notice not-on-record', role: 'status' },
        h('p', {}, h('strong', {}, `This deal was first recorded on ${firstRecordedAt ? formatInstant(firstRecordedAt) : 'a later date'}; nothing was on record before.`),
          ' Choose a later moment of the record.'),
        date
          ? h('p', {}, `Looking for what was in effect on ${date}, as the sources reported it? `,
            h('button', { type: 'button', class: 'secondary', onclick: () => goTo({ validAt: date }) }, `Show what was in effect on ${date}`))
          : null,
        said,
      );
    }
    case 'AUDIT.KNOWN_AT_IN_FUTURE':
    case 'AUDIT.KNOWN_AT_BEYOND_HEAD':
      return h('div', { class: 'notice', role: 'status' },
        h('p', {}, h('strong', {}, 'That moment has not happened yet'), ', so the record at it is not fixed and cannot be shown. Choose an earlier moment, or End for the record now.'),
        said);
    default:
      return null;
  }
}

function partiesTable(parties: readonly Party[]): HTMLElement {
  return h('table', { class: 'parties' },
    h('thead', {}, h('tr', {}, ['Party', 'Kind', 'Roles in this deal', 'Country'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, parties.map((p) => h('tr', { 'data-party-id': p.partyId },
      h('th', { scope: 'row' }, p.name),
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
