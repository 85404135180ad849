/** A page of a list ordered by a key: `next` (the last key) when more follow, passed back as `after`. */
export interface KeysetPage<T> {
  items: T[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}

/** The page of `rows`, read with a limit one over the page's size: that extra row says whether more follow. */
export function keysetPage<Row, Item>(rows: readonly Row[], limit: number, toItem: (row: Row) => Item, keyOf: (item: Item) => string): KeysetPage<Item> {
  const items = rows.slice(0, limit).map(toItem);
  return rows.length > limit ? { items, next: keyOf(items[items.length - 1]!) } : { items };
}
