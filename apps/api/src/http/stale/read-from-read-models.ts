import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { STALE_HEADER } from './stale-answer.js';
import { FIXED_BY, StaleReadsInterceptor } from './stale-reads.interceptor.js';

/** @nestjs/swagger's metadata key of a route's answers (DECORATORS.API_RESPONSE, not exported from the package root). */
const API_RESPONSE = 'swagger/apiResponse';

const staleHeader = {
  [STALE_HEADER]: {
    description:
      '`behind=<n>`: the read models were n events behind the log (`behind=unknown`: the log could not be read); ' +
      '`; held-back=<k>`: k deals of the answer wait behind a quarantined event. The body says more in `stale`. ' +
      'Absent on a fresh answer',
    schema: { type: 'string', example: 'behind=3' },
  },
};

/**
 * A read answered from the read models at the head of the log: it says so when they are
 * behind (see StaleReadsInterceptor). `fixedBy` names query parameters that fix the answer
 * to a moment of the record (`knownAt`): given, the answer is not at the head.
 * Documents the header on the route's answers whichever order the decorators run in.
 */
export const ReadFromReadModels = (options: { fixedBy?: readonly string[] } = {}): MethodDecorator =>
  applyDecorators(SetMetadata(FIXED_BY, options.fixedBy ?? []), UseInterceptors(StaleReadsInterceptor), documentStaleHeader);

const documentStaleHeader: MethodDecorator = (_target, _key, descriptor) => {
  const handler = descriptor.value as object;
  const responses = (Reflect.getMetadata(API_RESPONSE, handler) ?? {}) as Record<string, { headers?: object }>;
  const ok = responses['200'] ?? {};
  Reflect.defineMetadata(API_RESPONSE, { ...responses, 200: { ...ok, headers: { ...ok.headers, ...staleHeader } } }, handler);
  return descriptor;
};
