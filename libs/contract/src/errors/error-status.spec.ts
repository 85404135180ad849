import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import {
  ApplicationError,
  idempotencyKeyReused,
  notConnected,
  recordedNotReadable,
  notInFlight,
  staleRevision,
  subscriptionExists,
  subscriptionNotFound,
  tooManyConflicts,
} from '#application';
import { ERROR_KINDS, conflict, invalid, LedgerError, notFound } from '#domain';
import {
  DuplicateEventIdError,
  EventStoreError,
  InvalidArgumentError,
  InvalidStreamNameError,
  StoreUnavailableError,
  UnreadableEventError,
  WrongExpectedRevisionError,
} from '#event-store';
import * as projections from '#projections';
import { AuthenticationError, ForbiddenError } from '#application';
import { describeError } from './describe-error.js';
import { RequestValidationError } from './error-body.js';
import { kindOfStatus, statusOfKind } from './error-status.js';

/** better-sqlite3's SqliteError: a message that may name the file, and its `code`. */
const sqliteError = (code: string) => Object.assign(new Error('/data/read-models.sqlite: database or disk is full'), { code });

/** body-parser's errors are http-errors objects: a status and a `type`. */
const parserError = (type: string) => Object.assign(new Error(type), { type });

describe('the status table', () => {
  it('gives every kind a status of its own', () => {
    expect(Object.keys(statusOfKind).sort()).toEqual([...ERROR_KINDS].sort());
    const statuses = Object.values(statusOfKind);
    expect(new Set(statuses).size).toBe(statuses.length);
    for (const kind of ERROR_KINDS) expect(kindOfStatus(statusOfKind[kind])).toBe(kind);
  });
});

