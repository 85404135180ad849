import { dealStateProjection, tableSet, type Projection } from '#projections';
import { quote, type ReadModelTables } from './read-model-tables.js';

/** The live names of every compared table that exists (each has a `deal_id`). */
function liveTables(live: ReadModelTables, projections: readonly Projection[]): string[] {
  const names: string[] = [];
  for (const projection of projections) {
    const generation = tableSet(live.served(projection.name)?.generation ?? 0);
    for (const base of projection.tables ?? []) {
      const name = generation.name(base);
      if (live.keyOf(name).length > 0) names.push(name);
    }
  }
  return names;
}

/**
 * Every deal id that has a row in any compared table, in id order, a page at a time:
 * memory stays bounded by the page, and a deal with only a stray row (a figure row with
 * no deal row) is found too. Each page asks which generation is live, so a swap between
 * pages is followed.
 */
export function* dealIdsInReadModels(live: ReadModelTables, projections: readonly Projection[], pageSize = 500): Generator<string> {
  let after = '';
  for (;;) {
    const tables = liveTables(live, projections);
    if (tables.length === 0) return;
    // Each arm reads its next page of distinct ids from an index that starts with deal_id.
    const arms = tables.map((t) => `SELECT deal_id FROM (SELECT DISTINCT deal_id FROM ${quote(t)} WHERE deal_id > @after ORDER BY deal_id LIMIT @limit)`);
    const page = live.db
      .prepare<{ after: string; limit: number }, string>(`${arms.join(' UNION ')} ORDER BY deal_id LIMIT @limit`)
      .pluck()
      .all({ after, limit: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!;
  }
}

/** Whether the deal has any row in any compared table. */
export function hasReadModelRows(live: ReadModelTables, projections: readonly Projection[], dealId: string): boolean {
  return liveTables(live, projections).some((table) => live.rowsOfDeal(table, dealId).length > 0);
}

/** The live name of the deal-state read model's table of deals; undefined when it does not exist. */
export function liveDealsTable(live: ReadModelTables): string | undefined {
  const table = tableSet(live.served(dealStateProjection.name)?.generation ?? 0).name('deal_state_deals');
  return live.keyOf(table).length > 0 ? table : undefined;
}

/** How many deals the deal-state read model lists (the progress bar's total). */
export function dealCount(live: ReadModelTables): number {
  const table = liveDealsTable(live);
  return table === undefined ? 0 : (live.db.prepare(`SELECT COUNT(*) FROM ${quote(table)}`).pluck().get() as number);
}
