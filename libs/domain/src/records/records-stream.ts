/**
 * The category of records-management streams (erasures now; legal holds and disposals may
 * join): published to subscribers like deals and parties, so KurrentDB's `$ce-records` and
 * `category=records` read them all. Admin streams (`admin-…`) stay unpublished operations.
 */
export const RECORDS_CATEGORY = 'records';

/** One stream per area of records management: `records-personal-data`. */
export type RecordsArea = 'personal-data';

/** The only place a records stream name is built. */
export function recordsStreamName(area: RecordsArea): string {
  return `${RECORDS_CATEGORY}-${area}`;
}

export function isRecordsStream(streamId: string): boolean {
  return streamId.startsWith(`${RECORDS_CATEGORY}-`);
}
