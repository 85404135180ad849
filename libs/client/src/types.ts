import type { DealEventType, LedgerEventEnvelope, PartyEventType, RecordsEventType } from '#domain';
import type { components } from './generated/ledger-api.js';

/** An event as the ledger delivers it, deal, party or records, typed by `type` (narrow on it to type `data` and `dealId`, `partyId` or neither). */
export type LedgerEvent = LedgerEventEnvelope;
export type LedgerEventType = DealEventType | PartyEventType | RecordsEventType;
export type LedgerEventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

/**
 * Every criterion given must hold; each lists alternatives. No `categories`: every published
 * one (`deal`, `party`, `records`). `dealIds` and `partyIds` together: the events of any of
 * those streams (records events, which name neither, are never among them).
 */
export interface EventFilter {
  categories?: string[];
  types?: LedgerEventType[];
  dealIds?: string[];
  partyIds?: string[];
}

/** `start`, `end`, or a cursor (an event's `position`): the stream starts right after it. */
export type StartFrom = 'start' | 'end' | (string & {});

export type EventHandler = (event: LedgerEvent) => void | Promise<void>;

// Answer shapes: generated from the OpenAPI document (`npm run contract`).
type Schemas = components['schemas'];

export type DurableSubscriptionInfo = Omit<Schemas['DurableSubscriptionAnswer'], 'filter'> & { filter: EventFilter };

/** A parked event, its envelope typed as every event the client delivers. */
export type ParkedEvent = Omit<Schemas['ParkedEventAnswer'], 'event'> & { event: LedgerEvent };

/** The error body every 4xx/5xx of the ledger has. */
export type LedgerErrorBody = Schemas['ErrorAnswer'];
