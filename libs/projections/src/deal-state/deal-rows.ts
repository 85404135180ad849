import type { Database, Statement } from 'better-sqlite3';
import type { BatchMode } from '../projection.js';
import type { TableSet } from '../table-set.js';

/** Where and by whom an event was recorded: the columns every row it writes carries. */
export interface RecordedAt {
  dealId: string;
  revision: number;
  position: number;
  recordedAt: string;
  actor: string;
  eventId: string;
}

/** The columns every event of a deal changes on its row; `changed` once an event after the batch's first read did. */
interface HeldDeal {
  revision: number;
  position: number;
  updatedAt: string;
  figureCount: number;
  changed: boolean;
}

/**
 * The one write almost every event makes: its deal's row takes the event's revision,
 * position and time, and counts the figures it introduces (their ordinals follow it).
 *
 * Event by event, that is one `UPDATE … RETURNING` per event. In batch mode (the
 * runner's fast path, while it catches up) each deal's row is read once per batch,
 * kept here and written once at `flush`: the same final row, since each of these columns
 * ends as the last event left it (or as the sum, for the count). Nothing else in the
 * projection reads them, and other columns (the parties a deal gains) are written at once
 * by their own statements, so the row held here and the stored one never disagree on a
 * column both write. Memory is bounded by the deals of one batch.
 */
export class DealRows implements BatchMode {
  private readonly touchNow: Statement<[number, number, string, number, string], number>;
  private readonly figureCountOf: Statement<[string], number>;
  private readonly write: Statement<[number, number, string, number, string]>;
  /** The batch's deals while in batch mode; null for a deal with no row (events of a deal never registered). */
  private held: Map<string, HeldDeal | null> | undefined;

  constructor(db: Database, tables: TableSet) {
    const deals = tables.name('deal_state_deals');
    this.touchNow = db
      .prepare<[number, number, string, number, string], number>(`UPDATE ${deals}
        SET revision = ?, position = ?, updated_at = ?, figure_count = figure_count + ? WHERE deal_id = ? RETURNING figure_count`)
      .pluck();
    this.figureCountOf = db.prepare<[string], number>(`SELECT figure_count FROM ${deals} WHERE deal_id = ?`).pluck();
    this.write = db.prepare(`UPDATE ${deals} SET revision = ?, position = ?, updated_at = ?, figure_count = ? WHERE deal_id = ?`);
  }

  begin(): void {
    this.held = new Map();
  }

  flush(): void {
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    for (const [dealId, deal] of held) {
      if (deal?.changed) this.write.run(deal.revision, deal.position, deal.updatedAt, deal.figureCount, dealId);
    }
  }

  discard(): void {
    this.held = undefined;
  }

  /** The deal's row was just inserted by the event at `at` (no figure yet). */
  registered(at: RecordedAt): void {
    this.held?.set(at.dealId, { revision: at.revision, position: at.position, updatedAt: at.recordedAt, figureCount: 0, changed: false });
  }

  /**
   * An event of the deal introducing `newFigures` figures: returns the deal's figure count
   * before it, or undefined when the deal has no row (nothing of its events is shown).
   */
  touch(at: RecordedAt, newFigures: number): number | undefined {
    if (!this.held) {
      const after = this.touchNow.get(at.revision, at.position, at.recordedAt, newFigures, at.dealId);
      return after === undefined ? undefined : after - newFigures;
    }
    const deal = this.heldDeal(at.dealId);
    if (!deal) return undefined;
    const before = deal.figureCount;
    deal.revision = at.revision;
    deal.position = at.position;
    deal.updatedAt = at.recordedAt;
    deal.figureCount = before + newFigures;
    deal.changed = true;
    return before;
  }

  private heldDeal(dealId: string): HeldDeal | null {
    const held = this.held!;
    let deal = held.get(dealId);
    if (deal === undefined) {
      const figureCount = this.figureCountOf.get(dealId);
      deal = figureCount === undefined ? null : { revision: 0, position: 0, updatedAt: '', figureCount, changed: false };
      held.set(dealId, deal);
    }
    return deal;
  }
}
