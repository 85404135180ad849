import { DEAL_CATEGORY, PARTY_CATEGORY } from '#domain';
import { categoryOf, DISPOSAL_STREAM } from '#event-store';
import { ADMIN_CATEGORY } from '../../admin/admin-events.js';
import { ACCESS_LOG_STREAM } from '../../access/access-events.js';
import { LEGAL_HOLDS_STREAM } from '../active-legal-holds.js';

/**
 * The records a retention schedule applies to. Everything else is kept for good: API keys
 * (`access-keys`: who could do what stays provable), subscriptions, the disposal records
 * (`admin-disposals`), which explain every gap disposal leaves, the legal holds
 * (`admin-holds`: a hold in force must never go, and its release explains what went after it),
 * and the records streams (`records-…`: erasures, which a restored vault is erased by again).
 */
export const RECORD_CATEGORIES = ['deal-events', 'access-log', 'admin-events'] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** Years each category is kept, counted from when the ledger recorded it. */
export type RetentionSchedule = Readonly<Record<RecordCategory, number>>;

/**
 * SEC Rule 17a-4 and FINRA Rule 4511 keep most books and records six years (4511(b): six years
 * where no other period is set); the access log and admin events are the audit trail of those
 * records (17a-4(f)(2)(i)(A) as amended in 2022), so they are kept as long.
 */
export const DEFAULT_RETENTION_YEARS = 6;
export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  'deal-events': DEFAULT_RETENTION_YEARS,
  'access-log': DEFAULT_RETENTION_YEARS,
  'admin-events': DEFAULT_RETENTION_YEARS,
};

/** The category of a stream's records, or undefined for streams kept for good. */
export function recordCategoryOf(streamId: string): RecordCategory | undefined {
  const category = categoryOf(streamId);
  if (category === DEAL_CATEGORY || category === PARTY_CATEGORY) return 'deal-events';
  if (streamId === ACCESS_LOG_STREAM) return 'access-log';
  if (category === ADMIN_CATEGORY && streamId !== DISPOSAL_STREAM && streamId !== LEGAL_HOLDS_STREAM) return 'admin-events';
  return undefined;
}

/**
 * The instant a record recorded at `recordedAt` may be disposed of: the same calendar moment
 * `years` later, in UTC (a record of 29 February is kept until 1 March of a year without one).
 */
export function retainedUntil(recordedAt: string, years: number): string {
  const at = new Date(recordedAt);
  const until = new Date(at);
  until.setUTCFullYear(at.getUTCFullYear() + years);
  return until.toISOString();
}