describe('every known code keeps its status', () => {
  const cases: [string, number, string, unknown][] = [
    // the domain
    ['an invalid input', 400, 'ID.INVALID', invalid('ID.INVALID', 'bad', 'dealId')],
    ['an unknown deal', 404, 'DEAL.NOT_FOUND', notFound('DEAL.NOT_FOUND', 'no deal')],
    ['a rule against the state', 409, 'DEAL.ALREADY_REGISTERED', conflict('DEAL.ALREADY_REGISTERED', 'again')],
    // command handling
    ['a stale If-Match', 412, 'CONCURRENCY.STALE_REVISION', staleRevision('d', 1, 2)],
    ['a reused idempotency key', 422, 'IDEMPOTENCY.KEY_REUSED', idempotencyKeyReused('c')],
    ['a conflict that outlasts the retries', 409, 'CONCURRENCY.TOO_MANY_CONFLICTS', tooManyConflicts('d', 5)],
    ['a bad If-Match', 400, 'REQUEST.INVALID_IF_MATCH', new ApplicationError('REQUEST.INVALID_IF_MATCH', 'bad', 'invalid')],
    ['a command recorded, not readable in time', 503, 'COMMAND.RECORDED_NOT_READABLE', recordedNotReadable({ dealId: 'd', revision: 1, position: 9, eventIds: ['e'] }, 'c', { position: 7, state: 'faulted' })],
    ['a read model behind', 503, 'READ_MODEL.BEHIND', new ApplicationError('READ_MODEL.BEHIND', 'behind', 'unavailable')],
    ['too many requests', 429, 'REQUEST.RATE_LIMITED', new ApplicationError('REQUEST.RATE_LIMITED', 'slow down', 'rate_limited')],
    ['an unknown checkpoint', 404, 'CHECKPOINT.NOT_FOUND', new ApplicationError('CHECKPOINT.NOT_FOUND', 'none', 'not_found')],
    ['a taken key name', 409, 'KEYS.NAME_TAKEN', new ApplicationError('KEYS.NAME_TAKEN', 'taken', 'conflict')],
    // durable subscriptions
    ['an unknown subscription', 404, 'SUBSCRIPTION.NOT_FOUND', subscriptionNotFound('s')],
    ['a subscription defined otherwise', 409, 'SUBSCRIPTION.ALREADY_EXISTS', subscriptionExists('s')],
    ['a nack of nothing in flight', 409, 'SUBSCRIPTION.NOT_IN_FLIGHT', notInFlight('s')],
    ['a nack with no consumer', 409, 'SUBSCRIPTION.NOT_CONNECTED', notConnected('s')],
    // projections
    ['an unknown projection', 404, 'PROJECTION.NOT_FOUND', projections.projectionNotFound('p', [])],
    ['a rebuild already running', 409, 'PROJECTION.REBUILD_IN_PROGRESS', projections.rebuildInProgress('p', 'rebuild', 2)],
    ['no blue/green build', 409, 'PROJECTION.REBUILD_UNSUPPORTED', projections.blueGreenUnsupported('p')],
    ['no replay', 409, 'PROJECTION.REPLAY_UNSUPPORTED', projections.replayUnsupported('p')],
    ['a replay from ahead', 400, 'PROJECTION.REPLAY_FROM_AHEAD', projections.replayBeyondCheckpoint('p', 9, 3)],
    ['a frozen projection', 409, 'PROJECTION.VERSION_REBUILD_PENDING', projections.projectionFrozen('p')],
    ['a stopped runner', 503, 'PROJECTION.RUNNER_NOT_RUNNING', projections.runnerNotRunning('faulted')],
    ['an unknown quarantined event', 404, 'QUARANTINE.NOT_FOUND', projections.quarantineNotFound('p', 1)],
    ['a retry that fails again', 409, 'QUARANTINE.RETRY_FAILED', projections.retryFailed('p', 1, 'boom')],
    // the caller
    ['no credential', 401, 'AUTH.UNAUTHENTICATED', new AuthenticationError('AUTH.UNAUTHENTICATED', 'who?')],
    ['an expired token', 401, 'AUTH.TOKEN_EXPIRED', new AuthenticationError('AUTH.TOKEN_EXPIRED', 'old')],
    ['a bad token', 401, 'AUTH.TOKEN_INVALID', new AuthenticationError('AUTH.TOKEN_INVALID', 'bad')],
    ['roles that do not reach', 403, 'AUTH.FORBIDDEN', new ForbiddenError('no', {})],
    ['a request that does not validate', 400, 'REQUEST.VALIDATION_FAILED', new RequestValidationError([{ field: 'title', message: 'title is required' }])],
    ['a prototype key', 400, 'REQUEST.FORBIDDEN_KEY', new RequestValidationError([{ field: 'body.__proto__', message: 'reserved' }], 'REQUEST.FORBIDDEN_KEY')],
    // the store
    ['a bad stream name', 400, 'STORE.INVALID_STREAM_NAME', new InvalidStreamNameError('$all')],
    ['a bad store argument', 400, 'STORE.INVALID_ARGUMENT', new InvalidArgumentError('options.maxCount', 'negative')],
    ['a store that is down', 503, 'STORE.UNAVAILABLE', new StoreUnavailableError('/data/ledger.db is locked')],
    // SQLite under any ledger file (read models, subscriptions, the log tree): a failure that passes
    ['a full disk', 503, 'STORAGE.UNAVAILABLE', sqliteError('SQLITE_FULL')],
    ['an I/O error', 503, 'STORAGE.UNAVAILABLE', sqliteError('SQLITE_IOERR_WRITE')],
    ['a lock', 503, 'STORAGE.UNAVAILABLE', sqliteError('SQLITE_BUSY')],
    ['a full disk under an internal error of ours', 503, 'STORAGE.UNAVAILABLE', new EventStoreError('STORE.APPEND_FAILED', 'x', { cause: sqliteError('SQLITE_FULL') })],
    ['a corrupt file', 500, 'INTERNAL', sqliteError('SQLITE_CORRUPT')],
    ['a read-only file', 500, 'INTERNAL', sqliteError('SQLITE_READONLY')],
    ['a write conflict that reaches the caller', 409, 'CONCURRENCY.WRONG_EXPECTED_REVISION', new WrongExpectedRevisionError('admin-projections', 3, 4)],
    ['an event id stored twice', 500, 'INTERNAL', new DuplicateEventIdError('e')],
    ['an unreadable event', 500, 'INTERNAL', new UnreadableEventError({ streamId: 's', revision: 0, position: 1, eventId: 'e' }, 'edited')],
    ['any other store error', 500, 'INTERNAL', new EventStoreError('STORE.POSITION_UNAVAILABLE', 'no position')],
    // body-parser, zlib, the URI decoder: bare, or wrapped by Nest
    ['malformed JSON', 400, 'REQUEST.MALFORMED_JSON', parserError('entity.parse.failed')],
    ['malformed JSON, wrapped', 400, 'REQUEST.MALFORMED_JSON', new BadRequestException('bad', { cause: parserError('entity.parse.failed') })],
    ['a body too large', 413, 'REQUEST.BODY_TOO_LARGE', parserError('entity.too.large')],
    ['an unknown encoding', 415, 'REQUEST.UNSUPPORTED_ENCODING', parserError('encoding.unsupported')],
    ['an unknown charset', 415, 'REQUEST.UNSUPPORTED_CHARSET', parserError('charset.unsupported')],
    ['an aborted request', 400, 'REQUEST.ABORTED', parserError('request.aborted')],
    ['a wrong Content-Length', 400, 'REQUEST.SIZE_INVALID', parserError('request.size.invalid')],
    ['a body that does not inflate', 400, 'REQUEST.MALFORMED_ENCODING', Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' })],
    ['a bad percent-encoding', 400, 'REQUEST.MALFORMED_URI', new URIError('URI malformed')],
    // Nest's own refusals
    ['an unknown route', 404, 'ROUTE.NOT_FOUND', new NotFoundException('Cannot POST /nowhere')],
    ['Nest: 401', 401, 'AUTH.UNAUTHENTICATED', new HttpException('x', 401)],
    ['Nest: 403', 403, 'AUTH.FORBIDDEN', new HttpException('x', 403)],
    ['Nest: 405', 405, 'ROUTE.METHOD_NOT_ALLOWED', new HttpException('x', 405)],
    ['Nest: 413', 413, 'REQUEST.BODY_TOO_LARGE', new HttpException('x', 413)],
    ['Nest: 415', 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', new HttpException('x', 415)],
    ['Nest: 429', 429, 'REQUEST.RATE_LIMITED', new HttpException('x', 429)],
    ['Nest: 409', 409, 'HTTP.409', new HttpException('x', 409)],
    ['Nest: a 4xx with no kind of its own', 400, 'HTTP.418', new HttpException('x', 418)],
    ['Nest: a 5xx', 500, 'INTERNAL', new HttpException('x', 502)],
    // anything else
    ['a bug', 500, 'INTERNAL', new TypeError('x is undefined')],
    ['a thrown string', 500, 'INTERNAL', 'boom'],
    ['an internal ledger error', 500, 'INTERNAL', new LedgerError('SOMETHING.BROKE', '/secret/path', 'internal')],
  ];

  it.each(cases)('%s → %i %s', (_name, statusCode, code, error) => {
    expect(describeError(error)).toMatchObject({ statusCode, code });
  });
});

describe('the error body', () => {
  it('names the field of a domain error, and has no details', () => {
    expect(describeError(invalid('ID.INVALID', 'bad id', 'dealId'))).toEqual({ statusCode: 400, code: 'ID.INVALID', message: 'bad id', field: 'dealId' });
  });

  it('shows an application error its details, and its details.field as the field', () => {
    const error = new ApplicationError('KEYS.INVALID_NAME', 'bad name', 'invalid', { field: 'name' });
    expect(describeError(error)).toEqual({ statusCode: 400, code: 'KEYS.INVALID_NAME', message: 'bad name', field: 'name', details: { field: 'name' } });
    expect(describeError(projections.projectionNotFound('p', ['q']))).toEqual({
      statusCode: 404,
      code: 'PROJECTION.NOT_FOUND',
      message: 'No projection named p',
      details: { projection: 'p', known: ['q'] },
    });
  });

  it('lists every request problem, the first as the message and field', () => {
    const error = new RequestValidationError([
      { field: 'title', message: 'title is required' },
      { field: 'dealId', message: 'dealId is required' },
    ]);
    expect(describeError(error)).toEqual({
      statusCode: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      message: 'title is required',
      field: 'title',
      errors: error.errors,
    });
  });

  it('keeps a credential problem to its code and message', () => {
    expect(describeError(new AuthenticationError('AUTH.TOKEN_EXPIRED', 'The token has expired'))).toEqual({
      statusCode: 401,
      code: 'AUTH.TOKEN_EXPIRED',
      message: 'The token has expired',
    });
  });

  it('tells the caller the store is down, and the log where', () => {
    const error = new StoreUnavailableError('/data/ledger.db: SQLITE_BUSY');
    expect(describeError(error)).toEqual({ statusCode: 503, code: 'STORE.UNAVAILABLE', message: 'The event store is unavailable' });
    expect(error.message).toBe('/data/ledger.db: SQLITE_BUSY');
  });

  it('tells the caller the storage is unavailable, and not which file', () => {
    expect(describeError(sqliteError('SQLITE_FULL'))).toEqual({
      statusCode: 503,
      code: 'STORAGE.UNAVAILABLE',
      message: "The ledger's storage is unavailable for now: try again shortly",
    });
  });

  it('says nothing of an internal error', () => {
    expect(describeError(new Error('/secret/path'))).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' });
  });
});
