/**
 * The deals list's orders. The ledger pages deals in its own (keyset) order; the page sorts
 * the deals on screen. No DOM here (tested under Node).
 */
export type DealSort = 'recorded' | 'title' | 'figures';

export const DEAL_SORTS: Record<DealSort, string> = {
  recorded: 'Last recorded, newest first',
  title: 'Title, A to Z',
  figures: 'Number of figures, most first',
};

interface Sortable {
  title: string;
  updatedAt: string;
  figureCount: number;
}

export function sortDeals<T extends Sortable>(deals: readonly T[], by: DealSort): T[] {
  const copy = [...deals];
  switch (by) {
    case 'title':
      return copy.sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }));
    case 'figures':
      return copy.sort((a, b) => b.figureCount - a.figureCount || a.title.localeCompare(b.title, 'en'));
    case 'recorded':
      return copy.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }
}
