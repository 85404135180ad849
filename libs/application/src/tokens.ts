import { DEFAULT_EFFECTIVE_WINDOW, type EffectiveWindow } from '#domain';
import type { FoldedStreamCache } from './command-handling/folded-stream-cache.js';
import type { PersonalDataSealer } from './records/personal-data/personal-data-sealer.js';

/** Nest injection tokens for the ports the application depends on. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_PROGRESS = Symbol('READ_MODEL_PROGRESS');
/** Where durable subscriptions keep their state (DurableSubscriptionStates): a SQLite file, or the event store's streams. */
export const DURABLE_SUBSCRIPTION_STATES = Symbol('DURABLE_SUBSCRIPTION_STATES');
export const DEAL_STATE_READER = Symbol('DEAL_STATE_READER');
export const PARTY_DIRECTORY_READER = Symbol('PARTY_DIRECTORY_READER');
export const AUDIT_READER = Symbol('AUDIT_READER');
export const APPLICATION_OPTIONS = Symbol('APPLICATION_OPTIONS');
/** The server's clock (`() => Date`): the one the store stamps commit times with. */
export const CLOCK = Symbol('CLOCK');

export interface ApplicationOptions {
  /** How long a command waits for the read models to show its events before answering. */
  readModelWaitMs: number;
  /** Attempts on a concurrency conflict when the caller sent no `If-Match`. */
  maxConflictRetries: number;
  /**
   * How long a read at the head of the log waits for read models that are behind it before
   * it is answered as it is, marked stale: short, since nobody asked for a position.
   */
  staleReadWaitMs: number;
  /** Where an `effectiveAt` is plausible without an override (LEDGER_EFFECTIVE_WINDOW). */
  effectiveWindow: EffectiveWindow;
  /** Where names of people are kept apart from the log (the personal-data vault). */
  personalData?: PersonalDataSealer | undefined;
  /** Deal states kept between commands, so that a command reads only what was appended since. */
  foldedStreams?: FoldedStreamCache | undefined;
}

export const defaultApplicationOptions: ApplicationOptions = {
  readModelWaitMs: 5000,
  maxConflictRetries: 20,
  staleReadWaitMs: 100,
  effectiveWindow: DEFAULT_EFFECTIVE_WINDOW,
};

/** Lets a command answer only once the read models show its events (read-your-writes): the projections' port. */
export type { ReadModelProgress } from '#projections';

/** The ledger's LedgerSigner: its key, origin and verifier key. */
export const LEDGER_SIGNER = Symbol('LEDGER_SIGNER');

/** The read models' SQLite database (better-sqlite3), for checks of its rows against the log. */
export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');

/**
 * The parts of the ledger that follow the log and heal on their own (`SelfHealing[]`): what
 * `/health/ready` reports, metrics count and an admin may retry by hand.
 */
export const SELF_HEALING = Symbol('SELF_HEALING');

export type { ComponentHealth, SelfHealing } from '#event-store';
