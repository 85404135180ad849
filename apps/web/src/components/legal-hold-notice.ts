import { ApiError, getJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatInstant } from '../format.js';
import type { LegalHold, LegalHoldList } from '../types.js';
import { technicalDetails } from './tech-details.js';

/**
 * The legal holds over this deal (`GET /deals/:id/holds`), said first on the page: while one
 * is in force, none of the deal's records is disposed of or erased. Which hold, its reference
 * and reason, since when and by whom. Nothing is shown when no hold covers the deal, nor to a
 * reader whose key does not open holds (the page then claims nothing either way).
 */
export function legalHoldNotice(dealId: string, signal: AbortSignal): HTMLElement {
  const element = h('div', { class: 'legal-holds' });
  void (async () => {
    try {
      const { body } = await getJson<LegalHoldList>(`/deals/${encodeURIComponent(dealId)}/holds`, {}, signal);
      if (body.items.length > 0) replaceChildren(element, notice(body.items));
    } catch (error) {
      if (signal.aborted || (error instanceof ApiError && error.status === 403)) return;
      replaceChildren(element, h('div', { class: 'notice', role: 'status' },
        h('p', {}, 'Whether this deal is under a legal hold could not be checked just now.'),
        error instanceof ApiError ? technicalDetails([['The ledger said', error.describe()]]) : null));
    }
  })();
  return element;
}

function notice(holds: readonly LegalHold[]): HTMLElement {
  return h('section', { class: 'notice legal-hold', role: 'note', 'aria-labelledby': 'legal-hold-heading' },
    h('h2', { id: 'legal-hold-heading' }, holds.length === 1 ? 'Under legal hold' : `Under ${holds.length} legal holds`),
    h('p', {}, 'Records of this deal are kept as they are: none is disposed of or erased while a hold is in force.'),
    h('ul', {}, holds.map((hold) => h('li', { 'data-hold-id': hold.holdId },
      h('p', {}, h('strong', {}, hold.reference), ` — ${hold.reason}`),
      h('p', { class: 'sub' }, `In force since ${formatInstant(hold.placedAt)}, placed by ${hold.placedBy}. Covers ${scopeInWords(hold.scope)}.`),
      technicalDetails([['Hold id', h('code', {}, hold.holdId)]]),
    ))),
  );
}

function scopeInWords(scope: LegalHold['scope']): string {
  switch (scope.kind) {
    case 'deal':
      return 'every record of this deal';
    case 'party':
      return `every record involving the party ${scope.partyId ?? ''}`;
    case 'recorded':
      return `every record the ledger recorded from ${formatInstant(scope.from ?? '')} up to ${formatInstant(scope.to ?? '')}`;
  }
}
