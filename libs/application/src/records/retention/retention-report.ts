import type { EventStore } from '#event-store';
import type { LegalHold, LegalHoldsInForce } from '../legal-hold.js';
import { RECORD_CATEGORIES, type RecordCategory, type RetentionSchedule } from './retention-schedule.js';
import { scanRetention, type DisposalUnit, type RetainedRecord } from './retention-scan.js';

export interface RetentionCategoryReport {
  category: RecordCategory;
  years: number;
  /** Records of the category in the log, and how many of them were disposed of already. */
  records: number;
  disposed: number;
  /** Records past their date: those a disposal would take now, and those holds keep. */
  pastRetention: number;
  disposable: number;
  held: number;
  /** The record past its date the longest (disposable or held), if any. */
  oldest?: RetainedRecord;
  /** Each hold that keeps records of this category back, with how many. */
  holds: { holdId: string; reference: string; reason: string; records: number }[];
}

export interface RetentionReport {
  /** The moment the schedule was applied at. */
  asOf: string;
  categories: RetentionCategoryReport[];
}

/** Per category: the schedule, what is past it, the oldest such record, what holds keep back. */
export async function retentionReport(store: EventStore, schedule: RetentionSchedule, holds: LegalHoldsInForce, now: Date): Promise<RetentionReport> {
  const scan = await scanRetention(store, schedule, await holds(), now);
  return {
    asOf: now.toISOString(),
    categories: RECORD_CATEGORIES.map((category) => categoryReport(category, schedule[category], scan.counts[category], scan.due.filter((u) => u.category === category))),
  };
}

function categoryReport(category: RecordCategory, years: number, counts: { records: number; disposed: number }, due: DisposalUnit[]): RetentionCategoryReport {
  const count = (units: DisposalUnit[]) => units.reduce((sum, u) => sum + u.records.length, 0);
  const held = due.filter((u) => u.holds.length > 0);
  const holds = new Map<string, RetentionCategoryReport['holds'][number]>();
  for (const unit of held) {
    for (const { holdId, reference, reason } of unit.holds) {
      const entry = holds.get(holdId) ?? { holdId, reference, reason, records: 0 };
      entry.records += unit.records.length;
      holds.set(holdId, entry);
    }
  }
  const oldest = due
    .flatMap((u) => u.records)
    .reduce<RetainedRecord | undefined>((old, r) => (!old || r.recordedAt < old.recordedAt ? r : old), undefined);
  return {
    category,
    years,
    records: counts.records,
    disposed: counts.disposed,
    pastRetention: count(due),
    disposable: count(due) - count(held),
    held: count(held),
    ...(oldest ? { oldest } : {}),
    holds: [...holds.values()],
  };
}
