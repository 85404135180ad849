import type { ReadModelDifference, Row, SqlValue } from './read-model-difference.js';

export interface RowsToCompare {
  dealId: string;
  projection: string;
  table: string;
  key: readonly string[];
  served: readonly Row[];
  expected: readonly Row[];
}

/**
 * Row by row (matched by primary key), column by column: every way the served rows
 * differ from the rows the events give. Rows of one deal only, so it runs in JavaScript.
 */
export function compareRows({ dealId, projection, table, key, served, expected }: RowsToCompare): ReadModelDifference[] {
  const keyOf = (row: Row): Row => Object.fromEntries(key.map((column) => [column, row[column] ?? null]));
  const id = (row: Row): string => JSON.stringify(key.map((column) => String(row[column])));
  const about = (row: Row) => ({ dealId, projection, table, key: keyOf(row) });
  const servedById = new Map(served.map((row) => [id(row), row]));
  const differences: ReadModelDifference[] = [];

  for (const row of expected) {
    const found = servedById.get(id(row));
    servedById.delete(id(row));
    if (!found) {
      differences.push({ kind: 'row-missing', ...about(row), served: null, expected: row });
      continue;
    }
    for (const column of new Set([...Object.keys(row), ...Object.keys(found)])) {
      const value = found[column] ?? null;
      const wanted = row[column] ?? null;
      if (!sameValue(value, wanted)) differences.push({ kind: 'value-differs', ...about(row), column, served: value, expected: wanted });
    }
  }
  for (const row of servedById.values()) differences.push({ kind: 'row-unexpected', ...about(row), served: row, expected: null });
  return differences;
}

/** SQLite values: equal by type and value (a figure amount edited from '110000000' to 110000000 differs). */
function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  return a === b;
}
