import type { DealEventEnvelope, DealEventType } from '#domain';

/** An event as the ledger delivers it, typed by `type` (narrow on it to type `data`). */
export type LedgerEvent = DealEventEnvelope;
export type LedgerEventType = DealEventType;
export type LedgerEventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

/** Every criterion given must hold; each lists alternatives. */
export interface EventFilter {
  categories?: string[];
  types?: LedgerEventType[];
  dealIds?: string[];
}

/** `start`, `end`, or a cursor (an event's `position`): the stream starts right after it. */
export type StartFrom = 'start' | 'end' | (string & {});

export type EventHandler = (event: LedgerEvent) => void | Promise<void>;

export interface DurableSubscriptionInfo {
  name: string;
  filter: EventFilter;
  from: string;
  checkpoint: string;
  maxRetries: number;
  maxInFlight: number;
  createdAt: string;
  createdBy: string;
  connected: boolean;
  inFlight: number;
  parked: number;
}

export interface ParkedEvent {
  position: string;
  reason: string;
  attempts: number;
  parkedAt: string;
  replayRequestedAt?: string;
  event: LedgerEvent;
}

/** The error body every 4xx/5xx of the ledger has. */
export interface LedgerErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
}
