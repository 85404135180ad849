import { InvalidArgumentError } from './event-store.errors.js';
import type { EventFilter, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from './event-store.port.js';

export interface StreamReadRange {
  backwards: boolean;
  /** Inclusive. */
  fromRevision: number;
  /** Undefined: no limit. */
  maxCount: number | undefined;
}

export interface LogReadRange {
  /** Exclusive. */
  after: number;
  maxCount: number | undefined;
  filter: EventFilter | undefined;
}

export function streamReadRange(options: ReadStreamOptions = {}): StreamReadRange {
  const { direction = 'forwards' } = options;
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidArgumentError('options.direction', "must be 'forwards' or 'backwards'");
  }
  const backwards = direction === 'backwards';
  return {
    backwards,
    fromRevision: optionalCount(options.fromRevision, 'options.fromRevision') ?? (backwards ? Number.MAX_SAFE_INTEGER : 0),
    maxCount: optionalCount(options.maxCount, 'options.maxCount'),
  };
}

export function logReadRange(options: ReadAllOptions = {}): LogReadRange {
  return {
    after: optionalCount(options.after, 'options.after') ?? 0,
    maxCount: optionalCount(options.maxCount, 'options.maxCount'),
    filter: checkedFilter(options.filter),
  };
}

/**
 * The exclusive start position of a subscription. 'end' is resolved by the caller at
 * subscribe() time, so events appended before the first next() are not skipped.
 */
export function subscriptionStart(from: SubscribeOptions['from'], headPosition: () => number): number {
  if (from === 'start') return 0;
  if (from === 'end') return headPosition();
  if (from === undefined) throw new InvalidArgumentError('options.from', "must be 'start', 'end' or a position");
  return optionalCount(from, 'options.from') ?? 0;
}

export function checkedFilter(filter: EventFilter | undefined): EventFilter | undefined {
  if (filter === undefined) return undefined;
  for (const key of ['categories', 'eventTypes', 'streamIds'] as const) {
    const list = filter[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) {
      throw new InvalidArgumentError(`options.filter.${key}`, 'must be an array of strings');
    }
  }
  return filter;
}

function optionalCount(value: number | undefined, argument: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(argument, `must be an integer ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}
