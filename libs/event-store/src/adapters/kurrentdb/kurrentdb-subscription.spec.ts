import { PassThrough } from 'node:stream';
import { AccessDeniedError, UnavailableError, UnknownError, type AllStreamResolvedEvent, type AllStreamSubscription, type Position } from '@kurrent/kurrentdb-client';
import { EventStoreError, StoreUnavailableError } from '../../event-store.errors.js';
import type { RecordedEvent } from '../../event-store.port.js';
import { take } from '../../testing/contract-fixtures.js';
import { translateKurrentError } from './kurrentdb-errors.js';
import { KurrentDbSubscription, type LiveFeed } from './kurrentdb-subscription.js';

/**
 * The re-subscription logic on its own: native subscriptions are played by object streams
 * that deliver what a test pushes, fail with the client's own error classes, and record
 * where each was opened. (Against a server: the contract suite in test/kurrentdb.)
 */
class ScriptedFeed implements LiveFeed {
  readonly opened: (number | 'end')[] = [];
  readonly natives: PassThrough[] = [];
  /** How each native subscription reports the server's filter checkpoints. */
  readonly checkpoints: ((position: Position) => void)[] = [];
  /** The store's head, as head() answers it (undefined: the read fails). */
  headNow: number | undefined = 0;

  open(after: number | 'end', checkpoint: (position: Position) => void): AllStreamSubscription {
    this.opened.push(after);
    this.checkpoints.push(checkpoint);
    const native = Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribe: async () => void native.end(),
    });
    this.natives.push(native);
    return native as unknown as AllStreamSubscription;
  }

  decode(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    const position = Number(resolved.event!.position.commit);
    // Odd positions play events outside the store's scope.
    return position % 2 === 1 ? undefined : ({ position, eventId: `e${position}` } as RecordedEvent);
  }

  /** The events the "server" holds, for floor(). */
  stored: number[] = [];

  async head(): Promise<number> {
    if (this.headNow === undefined) throw new UnavailableError();
    return this.headNow;
  }

  async floor(position: number): Promise<number> {
    return [...this.stored].reverse().find((p) => p <= position) ?? 0;
  }

  translate(error: unknown): EventStoreError {
    return translateKurrentError(error, { endpoint: 'kurrentdb://test:2113' });
  }

  /** The most recently opened native subscription. */
  get current(): PassThrough {
    return this.natives[this.natives.length - 1]!;
  }
}

const at = (position: number) => ({ event: { position: { commit: BigInt(position), prepare: BigInt(position) } } }) as AllStreamResolvedEvent;
const positions = (events: RecordedEvent[]) => events.map((e) => e.position);

