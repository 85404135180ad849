import { assertValidId } from '../values/identifiers.js';

/** The category of deal streams: KurrentDB's `$ce-deal` reads them all. */
export const DEAL_CATEGORY = 'deal';

/** The only place a deal stream name is built. */
export function dealStreamName(dealId: string): string {
  assertValidId(dealId, 'dealId');
  return `${DEAL_CATEGORY}-${dealId}`;
}

/** The deal id of a deal stream, or undefined for any other stream. */
export function dealIdFromStreamName(streamId: string): string | undefined {
  const prefix = `${DEAL_CATEGORY}-`;
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}
