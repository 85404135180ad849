import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, RequestValidationError, validatorOptions } from '#contract';

/** Nest's pipe with the contract's validation: a body is checked as `ledger import` checks a line. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...validatorOptions,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
