import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreError,
  InvalidArgumentError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors.js';
import { describeEndpoint, isTransient, translateKurrentError } from './kurrentdb-errors.js';

/** The client's own error classes, built the way the client builds them from a server answer. */
const bridgeError = (name: string, message: string, metadata: Record<string, string> = {}) =>
  Object.assign(new Error(message), { name, metadata }) as never;

describe('KurrentDB client errors in the store’s terms', () => {
  const endpoint = 'kurrentdb://127.0.0.1:2113';

  it.each<[string, 'no_stream' | bigint, number | 'no_stream']>([
    ['an existing stream', 4n, 4],
    ['a missing stream', 'no_stream', 'no_stream'],
  ])('WrongExpectedVersionError on %s → WrongExpectedRevisionError with the caller’s expectation', (_, current, actual) => {
    const clientError = new WrongExpectedVersionError(undefined, { streamName: 't.deal-1', expected: 2n, current });
    const error = translateKurrentError(clientError, { endpoint, streamId: 'deal-1', expected: 'stream_exists' });
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ code: 'CONCURRENCY.WRONG_EXPECTED_REVISION', streamId: 'deal-1', expected: 'stream_exists', actual });
    expect(error.cause).toBe(clientError);
  });

  it.each([
    ['UnavailableError', new UnavailableError(bridgeError('UnavailableError', 'UnavailableError'))],
    ['DeadlineExceededError', new DeadlineExceededError()],
    ['a raw gRPC UNAVAILABLE (code 14) the client let through', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' })],
  ])('%s → StoreUnavailableError naming the server, and worth retrying', (_, clientError) => {
    const error = translateKurrentError(clientError, { endpoint });
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE.UNAVAILABLE', message: expect.stringContaining(endpoint) });
    expect(isTransient(clientError)).toBe(true);
    expect(error.message).not.toMatch(/UnavailableError/);
  });

  it('NotLeaderError → StoreUnavailableError naming the leader the client goes to next', () => {
    const clientError = new NotLeaderError(bridgeError('NotLeaderError', 'not leader', { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' }));
    const error = translateKurrentError(clientError, { endpoint });
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toContain('node2:2113');
    expect(isTransient(clientError)).toBe(true);
  });

  it('AccessDeniedError → STORE.ACCESS_DENIED, not worth retrying', () => {
    const clientError = new AccessDeniedError(bridgeError('AccessDeniedError', 'Access denied'));
    expect(translateKurrentError(clientError, { endpoint })).toMatchObject({ code: 'STORE.ACCESS_DENIED', message: expect.stringContaining(endpoint) });
    expect(isTransient(clientError)).toBe(false);
  });

  it('a too large append → InvalidArgumentError on the events', () => {
    const error = translateKurrentError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), { endpoint, streamId: 'deal-1' });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'events' });
  });

  it('a deleted stream, a missing stream and anything else → EventStoreError with its own code', () => {
    expect(translateKurrentError(StreamDeletedError.fromStreamName('deal-1'), { endpoint, streamId: 'deal-1' })).toMatchObject({ code: 'STORE.STREAM_DELETED' });
    expect(translateKurrentError(new StreamNotFoundError(undefined, 'deal-1'), { endpoint, streamId: 'deal-1' })).toMatchObject({ code: 'STORE.STREAM_NOT_FOUND' });
    const unknown = translateKurrentError(new UnknownError(bridgeError('Weird', 'something odd')), { endpoint });
    expect(unknown).toBeInstanceOf(EventStoreError);
    expect(unknown).toMatchObject({ code: 'STORE.UNEXPECTED', message: expect.stringContaining('something odd') });
    expect(translateKurrentError(new TypeError('boom'), { endpoint })).toMatchObject({ code: 'STORE.UNEXPECTED' });
  });

  it('passes our own errors through unchanged', () => {
    const ours = new StoreUnavailableError('closed');
    expect(translateKurrentError(ours, { endpoint })).toBe(ours);
  });
});

describe('the server’s address in messages', () => {
  it.each([
    ['kurrentdb://127.0.0.1:2113?tls=false', 'kurrentdb://127.0.0.1:2113'],
    ['kurrentdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader', 'kurrentdb://node1:2113,node2:2113,node3:2113'],
    ['kurrentdb+discover://ops:s3cret@cluster.internal:2113', 'kurrentdb+discover://cluster.internal:2113'],
    ['  KurrentDB://host/?tls=false ', 'kurrentdb://host'],
    // A base64 password holds '/' and '+', and may hold '?' or '@' unescaped.
    ['kurrentdb://admin:Ab3/xYz+Q=@kurrentdb:2113?tls=true', 'kurrentdb://kurrentdb:2113'],
    ['kurrentdb://admin:p?a@ss/w@node1:2113,node2:2113?tls=true', 'kurrentdb://node1:2113,node2:2113'],
    ['not a connection string', 'an unparsable connection string'],
  ])('%s → %s, never with credentials', (connectionString, shown) => {
    expect(describeEndpoint(connectionString)).toBe(shown);
  });
});
