import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { RecordDealCommand, type CommandContext } from '#application';
import { assertValidId, isValidId } from '#domain';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { etagOf, parseIfMatch } from '../http/if-match.js';
import { commandAnswer, type CommandAnswer } from './command.answer.js';
import type { CommandCall } from './command-call.js';
import { RequestValidationError, toDealCommand, type DealCommandRoute } from '#contract';

/** The HTTP side of every deal command: ids and If-Match in; ETag and Location out. */
@Injectable()
export class DealCommandGateway {
  constructor(private readonly commandBus: CommandBus) {}

  async send<R extends object>(
    route: DealCommandRoute<R>,
    body: R & { commandId?: string },
    { target, request, response }: CommandCall,
  ): Promise<CommandAnswer> {
    if (target.figureId !== undefined) assertValidId(target.figureId, 'figureId');
    const commandId = commandIdOf(request, body);
    const command = toDealCommand(route, target, body, commandId);
    const context: CommandContext = {
      actor: principalOf(request).actor,
      commandId,
      correlationId: headerId(request, 'x-correlation-id') ?? commandId,
      causationId: headerId(request, 'x-causation-id') ?? commandId,
      ...optionalRevision(parseIfMatch(request.header('if-match'))),
    };
    const result = await this.commandBus.execute(new RecordDealCommand(command, context));
    response.status(201);
    response.setHeader('ETag', etagOf(result.revision));
    response.setHeader('Location', `/deals/${encodeURIComponent(command.dealId)}`);
    // A replay answers exactly what the first call answered; only this header differs.
    const { replayed, ...answer } = result;
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return commandAnswer(answer);
  }
}

/** `Idempotency-Key` header, else the body's `commandId`, else a fresh time-ordered id. */
export function commandIdOf(request: AuthenticatedRequest, body: { commandId?: string }): string {
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

export function headerId(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.header(name);
  if (value === undefined) return undefined;
  if (!isValidId(value)) {
    throw new RequestValidationError([{ field: name, message: `${name} must be 1–100 characters of A-Z a-z 0-9 . _ -` }]);
  }
  return value;
}

export function optionalRevision(revision: number | undefined): { expectedRevision?: number } {
  return revision === undefined ? {} : { expectedRevision: revision };
}
