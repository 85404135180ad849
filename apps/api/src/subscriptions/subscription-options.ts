import type { LiveEventFeedOptions } from '#application';
import type { SseOptions } from './sse-connection.js';

/** Tuning of event streams; the defaults suit production, tests shorten the heartbeat. */
export interface SubscriptionOptions extends Partial<SseOptions>, LiveEventFeedOptions {
  /** Event streams one identity may hold open at once (SSE follows and durable consumers together). */
  maxStreamsPerIdentity?: number;
}

export const SUBSCRIPTION_OPTIONS = Symbol('SUBSCRIPTION_OPTIONS');
export const SUBSCRIPTION_EVENT_STORE = Symbol('SUBSCRIPTION_EVENT_STORE');

export const DEFAULT_SSE_OPTIONS: SseOptions = { heartbeatMs: 15_000, retryMs: 1_000 };
