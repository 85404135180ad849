import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { RequestValidationError } from './errors/error-body.js';
import { memoizeValidationMetadata } from './validation-metadata-memo.js';

// Every validation, HTTP or import, asks for the same rules of the same classes.
memoizeValidationMetadata();

/** Unknown fields are errors, not silently dropped: a typo must not lose a fact. */
export const validatorOptions: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
};

/**
 * Flattens class-validator's tree into `a.b[0].c` paths, one entry per broken rule; a member
 * left out breaks every rule on it, and is said once: "<field> is required".
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const messages = Object.values(error.constraints ?? {});
    const own =
      error.value === undefined && messages.length > 0
        ? [{ field, message: `${field} is required` }]
        : messages.map((message) => ({ field, message: withField(message, field) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator says "property x should not exist" with the bare name; give the path. */
function withField(message: string, field: string): string {
  return message.replace(/^property (\S+) should not exist$/, `${field} is not a known field`);
}

/** The same validation outside HTTP (the import command), so both reject the same input. */
export function validateRequest<T extends object>(type: ClassConstructor<T>, plain: unknown): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new RequestValidationError([{ field: '', message: 'the body must be a JSON object' }]);
  }
  const instance = plainToInstance(type, plain);
  const errors = validateSync(instance, validatorOptions);
  if (errors.length > 0) throw new RequestValidationError(flattenValidationErrors(errors));
  return instance;
}
