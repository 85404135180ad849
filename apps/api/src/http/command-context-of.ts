import { v7 as uuidv7 } from 'uuid';
import type { CommandContext } from '#application';
import { isValidId } from '#domain';
import { RequestValidationError, plausibilityOverrideOf } from '#contract';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { parseIfMatch } from './if-match.js';

/**
 * Who sent a command, when it arrived, and under which ids, from the request: the same for
 * every command route (deals and parties). `receivedAt` is read first thing, as the moment of
 * recording that the command's reports are held to.
 */
export function commandContextOf(request: AuthenticatedRequest, body: { commandId?: string }, receivedAt: string): CommandContext {
  const commandId = commandIdOf(request, body);
  const plausibilityOverride = plausibilityOverrideOf(body);
  const expectedRevision = parseIfMatch(request.header('if-match'));
  return {
    actor: principalOf(request).actor,
    commandId,
    correlationId: headerId(request, 'x-correlation-id') ?? commandId,
    causationId: headerId(request, 'x-causation-id') ?? commandId,
    ...(expectedRevision !== undefined && { expectedRevision }),
    receivedAt,
    ...(plausibilityOverride !== undefined && { plausibilityOverride }),
  };
}

/** `Idempotency-Key` header, else the body's `commandId`, else a fresh time-ordered id. */
function commandIdOf(request: AuthenticatedRequest, body: { commandId?: string }): string {
  const header = request.header('idempotency-key');
  if (header !== undefined && !isValidId(header)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1–100 characters of A-Z a-z 0-9 . _ -' },
    ]);
  }
  if (header !== undefined && body.commandId !== undefined && header !== body.commandId) {
    throw new RequestValidationError([{ field: 'commandId', message: 'commandId differs from the Idempotency-Key header' }]);
  }
  return header ?? body.commandId ?? uuidv7();
}

function headerId(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.header(name);
  if (value === undefined) return undefined;
  if (!isValidId(value)) {
    throw new RequestValidationError([{ field: name, message: `${name} must be 1–100 characters of A-Z a-z 0-9 . _ -` }]);
  }
  return value;
}
