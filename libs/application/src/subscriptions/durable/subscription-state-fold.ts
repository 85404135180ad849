import type { ParkedEventRecord, SessionState } from './durable-subscription-states.js';
import type { SubscriptionStateEvent } from './durable-subscription-events.js';

/** One incarnation's state, folded from its state stream. */
export interface FoldedSubscriptionState {
  checkpoint: number;
  settledAbove: Set<number>;
  nacks: Map<number, number>;
  parked: Map<number, ParkedEventRecord>;
}

export function initialState(startPosition: number): FoldedSubscriptionState {
  return { checkpoint: startPosition, settledAbove: new Set(), nacks: new Map(), parked: new Map() };
}

/**
 * Applies one event of the incarnation to `state` (in place). Settlements commute: whichever
 * replica's comes first, the union of settled positions and the greatest checkpoint are the
 * same. A checkpoint only ever names a point below which everything was settled, and settled
 * positions never become unsettled, so the greatest one written is right.
 */
export function applyStateEvent(state: FoldedSubscriptionState, event: SubscriptionStateEvent): FoldedSubscriptionState {
  switch (event.type) {
    case 'DurableSubscriptionStarted.v1':
      return initialState(event.data.startPosition);
    case 'DurableSubscriptionStateSnapshot.v1': {
      const { checkpoint, settledAbove, nacks, parked } = event.data;
      return { checkpoint, settledAbove: new Set(settledAbove), nacks: new Map(nacks), parked: new Map(parked.map((p) => [p.position, p])) };
    }
    case 'DurableSubscriptionSettled.v1':
      settle(state, event.data.positions, event.data.checkpoint);
      return state;
    case 'DurableSubscriptionNacked.v1':
      state.nacks.set(event.data.position, (state.nacks.get(event.data.position) ?? 0) + 1);
      return state;
    case 'DurableSubscriptionEventParked.v1': {
      const { replayRequestedAt: _, ...parked } = event.data.parked;
      state.parked.set(parked.position, parked);
      settle(state, [parked.position], event.data.checkpoint);
      return state;
    }
    case 'DurableSubscriptionEventReparked.v1': {
      const { position, reason, attempts, parkedAt } = event.data;
      const parked = state.parked.get(position);
      if (parked) state.parked.set(position, { position, event: parked.event, reason, attempts, parkedAt });
      return state;
    }
    case 'DurableSubscriptionEventUnparked.v1':
      state.parked.delete(event.data.position);
      return state;
    case 'DurableSubscriptionReplayRequested.v1': {
      const { positions, at } = event.data;
      for (const parked of state.parked.values()) {
        if (positions === null || positions.includes(parked.position)) parked.replayRequestedAt = at;
      }
      return state;
    }
    default:
      return exhaustive(event);
  }
}

/** As DurableSubscriptionStore's settle: the checkpoint never goes back, and what is behind it is forgotten. */
function settle(state: FoldedSubscriptionState, positions: readonly number[], checkpoint: number): void {
  state.checkpoint = Math.max(state.checkpoint, checkpoint);
  for (const position of positions) {
    if (position > state.checkpoint) state.settledAbove.add(position);
    state.nacks.delete(position);
  }
  for (const position of state.settledAbove) if (position <= state.checkpoint) state.settledAbove.delete(position);
  for (const position of state.nacks.keys()) if (position <= state.checkpoint) state.nacks.delete(position);
}

export function snapshotOf(incarnation: string, state: FoldedSubscriptionState): Extract<SubscriptionStateEvent, { type: 'DurableSubscriptionStateSnapshot.v1' }> {
  return {
    type: 'DurableSubscriptionStateSnapshot.v1',
    data: {
      incarnation,
      checkpoint: state.checkpoint,
      settledAbove: [...state.settledAbove].sort((a, b) => a - b),
      nacks: [...state.nacks].sort(([a], [b]) => a - b),
      parked: parkedList(state),
    },
  };
}

export function parkedList(state: FoldedSubscriptionState): ParkedEventRecord[] {
  return [...state.parked.values()].sort((a, b) => a.position - b.position).map((parked) => ({ ...parked }));
}

/** Copies: a session changes what it is given. */
export function sessionStateOf(state: FoldedSubscriptionState): SessionState {
  return {
    checkpoint: state.checkpoint,
    settledAbove: new Set(state.settledAbove),
    nacks: new Map(state.nacks),
    replays: parkedList(state).filter((parked) => parked.replayRequestedAt !== undefined),
  };
}

function exhaustive(event: never): never {
  throw new Error(`Unknown subscription state event ${(event as { type: string }).type}`);
}
