import { v7 as uuidv7 } from 'uuid';
import type { JsonObject, NewEvent } from '#event-store';
import type { EventSelection } from '../event-selection.js';
import type { ParkedEventRecord } from './durable-subscription-states.js';

/**
 * The category of the streams that hold durable subscriptions' state when it lives in the
 * event store (EventStreamSubscriptionStates, on KurrentDB): every replica reads and writes the
 * same streams. Not a published category: consumers never see these events (the projections'
 * feed reads past them, no projection handles them);
 * the retention schedule keeps them for good (they are not records it disposes of).
 */
export const SUBSCRIPTION_CATEGORY = 'subscription';

/** Which subscriptions exist, with their definitions: `DurableSubscriptionCreated.v1`, `…Deleted.v1`. */
export const SUBSCRIPTION_DEFINITIONS_STREAM = `${SUBSCRIPTION_CATEGORY}-definitions`;

/** The only place a state stream name is built: `subscription-state-<name>` (no name collides with `definitions`). */
export function subscriptionStateStreamName(name: string): string {
  return `${SUBSCRIPTION_CATEGORY}-state-${name}`;
}

/**
 * Events of the definitions stream. A subscription deleted and created again under its name is
 * another incarnation: the id of its `Created` event, which every state event names.
 */
export type SubscriptionDefinitionEvent =
  | {
      type: 'DurableSubscriptionCreated.v1';
      data: { name: string; selection: EventSelection; startPosition: number; maxRetries: number; maxInFlight: number; createdAt: string; createdBy: string };
    }
  | { type: 'DurableSubscriptionDeleted.v1'; data: { name: string; incarnation: string } };

/**
 * Events of a subscription's state stream, each naming its incarnation. Settling is
 * order-independent (settled positions are a union, the checkpoint a maximum), so replicas
 * append with no expected revision and lose nothing to each other. `Started` is the first of
 * an incarnation, a `StateSnapshot` sums up everything before it: a reader goes back no
 * further than the latest of the two.
 */
export type SubscriptionStateEvent =
  | { type: 'DurableSubscriptionStarted.v1'; data: { incarnation: string; startPosition: number } }
  | { type: 'DurableSubscriptionSettled.v1'; data: { incarnation: string; positions: number[]; checkpoint: number } }
  | { type: 'DurableSubscriptionNacked.v1'; data: { incarnation: string; position: number; reason: string } }
  | {
      type: 'DurableSubscriptionEventParked.v1';
      data: { incarnation: string; parked: ParkedEventRecord; checkpoint: number };
    }
  | {
      type: 'DurableSubscriptionEventReparked.v1';
      data: { incarnation: string; position: number; reason: string; attempts: number; parkedAt: string };
    }
  | { type: 'DurableSubscriptionEventUnparked.v1'; data: { incarnation: string; position: number } }
  | { type: 'DurableSubscriptionReplayRequested.v1'; data: { incarnation: string; positions: number[] | null; at: string } }
  | {
      type: 'DurableSubscriptionStateSnapshot.v1';
      data: { incarnation: string; checkpoint: number; settledAbove: number[]; nacks: [number, number][]; parked: ParkedEventRecord[] };
    };

export type SubscriptionStateEventType = SubscriptionStateEvent['type'];

/** Who writes the bookkeeping events (a subscription's state is the ledger's, not a caller's). */
export const SUBSCRIPTIONS_ACTOR = 'system:durable-subscriptions';

/** A definition or state event as the store is handed it; its own id is its command id. */
export function newSubscriptionEvent(event: SubscriptionStateEvent | SubscriptionDefinitionEvent, actor = SUBSCRIPTIONS_ACTOR, eventId: string = uuidv7()): NewEvent {
  return { eventId, type: event.type, data: event.data as unknown as JsonObject, metadata: { actor, commandId: eventId, correlationId: eventId, causationId: eventId } };
}
