import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ApplicationError } from '#application';
import { StoreUnavailableError } from '#event-store';
import { ERROR_CODE_LOCAL } from '../metrics/command-outcomes.js';
import { LedgerExceptionFilter } from './ledger-exception.filter.js';

/** The answer the filter writes: its status, headers and body. */
function answerTo(exception: unknown) {
  const answer = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown, locals: {} as Record<string, unknown> };
  const response = {
    headersSent: false,
    locals: answer.locals,
    setHeader: (name: string, value: string) => void (answer.headers[name] = value),
    status(code: number) {
      answer.status = code;
      return this;
    },
    json: (body: unknown) => void (answer.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new LedgerExceptionFilter().catch(exception, host);
  return answer;
}

describe('the answers of the exception filter', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('answers a full disk under any ledger file 503 with Retry-After, naming no file', () => {
    const full = Object.assign(new Error('/data/subscriptions.sqlite: database or disk is full'), { code: 'SQLITE_FULL' });
    const answer = answerTo(full);
    expect(answer).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { code: 'STORAGE.UNAVAILABLE' } });
    expect(JSON.stringify(answer.body)).not.toContain('/data');
    // For the command-outcome metric.
    expect(answer.locals).toEqual({ [ERROR_CODE_LOCAL]: 'STORAGE.UNAVAILABLE' });
  });

  it('gives every 503 a Retry-After, its own when it says one', () => {
    expect(answerTo(new StoreUnavailableError('refused')).headers).toEqual({ 'Retry-After': '1' });
    expect(answerTo(new ApplicationError('READ_MODEL.BEHIND', 'behind', 'unavailable', { retryAfterSeconds: 5 })).headers).toEqual({ 'Retry-After': '5' });
  });

  it('keeps Retry-After to a rate limit that says it, and gives none to other refusals or a 500', () => {
    expect(answerTo(new ApplicationError('REQUEST.RATE_LIMITED', 'slow', 'rate_limited', { retryAfterSeconds: 7 })).headers).toEqual({ 'Retry-After': '7' });
    expect(answerTo(new ApplicationError('DEAL.NOT_FOUND', 'none', 'not_found')).headers).toEqual({});
    expect(answerTo(Object.assign(new Error('corrupt'), { code: 'SQLITE_CORRUPT' }))).toMatchObject({ status: 500, headers: {} });
  });
});
