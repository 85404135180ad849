/**
 * Pages live in the URL's fragment (`/#/deals/caremag-2025?knownAt=14`): the API owns
 * every path, so the page never competes with a route, and a link can be shared or
 * bookmarked with the moment of the record it shows.
 */
export type Route =
  | { page: 'list'; party?: string; commodity?: string; title?: string; after?: string }
  | { page: 'deal'; dealId: string; knownAt?: string; validAt?: string }
  | { page: 'figure'; dealId: string; figureId: string; knownAt?: string }
  | { page: 'compare'; dealId: string; from?: string; to?: string; by?: 'record' | 'effect' }
  | { page: 'unknown'; fragment: string };

export function parseRoute(fragment: string): Route {
  const [rawPath = '', search = ''] = fragment.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(search);
  const param = (name: string): string | undefined => params.get(name) || undefined;
  const parts = rawPath.split('/').filter((p) => p !== '').map(decodeURIComponent);

  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'deals')) {
    return withDefined({ page: 'list', party: param('party'), commodity: param('commodity'), title: param('title'), after: param('after') });
  }
  if (parts[0] === 'deals' && parts.length === 2) return withDefined({ page: 'deal', dealId: parts[1]!, knownAt: param('knownAt'), validAt: param('validAt') });
  if (parts[0] === 'deals' && parts.length === 3 && parts[2] === 'compare') {
    return withDefined({ page: 'compare', dealId: parts[1]!, from: param('from'), to: param('to'), by: param('by') === 'effect' ? 'effect' as const : undefined });
  }
  if (parts[0] === 'deals' && parts.length === 4 && parts[2] === 'figures') {
    return withDefined({ page: 'figure', dealId: parts[1]!, figureId: parts[3]!, knownAt: param('knownAt') });
  }
  return { page: 'unknown', fragment };
}

export function hrefOf(route: Route): string {
  const query = (params: Record<string, string | undefined>): string => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  };
  const id = encodeURIComponent;
  switch (route.page) {
    case 'list':
      return `#/deals${query({ party: route.party, commodity: route.commodity, title: route.title, after: route.after })}`;
    case 'deal':
      return `#/deals/${id(route.dealId)}${query({ knownAt: route.knownAt, validAt: route.validAt })}`;
    case 'figure':
      return `#/deals/${id(route.dealId)}/figures/${id(route.figureId)}${query({ knownAt: route.knownAt })}`;
    case 'compare':
      return `#/deals/${id(route.dealId)}/compare${query({ by: route.by === 'effect' ? 'effect' : undefined, from: route.from, to: route.to })}`;
    case 'unknown':
      return route.fragment;
  }
}

/** Drops the keys whose value is undefined, so optional fields stay absent. */
export function withDefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
