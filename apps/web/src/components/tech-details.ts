import { h, type Child } from '../dom.js';

/**
 * The ledger's own words (ETag, position, event type, permission names) for whoever needs
 * them, one click away: the page speaks a compliance officer's language first.
 */
export function technicalDetails(items: ReadonlyArray<readonly [string, Child]>, summary = 'Technical details'): HTMLElement {
  return h('details', { class: 'tech' },
    h('summary', {}, summary),
    h('dl', {}, items.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
  );
}
