import { isRecord } from '../values/input.js';
import { isPartyEventType, type PartyEvent } from './party-events.js';

/**
 * The party event a stored one holds, or undefined for any other event. No party event has
 * a superseded version yet; the first one adds an upcaster here, as event-codec.ts does.
 */
export function fromStoredPartyEvent(type: string, data: unknown): PartyEvent | undefined {
  if (!isPartyEventType(type) || !isRecord(data)) return undefined;
  // Stored events were checked by the decider when written; the codec does not re-judge history.
  return { type, data } as unknown as PartyEvent;
}
