/** A value as SQLite gives it back. */
export type SqlValue = string | number | bigint | Buffer | null;

/** A row, column by column. */
export type Row = Record<string, SqlValue>;

/**
 * How a read model differs from the fold of the log:
 * - `value-differs`: a row the events give is served with another value in one column;
 * - `row-missing`: the events give a row that is not served;
 * - `row-unexpected`: a row is served that no event gives (an inserted or left-over row);
 * - `ahead-of-log`: the read model shows a revision of the deal that its stream does not
 *   have (or a deal whose stream does not exist): rows from a log that is not this one;
 * - `event-fails`: the projection's code fails on an event of the deal (the runner
 *   quarantines it), so the rows lack it and its stream's later events; `served` is the
 *   position the read model has quarantined for the stream, if any.
 */
export type ReadModelDifferenceKind = 'value-differs' | 'row-missing' | 'row-unexpected' | 'ahead-of-log' | 'event-fails';

export interface ReadModelDifference {
  kind: ReadModelDifferenceKind;
  dealId: string;
  /** The projection whose rows differ (`deal-state`, `audit-trail`). */
  projection: string;
  /** The table's base name, whichever generation of it is live (`deal_state_figures`). */
  table: string;
  /** The row's primary key, column by column (`{ deal_id, figure_id }`). */
  key: Row;
  /** The column that differs; absent when a whole row does. */
  column?: string;
  /** What the read model serves: the column's value, or the whole row; null when it has none. */
  served: SqlValue | Row;
  /** What the deal's events give: the column's value, or the whole row; null when they give none. */
  expected: SqlValue | Row;
  /** Why, in words, when the kind needs it (the error an event fails with). */
  note?: string;
}
