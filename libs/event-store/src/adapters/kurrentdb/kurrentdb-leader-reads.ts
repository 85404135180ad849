import { isTransient } from './kurrentdb-errors.js';
import { nextRetryDelay } from './kurrentdb-options.js';

/**
 * Tries of a read a write depends on (the stream's tail before it, the positions after
 * it): enough for the client to follow a leader election, which it does on the call after
 * a NotLeader or unavailable answer.
 */
export const LEADER_READ_ATTEMPTS = 4;

/**
 * Runs a read that must see every acknowledged write, again after a transient failure.
 * Such reads ask for the leader (`requiresLeader: true`): the client's default lets a
 * follower answer, which may not yet hold the last writes (after a leader election, or
 * while it replicates), so the write would chain to a stale head and be refused as a
 * conflict, or find fewer events than it just wrote. A follower refuses a leader read
 * with NotLeader, and the client moves to the leader for the next try.
 */
export async function readFromLeader<T>(read: () => Promise<T>, delays: { retryDelayMs: number; maxRetryDelayMs: number }): Promise<T> {
  let delay = delays.retryDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= LEADER_READ_ATTEMPTS || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = nextRetryDelay(delay, delays.maxRetryDelayMs);
    }
  }
}
