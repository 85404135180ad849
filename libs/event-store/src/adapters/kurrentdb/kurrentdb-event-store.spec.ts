import {
  EventStoreError,
  InvalidArgumentError,
  StoreUnavailableError,
} from '../../event-store.errors.js';
import { closedLoopbackPort } from '../../testing/closed-loopback-port.js';
import { collect, newEvent, newEvents } from '../../testing/contract-fixtures.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { checkOptions, nextRetryDelay } from './kurrentdb-options.js';

/**
 * The adapter with the real client against a loopback port nobody listens on: what the
 * ledger meets when KurrentDB is down. (The behaviour against a running server is the
 * contract suite in test/kurrentdb, run where a server or a container runtime exists.)
 */
describe('KurrentDbEventStore while the server cannot be reached', () => {
  let port: number;
  let connectionString: string;
  const opened: KurrentDbEventStore[] = [];

  beforeAll(async () => {
    port = await closedLoopbackPort();
    connectionString = `kurrentdb://ledger:s3cret@127.0.0.1:${port}?tls=false`;
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  async function openUnverified(options: Partial<Parameters<typeof KurrentDbEventStore.open>[0]> = {}) {
    const store = await KurrentDbEventStore.open({ connectionString, verifyConnection: false, ...options });
    opened.push(store);
    return store;
  }

  it('fails to open with StoreUnavailableError naming the address, without the credentials', async () => {
    const error = await KurrentDbEventStore.open({ connectionString }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^Cannot reach KurrentDB at kurrentdb://127\\.0\\.0\\.1:${port}: `));
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('refuses a connection string the client cannot parse, as an invalid argument', async () => {
    await expect(KurrentDbEventStore.open({ connectionString: 'postgres://localhost/ledger' })).rejects.toThrow(InvalidArgumentError);
    await expect(KurrentDbEventStore.open({ connectionString: 'kurrentdb://host:port' })).rejects.toThrow(/connectionString: is not a KurrentDB connection string/);
  });

  it('answers every call with StoreUnavailableError naming the address', async () => {
    const store = await openUnverified();
    const unavailable = expect.objectContaining({ code: 'STORE.UNAVAILABLE', message: expect.stringContaining(`127.0.0.1:${port}`) });
    await expect(store.append('deal-1', newEvents(1), 'no_stream')).rejects.toEqual(unavailable);
    await expect(store.appendMany([{ streamId: 'deal-1', events: newEvents(1), expectedRevision: 'any' }])).rejects.toEqual(unavailable);
    await expect(store.readStream('deal-1')).rejects.toEqual(unavailable);
    await expect(collect(store.readAll())).rejects.toEqual(unavailable);
    await expect(store.headPosition()).rejects.toEqual(unavailable);
    for (const call of [() => store.readStream('deal-1'), () => store.headPosition()]) {
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
    }
  });

  it('refuses bad input before it talks to the server', async () => {
    const store = await openUnverified({ categories: ['deal'] });
    await expect(store.append('deal-1', [newEvent({ eventId: 'not-a-uuid' })], 'any')).rejects.toThrow(InvalidArgumentError);
    await expect(store.append('$ce-deal', newEvents(1), 'any')).rejects.toMatchObject({ code: 'STORE.INVALID_STREAM_NAME' });
    await expect(store.append('fund-1', newEvents(1), 'any')).rejects.toThrow(/outside this store's categories \(deal\)/);
    await expect(
      store.appendMany([
        { streamId: 'deal-1', events: newEvents(1), expectedRevision: 'any' },
        { streamId: 'fund-1', events: newEvents(1), expectedRevision: 'any' },
      ]),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(store.readStream('deal-1', { maxCount: -1 })).rejects.toThrow(InvalidArgumentError);
    expect(() => store.subscribe({ from: -1 })).toThrow(InvalidArgumentError);
    // Streams the store does not own hold nothing for it: no request is made.
    expect(await store.readStream('$ce-deal')).toEqual([]);
    expect(await store.readStream('fund-1')).toEqual([]);
    expect(await collect(store.readAll({ filter: { categories: ['fund'] } }))).toEqual([]);
  });

  it('keeps a subscription trying again, with a doubling delay, until it is closed', async () => {
    const retries: { error: EventStoreError; delayMs: number }[] = [];
    let enough!: () => void;
    const fourRetries = new Promise<void>((resolve) => (enough = resolve));
    const store = await openUnverified({
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
      onSubscriptionRetry: (error, delayMs) => {
        retries.push({ error, delayMs });
        if (retries.length === 4) enough();
      },
    });
    const subscription = store.subscribe({ from: 'start' });
    const next = subscription[Symbol.asyncIterator]().next();
    await fourRetries;
    subscription.close();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    expect(retries.slice(0, 4).map((r) => r.delayMs)).toEqual([5, 10, 20, 20]);
    for (const { error } of retries) {
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toContain(`127.0.0.1:${port}`);
    }
  });

  it('once closed, refuses everything with StoreUnavailableError and ends its subscriptions', async () => {
    const store = await openUnverified({ retryDelayMs: 10_000 });
    const subscription = store.subscribe({ from: 'end' });
    const next = subscription[Symbol.asyncIterator]().next();
    await store.close();
    await expect(next).resolves.toMatchObject({ done: true });
    await expect(store.append('deal-1', newEvents(1), 'any')).rejects.toThrow(/closed/);
    await expect(store.readStream('deal-1')).rejects.toThrow(StoreUnavailableError);
    await expect(collect(store.readAll())).rejects.toThrow(StoreUnavailableError);
    await expect(store.headPosition()).rejects.toThrow(StoreUnavailableError);
    expect(() => store.subscribe({ from: 'start' })).toThrow(StoreUnavailableError);
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('KurrentDbEventStore options', () => {
  it.each([
    ['no connection string', { connectionString: ' ' }],
    ['a zero connect timeout', { connectionString: 'kurrentdb://h', connectTimeoutMs: 0 }],
    ['a fractional retry delay', { connectionString: 'kurrentdb://h', retryDelayMs: 1.5 }],
    ['a prefix with a dash', { connectionString: 'kurrentdb://h', streamPrefix: 'a-b' }],
  ])('refuse %s', (_, options) => {
    expect(() => checkOptions(options)).toThrow(InvalidArgumentError);
  });

  it('default to a verified connection, 10 s to connect, retries from 100 ms doubling to 5 s', () => {
    expect(checkOptions({ connectionString: 'kurrentdb://h' })).toMatchObject({
      verifyConnection: true,
      connectTimeoutMs: 10_000,
      retryDelayMs: 100,
      maxRetryDelayMs: 5_000,
      readPageSize: 500,
      scope: { streamPrefix: '', categories: undefined },
    });
    expect([100, 200, 400, 4000].map((d) => nextRetryDelay(d, 5_000))).toEqual([200, 400, 800, 5_000]);
  });
});
