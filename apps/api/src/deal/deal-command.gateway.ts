import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { Response } from 'express';
import { CLOCK, DryRunDealCommand, RecordDealCommand, type CommandContext } from '#application';
import { assertValidId, isValidId, type DealCommand } from '#domain';
import { principalOf, type AuthenticatedRequest } from '../auth/principal.js';
import { etagOf, parseIfMatch } from '../http/if-match.js';
import { commandAnswer, type CommandAnswer } from './command.answer.js';
import type { CommandCall } from './command-call.js';
import { dryRunAnswer, type DryRunAnswer } from './dry-run.answer.js';
import { RequestValidationError, plausibilityOverrideOf, toDealCommand, type DealCommandRoute } from '#contract';

/** The HTTP side of every deal command: ids and If-Match in; ETag and Location out. */
@Injectable()
export class DealCommandGateway {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async send<R extends object>(
    route: DealCommandRoute<R>,
    body: R & { commandId?: string },
    { target, request, response, dryRun }: CommandCall,
  ): Promise<CommandAnswer | DryRunAnswer> {
    // First: the moment of recording that reports are held to is when the request arrived.
    const receivedAt = this.clock().toISOString();
    if (target.figureId !== undefined) assertValidId(target.figureId, 'figureId');
    const commandId = commandIdOf(request, body);
    const command = toDealCommand(route, target, body, commandId);
    const plausibilityOverride = plausibilityOverrideOf(body);
    const context: CommandContext = {
      actor: principalOf(request).actor,
      commandId,
      correlationId: headerId(request, 'x-correlation-id') ?? commandId,
      causationId: headerId(request, 'x-causation-id') ?? commandId,
      ...optionalRevision(parseIfMatch(request.header('if-match'))),
      receivedAt,
      ...(plausibilityOverride !== undefined && { plausibilityOverride }),
    };
    if (dryRun) return this.dryRun(command, context, response);
    const result = await this.commandBus.execute(new RecordDealCommand(command, context));
    response.status(201);
    response.setHeader('ETag', etagOf(result.revision));
    response.setHeader('Location', `/deals/${encodeURIComponent(command.dealId)}`);
    // A replay answers exactly what the first call answered; only this header differs.
    const { replayed, ...answer } = result;
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return commandAnswer(answer);
  }

  /** 200, not 201: nothing was created. The ETag is the revision decided on, for the real call's If-Match. */
  private async dryRun(command: DealCommand, context: CommandContext, response: Response): Promise<DryRunAnswer> {
    const result = await this.commandBus.execute(new DryRunDealCommand(command, context));
    response.status(200);
    response.setHeader('Dry-Run', 'true');
    if (result.revision !== null) response.setHeader('ETag', etagOf(result.revision));
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return dryRunAnswer(result);
  }
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

function optionalRevision(revision: number | undefined): { expectedRevision?: number } {
  return revision === undefined ? {} : { expectedRevision: revision };
}
