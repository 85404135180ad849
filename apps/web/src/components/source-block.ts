import { h } from '../dom.js';
import { formatReportedDate } from '../format.js';
import type { Source } from '../types.js';

/** Who reported it (and who within), what, and how far from the origin: publisher first. */
export function sourceBlock(source: Source): HTMLElement {
  const details = [
    `${source.tier} source`,
    source.citedBy ? `cited by ${source.citedBy}` : undefined,
    source.publishedAt ? `published ${formatReportedDate(source.publishedAt)}` : undefined,
  ].filter((d) => d !== undefined);
  return h('div', { class: 'source-block' },
    h('span', { class: 'publisher' }, source.publisher),
    source.attribution ? ` (${source.attribution})` : '',
    source.title ? h('div', {}, isWebAddress(source.url)
      ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, source.title, h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))
      : source.title) : null,
    h('div', { class: 'sub' }, details.join(' · ')),
  );
}

/** Only web addresses become links: a recorded `javascript:` URL must never run here. */
function isWebAddress(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\//i.test(url);
}
