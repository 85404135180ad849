import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CLOCK, DryRunDealCommand, RecordDealCommand, type CommandContext } from '#application';
import { assertValidId, type DealCommand } from '#domain';
import { commandContextOf } from '../http/command-context-of.js';
import { etagOf } from '../http/if-match.js';
import { commandAnswer, type CommandAnswer } from './command.answer.js';
import type { CommandCall } from '../http/command-call.js';
import { setDryRunHeaders } from '../http/dry-run.js';
import { dryRunAnswer, type DryRunAnswer } from './dry-run.answer.js';
import { toDealCommand, type DealCommandRoute } from '#contract';

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
    const context = commandContextOf(request, body, receivedAt);
    const command = toDealCommand(route, target, body, context.commandId);
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

  private async dryRun(command: DealCommand, context: CommandContext, response: Response): Promise<DryRunAnswer> {
    const result = await this.commandBus.execute(new DryRunDealCommand(command, context));
    setDryRunHeaders(response, result);
    return dryRunAnswer(result);
  }
}
