import { assertValidId } from '../values/identifiers.js';

/** The category of party streams: KurrentDB's `$ce-party` reads them all. */
export const PARTY_CATEGORY = 'party';

/** The only place a party stream name is built. */
export function partyStreamName(partyId: string): string {
  assertValidId(partyId, 'partyId');
  return `${PARTY_CATEGORY}-${partyId}`;
}

/** The party id of a party stream, or undefined for any other stream. */
export function partyIdFromStreamName(streamId: string): string | undefined {
  const prefix = `${PARTY_CATEGORY}-`;
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}