describe('KurrentDbSubscription', () => {
  const retries: { error: EventStoreError; delayMs: number }[] = [];
  let feed: ScriptedFeed;
  const subscribe = (from: number | 'end') =>
    new KurrentDbSubscription(feed, from, { initialDelayMs: 1, maxDelayMs: 4, onRetry: (error, delayMs) => retries.push({ error, delayMs }) }, () => undefined);

  beforeEach(() => {
    feed = new ScriptedFeed();
    retries.length = 0;
  });

  it('opens the native subscription at once, after the position asked for, and yields what it delivers', async () => {
    const subscription = subscribe(10);
    expect(feed.opened).toEqual([10]);
    for (const p of [12, 13, 14]) feed.current.write(at(p));
    expect(positions(await take(subscription, 2))).toEqual([12, 14]);
  });

  it('drops what is at or before the last position it yielded (a read that starts at it)', async () => {
    const subscription = subscribe(10);
    for (const p of [10, 12]) feed.current.write(at(p));
    expect(positions(await take(subscription, 1))).toEqual([12]);
  });

  it('after a transient failure, opens again after the last event it yielded: nothing skipped, nothing twice', async () => {
    const subscription = subscribe(0);
    const received = take(subscription, 4);
    feed.current.write(at(2));
    feed.current.write(at(4));
    await new Promise((resolve) => setImmediate(resolve));
    feed.current.destroy(new UnavailableError());
    await until(() => feed.natives.length === 2);
    // The new subscription starts where the old one stopped; the server may repeat that event.
    for (const p of [4, 6, 8]) feed.current.write(at(p));
    expect(positions(await received)).toEqual([2, 4, 6, 8]);
    expect(feed.opened).toEqual([0, 4]);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.error).toBeInstanceOf(StoreUnavailableError);
  });

  it('keeps trying with a doubling delay while failures go on, and resets the delay once events flow', async () => {
    const subscription = subscribe(0);
    const received = take(subscription, 1);
    for (let i = 0; i < 4; i++) {
      await until(() => feed.natives.length === i + 1);
      feed.current.destroy(new UnavailableError());
    }
    await until(() => feed.natives.length === 5);
    feed.current.write(at(2));
    expect(positions(await received)).toEqual([2]);
    expect(retries.map((r) => r.delayMs)).toEqual([1, 2, 4, 4]);
  });

  it('opens again when the server ends the subscription without an error', async () => {
    const subscription = subscribe(0);
    const received = take(subscription, 2);
    feed.current.write(at(2));
    feed.current.end();
    await until(() => feed.natives.length === 2);
    feed.current.write(at(4));
    expect(positions(await received)).toEqual([2, 4]);
    expect(feed.opened).toEqual([0, 2]);
  });

  it('ends the iteration with the translated error on a failure that retrying cannot cure', async () => {
    const subscription = subscribe(0);
    const next = subscription[Symbol.asyncIterator]().next();
    feed.current.destroy(new AccessDeniedError());
    await expect(next).rejects.toMatchObject({ code: 'STORE.ACCESS_DENIED' });
    expect(feed.natives).toHaveLength(1);
  });

  it('does not crash the process when the native subscription fails before anyone iterates', async () => {
    const subscription = subscribe(0);
    feed.current.destroy(new UnavailableError());
    await new Promise((resolve) => setImmediate(resolve));
    subscription.close();
    await expect(subscription[Symbol.asyncIterator]().next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('from the end: resumes after the last event it yielded', async () => {
    const subscription = subscribe('end');
    const received = take(subscription, 2);
    feed.current.write(at(40));
    await new Promise((resolve) => setImmediate(resolve));
    feed.current.destroy(new UnavailableError());
    await until(() => feed.natives.length === 2);
    feed.current.write(at(42));
    expect(positions(await received)).toEqual([40, 42]);
    expect(feed.opened).toEqual(['end', 40]);
  });

  // Issue 17, item 11: opening at the end as it is at the cut would pass over what came in between.
  it('from the end, cut before anything arrived: resumes after the head as it was when subscribe() was called', async () => {
    feed.headNow = 30;
    const subscription = subscribe('end');
    const received = take(subscription, 2);
    feed.headNow = 60;
    feed.current.destroy(new UnavailableError());
    await until(() => feed.natives.length === 2);
    for (const p of [30, 40, 50]) feed.current.write(at(p));
    expect(positions(await received)).toEqual([40, 50]);
    expect(feed.opened).toEqual(['end', 30]);
  });

  it('from the end, cut before anything arrived and the head unreadable then: ends unavailable for its owner to subscribe from a position', async () => {
    feed.headNow = undefined;
    const subscription = subscribe('end');
    const next = subscription[Symbol.asyncIterator]().next();
    feed.current.destroy(new UnavailableError());
    await expect(next).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(feed.opened).toEqual(['end']);
  });

  it('from the end, a failure retrying cannot cure before anything arrived ends with it, opening nothing again', async () => {
    feed.headNow = 30;
    feed.stored = [30];
    const subscription = subscribe('end');
    const next = subscription[Symbol.asyncIterator]().next();
    feed.current.destroy(new AccessDeniedError());
    await expect(next).rejects.toMatchObject({ code: 'STORE.ACCESS_DENIED' });
    expect(feed.opened).toEqual(['end']);
  });

  it('a server filter checkpoint moves where it opens again past the events the filter rejected', async () => {
    const subscription = subscribe(0);
    const received = take(subscription, 2);
    feed.current.write(at(10));
    await new Promise((resolve) => setImmediate(resolve));
    feed.checkpoints[0]!({ commit: 90n, prepare: 90n });
    await new Promise((resolve) => setImmediate(resolve));
    feed.current.destroy(new UnavailableError());
    await until(() => feed.natives.length === 2);
    feed.current.write(at(80));
    feed.current.write(at(100));
    expect(positions(await received)).toEqual([10, 100]);
    expect(feed.opened).toEqual([0, 90]);
  });

  it('a checkpoint the client reports while events before it wait unread in its stream is passed over, never put ahead of them', async () => {
    const subscription = subscribe(0);
    const received = take(subscription, 2);
    feed.current.pause();
    feed.current.write(at(10));
    feed.checkpoints[0]!({ commit: 90n, prepare: 90n });
    feed.current.resume();
    await new Promise((resolve) => setImmediate(resolve));
    feed.current.destroy(new UnavailableError());
    await until(() => feed.natives.length === 2);
    feed.current.write(at(50));
    expect(positions(await received)).toEqual([10, 50]);
    expect(feed.opened).toEqual([0, 10]);
  });

  it('started at a number where no event is, which the server refuses: opens once more after the event before it', async () => {
    feed.stored = [10, 20, 30];
    const subscription = subscribe(25);
    const received = take(subscription, 2);
    feed.current.destroy(new UnknownError(Object.assign(new Error('Trying to read from an invalid position.'), { name: 'Error' }) as never));
    await until(() => feed.natives.length === 2);
    // Everything up to the number asked for is still passed over.
    for (const p of [30, 40]) feed.current.write(at(p));
    await new Promise((resolve) => setImmediate(resolve));
    feed.current.write(at(24));
    feed.current.write(at(50));
    expect(positions(await received)).toEqual([30, 40]);
    expect(feed.opened).toEqual([25, 20]);
    expect(retries).toEqual([]);
  });

  it('does not try that twice, nor after it has yielded events', async () => {
    feed.stored = [10];
    const subscription = subscribe(25);
    const next = subscription[Symbol.asyncIterator]().next();
    feed.current.destroy(new UnknownError());
    await until(() => feed.natives.length === 2);
    feed.current.destroy(new UnknownError());
    await expect(next).rejects.toMatchObject({ code: 'STORE.UNEXPECTED' });
    expect(feed.opened).toEqual([25, 10]);
  });

  it('close() unsubscribes the native subscription and ends a waiting iteration', async () => {
    const subscription = subscribe(0);
    const next = subscription[Symbol.asyncIterator]().next();
    const native = feed.current;
    subscription.close();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    expect(native.writableEnded).toBe(true);
  });
});

/** Waits (a few event-loop turns at a time) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('the condition never held');
}
